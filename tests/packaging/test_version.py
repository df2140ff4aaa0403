"""One version string, in pyproject.toml, read everywhere (issue 15, item 6)."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

from model import APP_VERSION
from model.version import app_version

ROOT = Path(__file__).resolve().parents[2]


def pyproject_version() -> str:
    return str(tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"])


def test_app_version_is_the_pyproject_version() -> None:
    assert APP_VERSION == app_version() == pyproject_version()


def test_no_other_version_literal_in_the_packages() -> None:
    literal = re.compile(r"""(APP_VERSION|__version__)\s*=\s*["']""")
    offenders = [
        str(path.relative_to(ROOT))
        for package in ("app", "model")
        for path in (ROOT / package).rglob("*.py")
        if literal.search(path.read_text("utf-8"))
    ]
    assert offenders == []


def test_newest_changelog_release_is_the_version() -> None:
    text = (ROOT / "CHANGELOG.md").read_text("utf-8")
    releases = re.findall(r"^## \[(\d+\.\d+\.\d+)\] - (\d{4}-\d{2}-\d{2})$", text, re.M)
    assert releases, "no release headings in Keep a Changelog form"
    assert releases[0][0] == pyproject_version()
    versions = [tuple(map(int, v.split("."))) for v, _ in releases]
    assert versions == sorted(versions, reverse=True)
