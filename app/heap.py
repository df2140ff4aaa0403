"""The garbage collector and a large open design.

A design of a few thousand nodes keeps several hundred thousand objects alive (items,
routes, findings). Python's full collections scan every one of them and free nothing: on
the 800-cell design each took 0.1-0.4 s, in the middle of an edit or a drag. So the window
builds a design's items with the collector paused, and for a large design then moves what
is alive into the collector's permanent generation (gc.freeze), again once the background
refinement of routes has finished. Objects freed later are still freed by their reference
counts; reference cycles among the frozen ones wait until the window drops the design or
closes (release). Small designs are left to the collector as usual."""

from __future__ import annotations

import gc
from contextlib import AbstractContextManager

from model.serialization.io import collector_paused

LARGE = 2000  # nodes and connections from which a design's objects are frozen


def building() -> AbstractContextManager[None]:
    """Build what a design keeps alive without collector passes over it."""
    return collector_paused()


def settle(elements: int) -> None:
    """Leave every object alive now out of later collections, when the design is large."""
    if elements >= LARGE:
        gc.freeze()


def release() -> None:
    """Let the collector see the settled objects again (a window drops its design)."""
    gc.unfreeze()
