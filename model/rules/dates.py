"""The date that support windows and deprecations are judged against (tests replace it)."""

from __future__ import annotations

import datetime as dt


def today() -> dt.date:
    return dt.date.today()


def parse_day(text: object) -> dt.date | None:
    """An ISO date from the limits data, or None when absent or malformed."""
    if not isinstance(text, str):
        return None
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None
