"""The check every parsed design document passes before it is built: nesting depth, string
lengths and characters (the text policy), numbers, and element count, against the one limits
table. The first problem becomes a LoadError naming the element and the field."""

from __future__ import annotations

import math
from collections.abc import Sequence
from itertools import repeat
from typing import Any

from model.serialization.errors import LoadError
from model.serialization.json_text import BadNumber
from model.serialization.limits import ID_FIELDS, LABEL_FIELDS, LIMITS
from model.text import UNSAFE, shown, unsafe_reason

Loc = tuple[int | str, ...]
_COORDINATES = {("position", "x"), ("position", "y"), ("size", "w"), ("size", "h")}


def where(raw: Any, loc: Sequence[int | str]) -> tuple[str, list[int | str]]:
    """The element a location in the document belongs to (node 'web', edge #3, design or
    file) and the rest of the location, which is the field."""
    loc = list(loc)
    if len(loc) >= 3 and loc[0] == "design" and loc[1] == "waivers":
        return f"waiver #{loc[2] + 1 if isinstance(loc[2], int) else loc[2]}", loc[3:]
    if len(loc) >= 3 and loc[0] == "design" and loc[1] in ("nodes", "edges"):
        index = loc[2]
        noun = "node" if loc[1] == "nodes" else "edge"
        design = raw.get("design") if isinstance(raw, dict) else None
        items = design.get(loc[1], []) if isinstance(design, dict) else []
        item_id = None
        if (
            isinstance(index, int)
            and isinstance(items, list)
            and index < len(items)
            and isinstance(items[index], dict)
        ):
            item_id = items[index].get("id")
        number = index + 1 if isinstance(index, int) else index
        if isinstance(item_id, str) and unsafe_reason(item_id) is None:
            element = f"{noun} '{shown(item_id, 60)}'"
        else:
            element = f"{noun} #{number}"
        return element, loc[3:]
    if len(loc) > 1 and loc[0] == "design":
        return "design", loc[1:]
    return "file", loc


def field_name(loc: Sequence[int | str]) -> str:
    parts: list[str] = []
    for part in loc:
        if isinstance(part, int):
            parts[-1:] = [f"{parts[-1]}[{part}]"] if parts else [f"[{part}]"]
        else:
            parts.append(shown(str(part), 60))
    return ".".join(parts)


def _string_limit(loc: Loc) -> int:
    key = next((part for part in reversed(loc) if isinstance(part, str)), "")
    return _string_limit_of(key, "config" in loc)


def _string_limit_of(key: str, in_config: bool) -> int:
    """The length limit of a string under key (the nearest field name above it)."""
    if not in_config and key in ID_FIELDS:
        return LIMITS.id_chars
    if key in LABEL_FIELDS:
        return LIMITS.label_chars
    return LIMITS.text_chars


def _problem(value: Any, loc: Loc) -> str | None:
    if isinstance(value, str):
        limit = _string_limit(loc)
        if len(value) > limit:
            return f"is {len(value):,} characters long; at most {limit:,} are allowed"
        reason = unsafe_reason(value)
        return None if reason is None else f"{reason}, which a design cannot hold"
    if isinstance(value, BadNumber):
        return (
            f"holds the number {value.text}: numbers must be finite, integers at most "
            f"{LIMITS.integer_digits} digits long"
        )
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return f"holds {value}: numbers must be finite"
        if abs(value) > LIMITS.float_magnitude:
            return f"holds {shown(str(value), 30)}: at most {LIMITS.float_magnitude:g} is allowed"
        if tuple(str(p) for p in loc[-2:]) in _COORDINATES and abs(value) > LIMITS.coordinate:
            return f"is {value:g}; positions and sizes lie within ±{LIMITS.coordinate:,.0f}"
    return None


_SMALLEST_NUMBER_LIMIT = min(LIMITS.coordinate, LIMITS.float_magnitude)
_DEPTH, _KEY_CHARS, _ID_CHARS = LIMITS.depth, LIMITS.label_chars, LIMITS.id_chars


