"""The application's version: the one string in pyproject.toml.

A checkout reads pyproject.toml itself (an editable install's metadata goes stale when the
version changes); an installed wheel or a bundle reads its distribution metadata.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

DISTRIBUTION = "archcanvas"


def app_version() -> str:
    pyproject = Path(__file__).resolve().parents[1] / "pyproject.toml"
    if pyproject.is_file():
        project = tomllib.loads(pyproject.read_text(encoding="utf-8")).get("project", {})
        if project.get("name") == DISTRIBUTION and isinstance(project.get("version"), str):
            return str(project["version"])
    from importlib import metadata  # only without a checkout: it costs a tenth of start-up

    try:
        return metadata.version(DISTRIBUTION)
    except metadata.PackageNotFoundError:
        return "0+unknown"
