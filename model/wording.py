"""How user-facing text names elements and counts things, in one place.

Findings, the status bar and the inspector all name an element the same way (its label in
quotes, so any name reads as a name inside a sentence) and count with correct plurals.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from model.design import Design

_IRREGULAR = {"policy": "policies", "capacity": "capacities", "child": "children"}


def plural_of(noun: str) -> str:
    """The plural of an English noun as our messages use them (last word inflected)."""
    head, _, last = noun.rpartition(" ")
    lower = last.lower()
    if lower in _IRREGULAR:
        word = _IRREGULAR[lower]
    elif lower.endswith(("s", "x", "z", "ch", "sh")):
        word = last + "es"
    elif lower.endswith("y") and lower[-2:-1] not in ("a", "e", "i", "o", "u", ""):
        word = last[:-1] + "ies"
    else:
        word = last + "s"
    return f"{head} {word}" if head else word


def plural(count: int, noun: str, plural_form: str | None = None) -> str:
    """ "1 connection", "2 connections", "1,200 functions"."""
    word = noun if count == 1 else (plural_form or plural_of(noun))
    return f"{count:,} {word}"


def join_words(parts: Iterable[str]) -> str:
    """ "a", "a and b", "a, b and c"."""
    items = [p for p in parts if p]
    if len(items) <= 1:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def counts(pairs: Iterable[tuple[int, str]], skip_zero: bool = True) -> str:
    """ "3 services, 1 container and 2 connections" (zero counts left out unless asked)."""
    return join_words(plural(n, noun) for n, noun in pairs if n or not skip_zero)


def number(value: float) -> str:
    """A number as messages show it: thousands separators, no needless decimals."""
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,.2f}".rstrip("0").rstrip(".")
    return f"{int(value):,}"


def quoted(name: str) -> str:
    """A user's name as it appears inside a sentence: “name”, whitespace collapsed."""
    return f"“{' '.join(name.split())}”"


def contents_text(design: Design) -> str:
    """ "3 services, 1 container and 2 connections": services and containers counted apart
    (by kind: the status bar shows it after every edit, and a large design has thousands)."""
    kinds = Counter(node.kind for node in design.iter_nodes())
    containers = sum(n for kind, n in kinds.items() if design.catalog.get(kind).is_container)
    services = sum(kinds.values()) - containers
    text = counts(
        [(services, "service"), (containers, "container"), (len(design.edges), "connection")]
    )
    return text or "Empty design"