def _may_fail(
    container: dict[str, Any] | list[Any], depth: int, key: str, in_config: bool, scan: bool
) -> bool:
    """False when the container certainly passes the walk below; True when the walk must run.

    No location tuples, no stack and one call per container, so a valid document (the usual
    case) is checked in a fraction of the walk's time; only a file with a problem pays for the
    walk, which names it. Numbers above the smallest number limit and values of types other
    than JSON's are left to the walk, which knows their field. scan: whether strings may hold
    characters the text policy forbids (check_document).
    """
    if depth >= _DEPTH and container:
        return True
    search = UNSAFE.search
    is_dict = type(container) is dict
    pairs: Any = container.items() if is_dict else zip(repeat(key), container)  # type: ignore[union-attr]
    for name, item in pairs:
        if is_dict and (len(name) > _KEY_CHARS or (scan and search(name) is not None)):
            return True
        kind = type(item)
        if kind is str:
            if (scan and search(item) is not None) or (
                len(item) > _ID_CHARS and len(item) > _string_limit_of(name, in_config)
            ):
                return True
        elif kind is dict or kind is list:
            if _may_fail(item, depth + 1, name, in_config or name == "config", scan):
                return True
        elif kind is int or kind is float:
            if not abs(item) <= _SMALLEST_NUMBER_LIMIT:
                return True
        elif item is not None and kind is not bool:
            return True
    return False


_DECODING_ESCAPES = ("\\u", "\\b", "\\f")
"""The JSON escapes that can stand for a character the text policy forbids."""
_SAFE_ASCII = bytes(code for code in range(128) if UNSAFE.match(chr(code)) is None)
"""The ASCII characters the text policy allows: all but DEL and the controls other than tab,
newline and carriage return."""


def text_is_safe(text: str) -> bool:
    """Whether no string parsed from this JSON text can hold a character the text policy
    forbids: the text is ASCII without such a character, nor any escape (\\u, \\b, \\f)
    that could make one. A few passes of the whole file in C (deleting the allowed bytes
    leaves nothing; substring searches) instead of one search per string; other texts get
    the search per string."""
    return (
        text.isascii()
        and not text.encode("ascii").translate(None, _SAFE_ASCII)
        and not any(escape in text for escape in _DECODING_ESCAPES)
    )


def check_document(raw: Any, path: str, safe_text: bool = False) -> None:
    """Raise LoadError for the first thing in raw beyond the limits or the text policy;
    safe_text: raw was parsed from a text that text_is_safe()."""
    if type(raw) not in (dict, list) or _may_fail(raw, 0, "", False, not safe_text):
        _walk(raw, path)
    design = raw.get("design") if isinstance(raw, dict) else None
    if isinstance(design, dict):
        count = sum(
            len(items)
            for items in (design.get("nodes"), design.get("edges"))
            if isinstance(items, list)
        )
        if count > LIMITS.elements:
            raise LoadError(
                path,
                f"has {count:,} services and connections; at most {LIMITS.elements:,} are allowed",
                element="design",
            )


def _walk(raw: Any, path: str) -> None:
    """Visit every value with its location; raise LoadError for the first problem."""
    stack: list[tuple[Any, Loc]] = [(raw, ())]
    while stack:
        value, loc = stack.pop()
        if len(loc) > LIMITS.depth:
            element, rest = where(raw, loc)
            raise LoadError(
                path,
                f"is nested more than {LIMITS.depth} levels deep",
                element=element,
                field=field_name(rest[:8]) + "…",
            )
        if isinstance(value, dict):
            for key in reversed(list(value)):
                if len(key) > LIMITS.label_chars or unsafe_reason(key) is not None:
                    element, rest = where(raw, loc)
                    problem = (
                        unsafe_reason(key) or f"is {len(key):,} characters long"
                    ) + " (a key)"
                    raise LoadError(path, problem, element=element, field=field_name(rest) or None)
                stack.append((value[key], (*loc, key)))
            continue
        if isinstance(value, list):
            stack.extend((item, (*loc, index)) for index, item in reversed(list(enumerate(value))))
            continue
        found = _problem(value, loc)
        if found is not None:
            element, rest = where(raw, loc)
            raise LoadError(path, found, element=element, field=field_name(rest) or None)
