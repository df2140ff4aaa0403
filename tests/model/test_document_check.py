"""The load check's quick pass (model.serialization.check._may_fail) never lets through a
document the full walk refuses: check_document raises exactly when the walk does."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from model.serialization.check import _walk, check_document, text_is_safe
from model.serialization.errors import LoadError
from model.serialization.io import loads
from model.serialization.json_text import BadNumber

KEYS = st.sampled_from(["id", "label", "name", "config", "x", "position", "note", "a\u202eb"])
TEXT = st.one_of(
    st.text(max_size=8),
    st.sampled_from(["ok", "x" * 300, "y" * 1100, "bad\x07", "\u2028", "t\tab\nline"]),
)
NUMBER = st.one_of(
    st.integers(-(10**16), 10**16),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from([999_999.0, 1_000_001, 1e15, 2e15]),
    st.builds(BadNumber, st.just("1" * 30)),
)
SCALAR = st.one_of(TEXT, NUMBER, st.booleans(), st.none())
VALUES = st.recursive(
    SCALAR,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(KEYS, inner, max_size=4)),
    max_leaves=30,
)


def outcome(check: Any, raw: Any) -> str | None:
    try:
        check(raw, "f.archcanvas")
    except LoadError as error:
        return str(error)
    return None


@settings(max_examples=300, deadline=None)
@given(VALUES)
def test_quick_pass_agrees_with_the_walk(raw: Any) -> None:
    document = {"design": {"nodes": [{"id": "n", "config": raw}], "edges": [raw]}}
    assert outcome(check_document, document) == outcome(_walk, document)


@pytest.mark.parametrize("depth", [62, 63, 64, 65, 66])
def test_nesting_at_the_limit(depth: int) -> None:
    raw: Any = "leaf"
    for _ in range(depth):
        raw = [raw]
    assert outcome(check_document, raw) == outcome(_walk, raw)
    assert (outcome(check_document, raw) is None) == (depth <= 64)


@pytest.mark.parametrize(
    "node",
    [
        {"id": "n", "position": {"x": 1_000_001, "y": 0}},
        {"id": "n", "size": {"w": 10, "h": -2_000_000.5}},
        {"id": "n", "config": {"memory_mb": 2 * 10**15}},
        {"id": "n", "config": {"ratio": float("inf")}},
        {"id": "n", "config": {"big": BadNumber("9" * 40)}},
        {"id": "n" * 257},
        {"id": "n", "label": "l" * 1025},
        {"id": "n", "config": {"note": "c" * 65_537}},
        {"id": "n", "label": "right\u202eleft"},
        {"id": "n", "config": {"k\x00": 1}},
        {"id": "n", "config": {"items": ["fine", "bell\x07"]}},
    ],
)
def test_each_problem_is_still_refused(node: dict[str, Any]) -> None:
    document = {"design": {"nodes": [node], "edges": []}}
    assert outcome(check_document, document) is not None
    assert outcome(check_document, document) == outcome(_walk, document)


def test_values_within_the_limits_pass() -> None:
    node = {
        "id": "n" * 256,
        "label": "l" * 1024,
        "position": {"x": 1_000_000, "y": -1_000_000},
        "config": {"id": "c" * 1000, "big": 10**15, "flag": True, "none": None},
    }
    assert outcome(check_document, {"design": {"nodes": [node], "edges": []}}) is None


@settings(max_examples=300, deadline=None)
@given(VALUES)
def test_a_safe_text_needs_no_search_per_string(raw: Any) -> None:
    """Parsed from a text that text_is_safe(), a document passes or fails exactly as when
    every string is searched; json.dumps writes every unsafe character as an escape."""
    document = {"design": {"nodes": [{"id": "n", "config": raw}], "edges": []}}
    try:
        text = json.dumps(document, ensure_ascii=False)
    except (TypeError, ValueError):
        return
    safe = text_is_safe(text)
    searched = outcome(check_document, document)
    quick = outcome(lambda raw, path: check_document(raw, path, safe_text=safe), document)
    assert quick == searched


@pytest.mark.parametrize(
    ("text", "safe"),
    [
        ('{"label": "plain"}', True),
        ('{"label": "tab\\tand\\nnewline"}', True),
        ('{"label": "right\\u202eleft"}', False),
        ('{"label": "bell\\b"}', False),
        ('{"label": "feed\\f"}', False),
        ('{"label": "caf\u00e9"}', False),
        ('{"label": "raw\x07"}', False),
    ],
)
def test_text_is_safe(text: str, safe: bool) -> None:
    assert text_is_safe(text) is safe


def test_an_escaped_override_is_still_refused() -> None:
    with pytest.raises(LoadError, match="RIGHT-TO-LEFT OVERRIDE"):
        loads(
            '{"format": "archcanvas", "version": 1, "design": {"name": "d", "nodes": '
            '[{"id": "n", "kind": "aws.lambda", "label": "right\\u202eleft"}], "edges": []}}'
        )
