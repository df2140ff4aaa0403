"""The wheel carries every file the code loads at run time (issue 15, item 1).

What must be in the wheel is derived, not listed: the source checkout's app runs its
self-test, a validation and a PNG export while Linux inotify records every file opened under
the packages and the shared folders (Qt reads icons in C++, past Python's audit hooks).
Each of those files, and every package-data and shared file the build globs select, must be
in the wheel built by the standard front end. Set ARCHCANVAS_WHEEL to test a built wheel.
"""

from __future__ import annotations

import ctypes
import os
import struct
import subprocess
import sys
import zipfile
from collections.abc import Sequence
from pathlib import Path

import pytest

from model.resources import INSTALLED_SHARED, SHARED_FOLDERS, shared_files

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("app", "model")
pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="inotify is Linux-only")


@pytest.fixture(scope="module")
def wheel_names(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    built = os.environ.get("ARCHCANVAS_WHEEL")
    if built:
        wheel = Path(built)
    else:
        out = tmp_path_factory.mktemp("dist")
        subprocess.run(
            [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
            check=True,
            capture_output=True,
        )
        (wheel,) = out.glob("archcanvas-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        return set(archive.namelist())


def wheel_name(path: Path) -> str:
    """Where a checkout file sits in the wheel (shared folders move under model/_shared/)."""
    relative = path.resolve().relative_to(ROOT)
    if relative.parts[0] in SHARED_FOLDERS:
        return f"model/{INSTALLED_SHARED}/{relative.as_posix()}"
    return relative.as_posix()


@pytest.fixture(scope="module")
def loaded_files(tmp_path_factory: pytest.TempPathFactory) -> set[Path]:
    out = tmp_path_factory.mktemp("run")
    example = ROOT / "examples" / "image-pipeline.archcanvas"
    cli = [sys.executable, "-c", "import sys; from app.cli import main; sys.exit(main())"]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    commands = [
        [*cli, "--self-test"],
        [*cli, "validate", "--format", "json", str(example)],
        [*cli, "export", str(example), "--to", "png", "-o", str(out / "x.png")],
    ]
    roots = [ROOT / name for name in (*PACKAGES, *SHARED_FOLDERS)]
    opened = files_opened(roots, commands, cwd=out, env=env, capture_output=True)
    return {path for path in opened if path.suffix not in (".py", ".pyc")}


def test_the_trace_sees_what_the_app_loads(loaded_files: set[Path]) -> None:
    """Guards the trace itself: these are loaded by Python (limits, the example) and by Qt
    in C++ (the toolbar icons)."""
    names = {wheel_name(path) for path in loaded_files}
    assert "model/data/limits.json" in names
    assert f"model/{INSTALLED_SHARED}/examples/image-pipeline.archcanvas" in names
    assert "app/resources/toolbar-save.svg" in names


def test_wheel_carries_every_file_the_code_loads(
    loaded_files: set[Path], wheel_names: set[str]
) -> None:
    missing = sorted(wheel_name(path) for path in loaded_files)
    missing = [name for name in missing if name not in wheel_names]
    assert missing == [], f"loaded at run time but not in the wheel: {missing}"


def test_wheel_carries_package_data_and_shared_folders(wheel_names: set[str]) -> None:
    expected = set()
    for package in PACKAGES:
        for path in (ROOT / package).rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
                expected.add(wheel_name(path))
    for name in SHARED_FOLDERS:
        expected |= {wheel_name(path) for path in shared_files(name)}
    assert sorted(expected - wheel_names) == []


def test_wheel_carries_no_tests_or_build_scripts(wheel_names: set[str]) -> None:
    tops = {name.split("/")[0] for name in wheel_names}
    assert tops == {*PACKAGES, next(n.split("/")[0] for n in wheel_names if ".dist-info/" in n)}
    assert not any(name.endswith("build_examples.py") for name in wheel_names)


# ---- inotify ----------------------------------------------------------------------------------

IN_OPEN = 0x00000020
IN_ISDIR = 0x40000000
IN_Q_OVERFLOW = 0x00004000
_EVENT = struct.Struct("iIII")
SKIPPED_DIRS = {"__pycache__", ".git", ".venv", "build", "dist", ".mypy_cache", ".ruff_cache"}


def files_opened(
    roots: Sequence[Path], commands: Sequence[Sequence[str]], **run: object
) -> set[Path]:
    """Run each command (check=True) and return the regular files it opened under the roots."""
    libc = ctypes.CDLL(None, use_errno=True)
    fd = libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
    if fd < 0:
        raise OSError(ctypes.get_errno(), "inotify_init1 failed")
    try:
        watches: dict[int, Path] = {}
        for root in roots:
            for folder, subfolders, _ in os.walk(root):
                subfolders[:] = [d for d in subfolders if d not in SKIPPED_DIRS]
                wd = libc.inotify_add_watch(fd, os.fsencode(folder), IN_OPEN)
                if wd < 0:
                    raise OSError(ctypes.get_errno(), f"inotify_add_watch {folder} failed")
                watches[wd] = Path(folder)
        opened: set[Path] = set()
        for command in commands:
            subprocess.run(list(command), check=True, **run)  # type: ignore[call-overload]
            opened |= _drain(fd, watches)
        return opened
    finally:
        os.close(fd)


def _drain(fd: int, watches: dict[int, Path]) -> set[Path]:
    opened: set[Path] = set()
    while True:
        try:
            data = os.read(fd, 1 << 16)
        except BlockingIOError:
            return opened
        offset = 0
        while offset < len(data):
            wd, mask, _cookie, length = _EVENT.unpack_from(data, offset)
            offset += _EVENT.size
            name = data[offset : offset + length].rstrip(b"\0")
            offset += length
            if mask & IN_Q_OVERFLOW:
                raise RuntimeError("inotify queue overflowed: some opens were not seen")
            if name and not mask & IN_ISDIR and wd in watches:
                opened.add(watches[wd] / os.fsdecode(name))
