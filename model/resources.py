"""Where the files ArchCanvas reads at run time are, found one way in every layout.

Package data (limits, the app's toolbar icons) lives inside the packages and is found with
importlib.resources. The repository keeps two folders beside the packages, `examples/` and
`icons/`; the wheel build (setup.py) and the PyInstaller spec copy them into
`model/_shared/`, so an installed copy or a bundle finds them there and a checkout (or an
editable install) finds them at the repository root.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

SHARED_FOLDERS: dict[str, tuple[str, ...]] = {
    "examples": ("*.archcanvas",),
    "icons": ("*.svg", "*.png"),
}
"""Folders at the repository root that ship with the app, and the files of each that do."""

INSTALLED_SHARED = "_shared"
"""The folder inside the model package that holds SHARED_FOLDERS in a wheel or bundle."""


def package_dir(package: str) -> Path:
    """A package's folder on disk (wheels and bundles are unpacked, never zipped)."""
    return Path(str(files(package)))


def shared_dir(name: str) -> Path:
    """One of SHARED_FOLDERS: inside the installed package if there, else the checkout's."""
    if name not in SHARED_FOLDERS:
        raise KeyError(f"{name!r} is not one of {sorted(SHARED_FOLDERS)}")
    installed = package_dir("model") / INSTALLED_SHARED / name
    if installed.is_dir():
        return installed
    return package_dir("model").parent / name


def shared_files(name: str) -> list[Path]:
    """The files of a shared folder that ship, in name order."""
    folder = shared_dir(name)
    found = {path for pattern in SHARED_FOLDERS[name] for path in folder.glob(pattern)}
    return sorted(path for path in found if path.is_file())
