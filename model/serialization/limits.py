"""Size limits of a design file: one table, checked once at load, below what every writer,
renderer and AWS name field can handle. A file beyond them is refused with a message naming
the element, the field and the limit, never half-loaded."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FileLimits:
    file_bytes: int = 64 * 1024 * 1024
    """Largest design file (or design embedded in a PNG)."""
    depth: int = 64
    """Deepest JSON nesting, counted from the file's top level; an ASL definition is nested
    about 4 levels per state level, so this allows some 14 levels of Parallel and Map."""
    id_chars: int = 256
    """Ids, kinds, parents, connection ends and relations."""
    label_chars: int = 1024
    """Labels of services and connections, and the design's name."""
    text_chars: int = 65_536
    """Any other string: the description and every config value."""
    integer_digits: int = 15
    """Integers up to 999,999,999,999,999: exact in every JSON reader (below 2**53)."""
    float_magnitude: float = 1e15
    """Largest magnitude of a number with a fraction or exponent; NaN and infinities never."""
    coordinate: float = 1_000_000
    """Largest magnitude of a position or size, in scene units (the canvas is drawn to it)."""
    elements: int = 100_000
    """Services plus connections."""


LIMITS = FileLimits()

ID_FIELDS = frozenset({"id", "kind", "parent", "source", "target", "relation"})
LABEL_FIELDS = frozenset({"label", "name"})
