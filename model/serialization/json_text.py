"""The one strict JSON reader and writer: every loader and every JSON output uses them.

The reader never produces what the writer could not write back: NaN and infinities, integers
too long to be exact in other JSON readers, and numbers that overflow are kept as BadNumber
markers, so the design check (model.serialization.check) can name the element and field
that holds them. Duplicate keys are refused. The writer refuses NaN, and writes every
character of the text policy's unsafe set as a \\u escape, so its output is always strict
JSON that encodes as UTF-8.
"""

from __future__ import annotations

import json
import math
from typing import Any

from model.serialization.limits import LIMITS
from model.text import UNSAFE, shown


class JsonError(ValueError):
    """The text is not strict JSON; the message says where or why. `detail` is the message
    without the leading "is not valid JSON", `line` the line when known."""

    def __init__(self, message: str, detail: str = "", line: int | None = None) -> None:
        super().__init__(message)
        self.detail = detail or message
        self.line = line


class BadNumber:
    """A number in the text that a design cannot hold, kept as written (shortened)."""

    def __init__(self, text: str) -> None:
        self.text = text if len(text) <= 24 else f"{text[:12]}…{text[-6:]} ({len(text)} chars)"

    def __repr__(self) -> str:
        return self.text


def _integer(text: str) -> int | BadNumber:
    if len(text.lstrip("-")) > LIMITS.integer_digits:
        return BadNumber(text)
    return int(text)


def _float(text: str) -> float | BadNumber:
    if len(text) > 64:
        return BadNumber(text)
    value = float(text)
    return value if math.isfinite(value) else BadNumber(text)


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise JsonError(f"duplicate key '{shown(key)}'")
            seen.add(key)
    return result


def parse(text: str) -> Any:
    """Parse JSON text; raises JsonError for anything that is not a JSON value."""
    try:
        return json.loads(
            text,
            parse_int=_integer,
            parse_float=_float,
            parse_constant=BadNumber,
            object_pairs_hook=_object,
        )
    except json.JSONDecodeError as error:
        detail = f"{error.msg} at line {error.lineno}, column {error.colno}"
        raise JsonError(f"is not valid JSON: {detail}", detail, error.lineno) from error
    except RecursionError as error:
        raise JsonError("is nested too deeply to be read") from error


def parse_value(text: str) -> Any:
    """Parse JSON that is not a design file (a definition or pattern typed or pasted, an
    imported template): as parse, but a number no design can hold, or nesting deeper than a
    design may, is itself the error, since there is no design field to name."""
    value = parse(text)
    stack: list[tuple[Any, str]] = [(value, "")]
    while stack:
        item, at = stack.pop()
        if at.count(".") + at.count("[") > LIMITS.depth:
            raise JsonError(f"is nested more than {LIMITS.depth} levels deep (at {at[:80]}…)")
        if isinstance(item, dict):
            stack.extend((child, f"{at}.{shown(key, 40)}") for key, child in item.items())
        elif isinstance(item, list):
            stack.extend((child, f"{at}[{index}]") for index, child in enumerate(item))
        elif isinstance(item, BadNumber):
            raise JsonError(
                f"holds the number {item.text} at {at.lstrip('.') or 'the top'}: numbers must "
                f"be finite, integers at most {LIMITS.integer_digits} digits long"
            )
    return value


def _escape(match: Any) -> str:
    code = ord(match.group())
    if code > 0xFFFF:
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def dump(value: Any, indent: int | None = 2, sort_keys: bool = False) -> str:
    """Strict JSON text with a final newline: readable UTF-8, unsafe characters escaped."""
    try:
        text = json.dumps(
            value, indent=indent, ensure_ascii=False, allow_nan=False, sort_keys=sort_keys
        )
    except (ValueError, RecursionError) as error:
        raise JsonError(f"cannot be written as strict JSON: {error}") from error
    return UNSAFE.sub(_escape, text) + "\n"
