"""A memo by identity for objects that allow no weak reference (see model.rules.memo for the
rules' memos)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

_T = TypeVar("_T")


class ObjectMemo:
    """Results per object that allows no weak reference (a definition's state dicts, which the
    workflow edits share between successive definitions), keyed by identity. Each entry holds
    its object, so the id cannot pass to another while the entry lives; the most recent `size`
    are kept. The objects must not change in place (definitions never do)."""

    def __init__(self, size: int) -> None:
        self._size = size
        self._entries: OrderedDict[int, tuple[object, Any]] = OrderedDict()

    def get(self, owner: object, compute: Callable[[], _T]) -> _T:
        entry = self._entries.get(id(owner))
        if entry is not None and entry[0] is owner:
            self._entries.move_to_end(id(owner))
        else:
            entry = (owner, compute())
            self._entries[id(owner)] = entry
            if len(self._entries) > self._size:
                self._entries.popitem(last=False)
        value: _T = entry[1]
        return value

    def clear(self) -> None:
        self._entries.clear()

    def __len__(self) -> int:
        return len(self._entries)
