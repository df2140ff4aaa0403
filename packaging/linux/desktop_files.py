"""Write the freedesktop files of ArchCanvas into a share/ tree, ready to install.

    python packaging/linux/desktop_files.py OUT/share

Writes applications/ (the desktop entry), metainfo/ (AppStream, with the releases read from
CHANGELOG.md and the homepage from pyproject.toml), mime/packages/ (the shared-MIME-info
type) and icons/hicolor/ (the app icon, rendered from app/resources/archcanvas.svg in the
hicolor sizes, and the same picture as the design files' MIME icon). Needs PySide6.
"""

from __future__ import annotations

import os
import re
import shutil
import sys
import tomllib
from html import escape
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
APP_ID = "io.github.archcanvas.ArchCanvas"
MIME_ICON = "application-x-archcanvas+json"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
SOURCE_ICON = ROOT / "app" / "resources" / "archcanvas.svg"


def project() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]


def changelog_releases(text: str) -> list[tuple[str, str, list[str]]]:
    """(version, date, bullet lines) of each released section, newest first."""
    releases = []
    sections = re.split(r"^## ", text, flags=re.M)[1:]
    for section in sections:
        heading, _, body = section.partition("\n")
        match = re.fullmatch(r"\[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})", heading.strip())
        if not match:
            continue
        items, current = [], None
        for line in body.splitlines():
            if line.startswith("- "):
                current = line[2:].strip()
                items.append(current)
            elif current is not None and line.startswith("  ") and line.strip():
                items[-1] += " " + line.strip()
                current = items[-1]
            else:
                current = None
        releases.append((match[1], match[2], items))
    return releases


def _plain(markdown: str) -> str:
    return re.sub(r"[`*]", "", re.sub(r"\[([^]]+)\]\([^)]+\)", r"\1", markdown))


def releases_xml(releases: list[tuple[str, str, list[str]]]) -> str:
    blocks = []
    for version, date, items in releases:
        lines = "".join(
            f"\n          <li>{escape(_plain(item), quote=False)}</li>" for item in items
        )
        blocks.append(
            f'    <release version="{version}" date="{date}">\n'
            f"      <description>\n        <ul>{lines}\n        </ul>\n      </description>\n"
            "    </release>"
        )
    return "\n".join(blocks)


def metainfo() -> str:
    info = project()
    releases = changelog_releases((ROOT / "CHANGELOG.md").read_text("utf-8"))
    if not releases or releases[0][0] != info["version"]:
        newest = releases[0][0] if releases else "none"
        raise SystemExit(
            f"CHANGELOG.md's newest release ({newest}) is not pyproject.toml's version "
            f"({info['version']}): add its section before building"
        )
    homepage = info["urls"]["Homepage"].rstrip("/")
    github = re.fullmatch(r"https://github\.com/([^/]+/[^/]+)", homepage)
    raw = f"https://raw.githubusercontent.com/{github[1]}/main" if github else homepage
    template = (HERE / f"{APP_ID}.metainfo.xml.in").read_text("utf-8")
    template = re.sub(r"<!--.*?-->\n", "", template, flags=re.S)
    return (
        template.replace("@HOMEPAGE_RAW@", raw)
        .replace("@HOMEPAGE@", homepage)
        .replace("@RELEASES@", releases_xml(releases))
    )


def render_icons(share: Path) -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer
    from PySide6.QtWidgets import QApplication

    # A QApplication (not only a QGuiApplication), so widgets work after this in one process.
    _app = QApplication.instance() or QApplication([])
    renderer = QSvgRenderer(str(SOURCE_ICON))
    if not renderer.isValid():
        raise SystemExit(f"cannot read {SOURCE_ICON}")
    hicolor = share / "icons" / "hicolor"
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        for context, name in (("apps", APP_ID), ("mimetypes", MIME_ICON)):
            folder = hicolor / f"{size}x{size}" / context
            folder.mkdir(parents=True, exist_ok=True)
            if not image.save(str(folder / f"{name}.png")):
                raise SystemExit(f"cannot write {folder / name}.png")
    for context, name in (("apps", APP_ID), ("mimetypes", MIME_ICON)):
        folder = hicolor / "scalable" / context
        folder.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(SOURCE_ICON, folder / f"{name}.svg")


def write(share: Path) -> None:
    for sub, name, target in (
        ("applications", f"{APP_ID}.desktop", f"{APP_ID}.desktop"),
        ("mime/packages", f"{APP_ID}.mime.xml", f"{APP_ID}.xml"),
    ):
        (share / sub).mkdir(parents=True, exist_ok=True)
        shutil.copyfile(HERE / name, share / sub / target)
    (share / "metainfo").mkdir(parents=True, exist_ok=True)
    (share / "metainfo" / f"{APP_ID}.metainfo.xml").write_text(metainfo(), "utf-8")
    render_icons(share)


if __name__ == "__main__":
    if len(sys.argv) != 2:
        raise SystemExit(__doc__)
    write(Path(sys.argv[1]))
