"""Pausing Python's cyclic garbage collector around work that builds many objects and leaves
no garbage cycles behind.

Loading a design (or a template's YAML tree) and a full validation pass allocate tens of
thousands of objects; each allocation burst triggers collector passes that walk every live
object of the design, cost a tenth to a third of the work and free nothing (what a pass
drops, reference counting frees).
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
