"""The third-party components ArchCanvas runs on, their licences and where their texts are.

Help > About lists them and the PyInstaller spec copies every text into the bundle's
licenses/ folder. A component's text comes from its installed distribution's metadata
(dist-info/licenses/...) where the distribution ships one, else from app/resources/licences/.
"""

from __future__ import annotations

import platform
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from model.resources import package_dir
from model.version import DISTRIBUTION

LICENCE_DIR = package_dir("app") / "resources" / "licences"

QT_NOTE = (
    "ArchCanvas uses Qt and PySide6 under the GNU LGPL version 3: they are loaded as shared "
    "libraries, unmodified. Their source is at https://download.qt.io/official_releases/qt/ "
    "and https://download.qt.io/official_releases/QtForPython/ (or ask the team that gave "
    "you ArchCanvas for the exact version). To use a modified Qt, build the same version and "
    "replace the libraries: in a virtual environment, install your PySide6 in place of the "
    "wheel; in the standalone bundle, replace the files in _internal/PySide6/Qt/lib/ (and "
    "the PySide6 modules in _internal/PySide6/) with yours."
)


@dataclass(frozen=True)
class Component:
    name: str
    licence: str  # SPDX expression
    url: str
    distribution: str | None = None  # for the version and the licence file in its metadata
    texts: tuple[str, ...] = ()  # files in LICENCE_DIR, for components whose metadata has none
    note: str = ""

    @property
    def version(self) -> str:
        if self.distribution is None:
            return platform.python_version() if self.name == "Python" else ""
        try:
            return metadata.version(self.distribution)
        except metadata.PackageNotFoundError:
            return ""

    def licence_files(self) -> list[Path]:
        """The licence texts, each an existing file."""
        found = [LICENCE_DIR / name for name in self.texts]
        if self.distribution is not None:
            try:
                files = metadata.distribution(self.distribution).files or []
            except metadata.PackageNotFoundError:
                files = []
            for file in files:
                if _is_licence(file.name) and ".dist-info" in str(file):
                    found.append(Path(str(file.locate())))
        if not found and self.distribution == DISTRIBUTION:  # a checkout's egg-info lists none
            found.append(package_dir("app").parent / "LICENSE")
        return list(dict.fromkeys(path for path in found if path.is_file()))


def _is_licence(name: str) -> bool:
    upper = name.upper()
    return upper.startswith(("LICENSE", "LICENCE", "COPYING", "NOTICE"))


COMPONENTS: tuple[Component, ...] = (
    Component("ArchCanvas", "Apache-2.0", "https://github.com/archcanvas/archcanvas", DISTRIBUTION),
    Component("Python", "PSF-2.0", "https://www.python.org/", texts=("Python-3.11.txt",)),
    Component(
        "Qt 6 and PySide6",
        "LGPL-3.0-only",
        "https://www.qt.io/qt-for-python",
        "PySide6-Essentials",
        texts=("LGPL-3.0.txt", "GPL-3.0.txt"),
        note=QT_NOTE,
    ),
    Component(
        "Shiboken 6",
        "LGPL-3.0-only",
        "https://www.qt.io/qt-for-python",
        "shiboken6",
        texts=("LGPL-3.0.txt", "GPL-3.0.txt"),
        note="The binding generator's runtime that PySide6 loads; the Qt note applies.",
    ),
    Component("networkx", "BSD-3-Clause", "https://networkx.org/", "networkx"),
    Component("pydantic", "MIT", "https://docs.pydantic.dev/", "pydantic"),
    Component("pydantic-core", "MIT", "https://github.com/pydantic/pydantic-core", "pydantic-core"),
    Component(
        "annotated-types", "MIT", "https://github.com/annotated-types/annotated-types",
        "annotated-types",
    ),
    Component(
        "typing-extensions", "PSF-2.0", "https://github.com/python/typing_extensions",
        "typing-extensions",
    ),
    Component(
        "typing-inspection", "MIT", "https://github.com/pydantic/typing-inspection",
        "typing-inspection",
    ),
    Component("PyYAML", "MIT", "https://pyyaml.org/", "PyYAML"),
    Component(
        "diagrams (mingrammer)",
        "MIT",
        "https://diagrams.mingrammer.com/",
        "diagrams",
        note="Its AWS icons are under AWS's own terms (next entry).",
    ),
    Component(
        "AWS Architecture Icons",
        "LicenseRef-AWS-Architecture-Icons",
        "https://aws.amazon.com/architecture/icons/",
        texts=("AWS-Architecture-Icons.txt",),
        note="(c) Amazon Web Services, Inc. or its affiliates; see the terms linked here.",
    ),
)  # fmt: skip


def runtime_versions() -> dict[str, str]:
    """The versions About shows beside ArchCanvas's own."""
    from PySide6 import __version__ as pyside_version
    from PySide6.QtCore import qVersion

    return {
        "Qt": qVersion(),
        "PySide6": pyside_version,
        "Python": f"{platform.python_version()} ({platform.python_implementation()})",
        "Platform": f"{platform.system()} {platform.machine()}",
        "Running from": "standalone bundle"
        if getattr(sys, "frozen", False)
        else "Python environment",
    }
