"""The one policy for text a design can hold, used by the loader, the model's edits and every
exporter's escaping.

A design's strings are Unicode text that every output can carry and every reviewer reads as
deployed. Characters that break that promise are refused at load with a message naming the
code point: lone surrogates (not text: UTF-8 cannot hold them), controls other than tab and
newline, noncharacters (U+FFFE, U+FFFF and their kin, which YAML and XML refuse), the line and
paragraph separators (line breaks in YAML) and the bidirectional embedding, override and
isolate controls (U+202A-U+202E, U+2066-U+2069), which make a reviewer read a name in a
different order than the one deployed. Outputs escape the same set, so text that reached the
model another way still never goes out raw.
"""

from __future__ import annotations

import re
from typing import Any

_NONCHARACTERS = "".join(
    f"{chr(plane * 0x10000 + 0xFFFE)}-{chr(plane * 0x10000 + 0xFFFF)}" for plane in range(17)
)
UNSAFE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\u2028\u2029\u202a-\u202e\u2066-\u2069"
    "\ufdd0-\ufdef" + _NONCHARACTERS + "]"
)
"""Characters no design string may hold (tab, newline and carriage return are allowed)."""


def code_point(char: str) -> str:
    """U+202E (RIGHT-TO-LEFT OVERRIDE), or just U+D800 for a character without a name."""
    import unicodedata  # only for messages about bad text; loading it slows every start

    name = unicodedata.name(char, "")
    if not name and 0xD800 <= ord(char) <= 0xDFFF:
        name = "lone surrogate"
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")


def unsafe_reason(text: str) -> str | None:
    """Why text cannot be part of a design, or None when it can."""
    match = UNSAFE.search(text)
    if match is None:
        return None
    return f"contains {code_point(match.group())} at character {match.start() + 1}"


def visible(text: str) -> str:
    """Text with every unsafe character written as a visible \\uXXXX escape. Printable ASCII
    holds none (the unsafe ASCII characters are controls), and is checked far faster than
    the pattern searches; a load passes every label and name through here."""
    if text.isascii() and text.isprintable():
        return text
    return UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


def visible_strings(value: Any) -> Any:
    """value with visible() applied to every string in it, keys included."""
    if isinstance(value, str):
        return visible(value)
    if isinstance(value, dict):
        return {visible_strings(key): visible_strings(item) for key, item in value.items()}
    if isinstance(value, list):
        return [visible_strings(item) for item in value]
    return value


def shown(text: str, limit: int = 80) -> str:
    """Text as an error message quotes it: unsafe characters visible, long text cut."""
    text = visible(text if len(text) <= 4 * limit else text[: 4 * limit])
    return text if len(text) <= limit else text[: limit - 1] + "…"
