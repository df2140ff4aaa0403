"""Results of pure functions, kept so a pass does not compute them again.

IdentityMemo: per immutable value, for as long as the value lives (configs are frozen and
replaced on every edit; entries are keyed by identity and removed when it is collected).
ContentMemo: by a key that stands for the content, the most recent entries kept.
"""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

_T = TypeVar("_T")


class IdentityMemo:
    def __init__(self) -> None:
        self._entries: dict[int, tuple[weakref.ref[Any], dict[Hashable, Any]]] = {}

    def get(self, owner: object, key: Hashable, compute: Callable[[], _T]) -> _T:
        """compute() for (owner, key) once while owner lives; owner must allow weak references."""
        entry = self._entries.get(id(owner))
        if entry is None or entry[0]() is not owner:
            owner_id = id(owner)
            entry = (weakref.ref(owner, lambda ref: self._forget(owner_id, ref)), {})
            self._entries[owner_id] = entry
        results = entry[1]
        if key not in results:
            results[key] = compute()
        value: _T = results[key]
        return value

    def _forget(self, owner_id: int, ref: weakref.ref[Any]) -> None:
        entry = self._entries.get(owner_id)
        if entry is not None and entry[0] is ref:
            del self._entries[owner_id]

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)


class ContentMemo:
    """Results of pure functions keyed by a value's content, the most recent `size` kept.

    Two configs with the same state machine definition (a design that repeats one workflow,
    or an edit of another field, which makes a new config) share one analysis.
    """

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()

    def get(self, key: Hashable, compute: Callable[[], _T]) -> _T:
        if key in self._entries:
            self._entries.move_to_end(key)
        else:
            self._entries[key] = compute()
            if len(self._entries) > self._size:
                self._entries.popitem(last=False)
        value: _T = self._entries[key]
        return value

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
