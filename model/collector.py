"""Pausing Python's cyclic garbage collector around work that builds many objects that all
stay alive.

Loading a design (or a template's YAML tree) allocates tens of thousands of objects; the
collector's passes over them cost about a third of a large load and free nothing. (A
validation pass gains nothing from a pause: what it keeps, the first pass after it walks.)
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused() -> Iterator[None]:
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
