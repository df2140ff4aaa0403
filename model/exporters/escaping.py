"""Escaping of user strings for each target syntax: a label is data, never code.

Each function turns any Python string into a literal that its target parses back to the
same text, whatever quotes, newlines, template markers or control characters it holds.
"""

from __future__ import annotations

import html
import re
from typing import Any

from model.serialization.json_text import dump
from model.text import UNSAFE, visible

_YAML_SAFE_CHARS = re.compile(
    "[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufeff\U00010000-\U0010ffff]"
)
_YAML_PLAIN_KEY = re.compile(r"^[A-Za-z][A-Za-z0-9]*(::[A-Za-z0-9]+)*$")
_YAML_RESERVED = frozenset(
    {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "nan", "inf"}
)


def yaml_string(text: str) -> str:
    """A YAML double-quoted scalar (also valid JSON escapes only where JSON and YAML agree)."""
    out = ['"']
    for char in text:
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif char == "\n":
            out.append("\\n")
        elif char == "\t":
            out.append("\\t")
        elif char == "\ufeff" or not _YAML_SAFE_CHARS.fullmatch(char) or UNSAFE.match(char):
            code = ord(char)
            if code <= 0xFF:
                out.append(f"\\x{code:02x}")
            elif code <= 0xFFFF:
                out.append(f"\\u{code:04x}")
            else:
                out.append(f"\\U{code:08x}")
        else:
            out.append(char)
    out.append('"')
    return "".join(out)


def yaml_key(key: str) -> str:
    if _YAML_PLAIN_KEY.match(key) and key.lower() not in _YAML_RESERVED:
        return key
    return yaml_string(key)


def _yaml_scalar(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return yaml_string(str(value))


def _yaml_lines(value: Any, indent: int) -> list[str]:
    pad = " " * indent
    lines: list[str] = []
    if isinstance(value, dict):
        for key, item in value.items():
            label = f"{pad}{yaml_key(str(key))}:"
            if isinstance(item, dict | list) and item:
                lines.append(label)
                child_indent = indent + 2
                lines.extend(_yaml_lines(item, child_indent))
            else:
                lines.append(f"{label} {_yaml_inline(item)}")
    elif isinstance(value, list):
        for item in value:
            if isinstance(item, dict | list) and item:
                nested = _yaml_lines(item, indent + 2)
                lines.append(f"{pad}- {nested[0].lstrip()}")
                lines.extend(nested[1:])
            else:
                lines.append(f"{pad}- {_yaml_inline(item)}")
    else:
        lines.append(pad + _yaml_scalar(value))
    return lines


def _yaml_inline(value: Any) -> str:
    if isinstance(value, dict):
        return "{}"
    if isinstance(value, list):
        return "[]"
    return _yaml_scalar(value)


def yaml_dump(document: dict[str, Any], header: list[str] | None = None) -> str:
    """Block-style YAML with every string double-quoted; header lines become comments."""
    lines = [yaml_comment(line) for line in header or []]
    lines.extend(_yaml_lines(document, 0))
    return "\n".join(lines) + "\n"


def one_line(text: str, limit: int = 200) -> str:
    """Text on one line, for comments and table cells: line breaks and tabs become spaces,
    other unsafe characters visible escapes (model.text)."""
    flat = visible(re.sub(r"[\t\n\r\x0b\x0c\x85\u2028\u2029]+", " ", text)).strip()
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def yaml_comment(text: str) -> str:
    return "# " + one_line(text, 400) if text else "#"


def json_dump(document: Any) -> str:
    """Strict JSON (no NaN, unsafe characters escaped): model.serialization.json_text."""
    return dump(document)


# ---- HCL (Terraform) ------------------------------------------------------------------------
def hcl_string(text: str) -> str:
    """An HCL quoted string: quotes, backslashes and control characters escaped, and the
    template markers ${ and %{ doubled so Terraform never interpolates user text."""
    out = ['"']
    index = 0
    while index < len(text):
        char = text[index]
        following = text[index + 1] if index + 1 < len(text) else ""
        if char in "$%" and following == "{":
            out.append(char + char + "{")
            index += 2
            continue
        if char == '"':
            out.append('\\"')
        elif char == "\\":
            out.append("\\\\")
        elif char == "\n":
            out.append("\\n")
        elif char == "\r":
            out.append("\\r")
        elif char == "\t":
            out.append("\\t")
        elif ord(char) < 0x20 or UNSAFE.match(char):
            code = ord(char)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(char)
        index += 1
    out.append('"')
    return "".join(out)


def hcl_comment(text: str) -> str:
    return "# " + one_line(text, 400)


# ---- Drawn text ------------------------------------------------------------------------------
def drawable_text(text: str) -> str:
    """Text any drawing or XML file can hold: a carriage return goes (CRLF becomes LF) and
    every other unsafe character (model.text) is drawn as a visible escape."""
    return visible(text.replace("\r", ""))


# ---- Python (diagrams code) -----------------------------------------------------------------
def python_string(text: str) -> str:
    """A Python string literal; repr() of a str always parses back to the same str."""
    return repr(str(text))


def dot_label(text: str) -> str:
    """The Graphviz escString that dot draws as text: backslashes doubled (else a trailing one
    ends the quoted string and \\N, \\G or \\l are expanded), quotes escaped, tabs as spaces
    and undrawable characters removed (dot refuses NUL and other control characters)."""
    clean = drawable_text(text).replace("\t", " ")
    return clean.replace("\\", "\\\\").replace('"', '\\"')


# ---- Markdown and HTML ----------------------------------------------------------------------
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|<>~&$])")


def markdown_text(text: str) -> str:
    """Inline Markdown: one line, every character with Markdown meaning backslash-escaped, and
    angle brackets as entities so raw HTML never reaches a renderer."""
    flat = one_line(text, 2000)
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", flat)
    return escaped.replace("\\<", "&lt;").replace("\\>", "&gt;").replace("\\&", "&amp;")


def html_text(text: str) -> str:
    return html.escape(visible(text), quote=True)
