"""The date that support windows and deprecations are judged against (tests replace it)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache


def today() -> dt.date:
    return dt.date.today()


def parse_day(text: object) -> dt.date | None:
    """An ISO date from the limits data, or None when absent or malformed."""
    return _parsed(text) if isinstance(text, str) else None


@lru_cache(maxsize=256)
def _parsed(text: str) -> dt.date | None:
    """The limits data holds a few dozen dates, which every function's rules read."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None
