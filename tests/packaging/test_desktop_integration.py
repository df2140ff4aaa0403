"""Linux desktop integration (issue 15, item 3), on a stand-in bundle so it runs in seconds:
the files desktop_files.py writes validate, and install.sh registers them in an empty HOME
(file type, icons, default program whose Exec receives the file) and uninstall.sh leaves
that HOME as it was. packaging/check-linux repeats this on the real bundle."""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import stat
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
APP_ID = "io.github.archcanvas.ArchCanvas"
MIME = "application/x-archcanvas+json"
pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="freedesktop files")


def _desktop_files():
    spec = importlib.util.spec_from_file_location("desktop_files", LINUX / "desktop_files.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def share(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("bundle") / "share"
    _desktop_files().write(out)
    return out


def test_icons_in_every_hicolor_size(share: Path) -> None:
    from PySide6.QtGui import QImage

    for size in _desktop_files().SIZES:
        for context, name in (("apps", APP_ID), ("mimetypes", "application-x-archcanvas+json")):
            image = QImage(str(share / f"icons/hicolor/{size}x{size}/{context}/{name}.png"))
            assert (image.width(), image.height()) == (size, size)
            assert image.pixelColor(size // 2, size // 2).alpha() == 255
    assert (share / f"icons/hicolor/scalable/apps/{APP_ID}.svg").is_file()


def test_metainfo_release_is_the_pyproject_version(share: Path) -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]
    text = (share / f"metainfo/{APP_ID}.metainfo.xml").read_text("utf-8")
    releases = re.findall(r'<release version="([^"]+)" date="([^"]+)"', text)
    assert releases[0][0] == project["version"]
    assert project["urls"]["Homepage"] in text
    assert "docs/screenshot.png" in text and "@HOMEPAGE" not in text and "@RELEASES@" not in text


def test_desktop_files_refuse_a_version_without_a_changelog_release() -> None:
    module = _desktop_files()
    releases = module.changelog_releases("## [Unreleased]\n- x\n\n## [0.0.9] - 2026-01-01\n- y\n")
    assert releases == [("0.0.9", "2026-01-01", ["y"])]


@pytest.mark.skipif(not shutil.which("desktop-file-validate"), reason="desktop-file-utils")
def test_desktop_entry_validates(share: Path) -> None:
    subprocess.run(
        ["desktop-file-validate", str(share / f"applications/{APP_ID}.desktop")], check=True
    )


@pytest.mark.skipif(not shutil.which("appstreamcli"), reason="appstream")
def test_metainfo_validates(share: Path) -> None:
    subprocess.run(
        ["appstreamcli", "validate", "--no-net", str(share / f"metainfo/{APP_ID}.metainfo.xml")],
        check=True,
        capture_output=True,
    )


@pytest.mark.skipif(not shutil.which("update-mime-database"), reason="shared-mime-info")
def test_install_registers_and_uninstall_cleans_up(share: Path, tmp_path: Path) -> None:
    bundle = tmp_path / "ArchCanvas"
    bundle.mkdir()
    shutil.copytree(share, bundle / "share")
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy(LINUX / script, bundle / script)
    (bundle / "VERSION").write_text("9.9.9\n")
    stand_in = bundle / "archcanvas"
    stand_in.write_text('#!/bin/sh\necho "archcanvas 9.9.9"\nprintf "%s\\n" "$@" >"$HOME/opened"\n')
    stand_in.chmod(stand_in.stat().st_mode | stat.S_IXUSR)
    home = tmp_path / "home"
    home.mkdir()
    env = {"PATH": "/usr/bin:/bin", "HOME": str(home), "XDG_DATA_DIRS": "/usr/share"}

    subprocess.run(["sh", str(bundle / "install.sh")], check=True, env=env, capture_output=True)
    data = home / ".local/share"
    assert (data / "archcanvas/ArchCanvas-9.9.9/archcanvas").is_file()
    assert (home / ".local/bin/archcanvas").resolve() == (
        data / "archcanvas/ArchCanvas-9.9.9/archcanvas"
    )
    assert (data / f"mime/packages/{APP_ID}.xml").is_file()
    assert "x-archcanvas" in (data / "mime/globs2").read_text()
    assert (data / f"icons/hicolor/128x128/apps/{APP_ID}.png").is_file()
    assert (data / f"metainfo/{APP_ID}.metainfo.xml").is_file()
    entry = (data / f"applications/{APP_ID}.desktop").read_text()
    (exec_line,) = re.findall(r"^Exec=(.*)$", entry, re.M)
    design = home / "my design.archcanvas"
    design.write_text("{}")
    if shutil.which("xdg-mime"):
        query = ["xdg-mime", "query"]
        run = {"env": env, "capture_output": True, "text": True, "check": True}
        assert subprocess.run([*query, "filetype", str(design)], **run).stdout.strip() == MIME
        assert (
            subprocess.run([*query, "default", MIME], **run).stdout.strip() == f"{APP_ID}.desktop"
        )
    program = re.fullmatch(r'"([^"]+)" %f', exec_line)
    assert program, exec_line
    subprocess.run([program[1], str(design)], check=True, env=env, capture_output=True)
    assert (home / "opened").read_text().splitlines() == [str(design)]

    upgrade = {**env}
    (bundle / "VERSION").write_text("9.9.10\n")
    subprocess.run(["sh", str(bundle / "install.sh")], check=True, env=upgrade, capture_output=True)
    assert sorted(p.name for p in (data / "archcanvas").glob("ArchCanvas-*")) == [
        "ArchCanvas-9.9.10"
    ]

    subprocess.run(
        ["sh", str(data / "archcanvas/uninstall.sh")], check=True, env=env, capture_output=True
    )
    design.unlink()
    (home / "opened").unlink()
    left = sorted(
        str(p.relative_to(home))
        for p in home.rglob("*")
        if str(p.relative_to(home)) not in {".local", ".local/share", ".local/bin", ".config"}
    )
    assert left == []
    assert not os.path.lexists(home / ".local/bin/archcanvas")
