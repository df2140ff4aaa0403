"""Results of pure functions of one immutable value, kept for as long as the value lives.

Configs are frozen and replaced on every edit, so an analysis of a config's content (a state
machine definition's structure problems or Task list) computed once stays right until the
config is dropped. Entries are keyed by the value's identity and removed when it is collected.
"""

from __future__ import annotations

import weakref
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
