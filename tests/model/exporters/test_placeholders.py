"""Placeholders are read from the encoded JSON for speed; they must be exactly what a walk of
every string and key finds."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from model.exporters._common import _collect_placeholders, _walk_placeholders

FIXTURES = sorted((Path(__file__).parents[2] / "fixtures" / "asl").rglob("*.json"))

TRICKY: list[Any] = [
    {"a": "${One}", "${Key}": ["x ${Two} y ${Three}", 3, None, True]},
    {"quote": 'say ${a"b} then', "slash": "\\${c\\d}", "nl": "${e\nf}"},
    {"open": "${never", "next": "closed}"},
    {"nested": "${${inner}}", "empty": "${}", "unicode": "${Zürich ✓}", "sep": "${a\u2028b}"},
    ["${Last}", {"${Last}": "${First}"}],
    "${plain}",
    {1: "${IntKey}", "n": float("nan")},
]


def collected(value: Any) -> list[str]:
    found: dict[str, None] = {}
    _collect_placeholders(value, found)
    return list(found)


def walked(value: Any) -> list[str]:
    found: dict[str, None] = {}
    _walk_placeholders(value, found)
    return list(found)


@pytest.mark.parametrize("value", TRICKY)
def test_encoded_search_finds_what_the_walk_finds(value: Any) -> None:
    assert collected(value) == walked(value)


def test_encoded_search_on_every_fixture() -> None:
    assert FIXTURES
    with_placeholders = 0
    for path in FIXTURES:
        value = json.loads(path.read_text(encoding="utf-8"))
        assert collected(value) == walked(value), path.name
        with_placeholders += bool(walked(value))
    assert with_placeholders > 0


def test_values_json_cannot_encode_are_walked() -> None:
    value = {"a": "${One}", "b": {1, 2}, "c": ("${Two}",)}
    assert collected(value) == ["One", "Two"]
