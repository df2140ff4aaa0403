"""Pausing Python's cyclic garbage collector around work that allocates many objects and
makes no garbage cycles.

Loading a design (or a template's YAML tree) and a validation pass allocate tens of thousands
of objects. Every 700 of them start a collector pass, every tenth pass also walks the older
objects, and now and then one walks all of them: on a 5,000-node design such a full pass costs
as much as the validation itself, and frees nothing (what validation drops, reference counting
frees). Paused, the work is one walk over what the pass kept, when the collector next runs.
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
