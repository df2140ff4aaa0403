"""The garbage collector and a large open design.

A design of a few thousand nodes keeps several hundred thousand objects alive (items,
routes, findings). Python's full collections scan every one of them and free nothing: on
the 800-cell design each took 0.1-0.4 s, in the middle of an edit or a drag. So the window
pauses the collector while it builds a design's items, then moves what is alive into the
collector's permanent generation (gc.freeze), and does so again once the background
refinement of routes has finished. Objects freed later are still freed by their reference
counts; only reference cycles among them wait until the window drops the design (release)."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

from model.serialization.io import collector_paused


@contextlib.contextmanager
def building() -> Iterator[None]:
    """Build what a design keeps alive without collector passes, then settle it."""
    with collector_paused():
        yield
    settle()


def settle() -> None:
    """Leave every object alive now out of later collections."""
    gc.freeze()


def release() -> None:
    """Let the collector see the settled objects again (a window drops its design)."""
    gc.unfreeze()
