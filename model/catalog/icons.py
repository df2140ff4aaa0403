"""Where icon files are: the installed diagrams package's resources, else our icons/ folder
(model/resources.py says where that is in a checkout, a wheel and a bundle)."""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

from model.catalog.spec import Icon
from model.resources import package_dir, shared_dir

LOCAL_ICONS = shared_dir("icons")


@cache
def diagrams_resources() -> Path | None:
    """The diagrams package's resources folder, found without importing the package. It sits
    beside the packages: in site-packages, or in a bundle that carries the icons but not the
    diagrams package (the PyInstaller spec copies only the icons the catalog draws)."""
    spec = importlib.util.find_spec("diagrams")
    if spec is not None and spec.submodule_search_locations:
        beside = Path(next(iter(spec.submodule_search_locations))).parent
    else:
        beside = package_dir("model").parent
    resources = beside / "resources"
    return resources if resources.is_dir() else None


def icon_path(icon: Icon) -> Path | None:
    """The icon's file, or None when neither the diagrams package nor icons/ has it."""
    if icon.source == "diagrams":
        root = diagrams_resources()
        candidate = root / icon.path if root else None
        if candidate is not None and candidate.is_file():
            return candidate
        fallback = LOCAL_ICONS / "fallback.svg"
        return fallback if fallback.is_file() else None
    local = LOCAL_ICONS / icon.path
    return local if local.is_file() else None
