"""AWS limits as data: every number a rule compares against, with its source and status.

The values live in model/data/limits.json (imported from the team's reference with
scripts/import_limits.py). A changed AWS quota is a one-line data change; an account's
adjustable quotas override defaults through the design's profile.quotas.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from model.profile import Profile
from model.resources import package_dir

DATA_FILE = package_dir("model") / "data" / "limits.json"


@dataclass(frozen=True)
class Limit:
    id: str
    service: str
    constraint: str
    value: Any
    unit: str
    kind: str
    source: str
    status: str
    verified: str | None = None
    quota: str | None = None
    notes: str = ""
    condition: str = ""
    severity: str = ""
    advisory: bool = False
    service_code: str = ""
    quota_code: str = ""
    """The AWS Service Quotas code (L-...) where a source documents one, else empty."""
    quota_code_source: str = ""

    @property
    def adjustable(self) -> bool:
        return self.kind == "adjustable"


class UnknownLimitError(KeyError):
    pass


class Limits:
    def __init__(self, entries: dict[str, Limit]) -> None:
        self._entries = entries

    @classmethod
    def from_json(cls, document: list[dict[str, Any]]) -> Limits:
        fields = set(Limit.__dataclass_fields__)
        entries = {
            item["id"]: Limit(**{k: v for k, v in item.items() if k in fields}) for item in document
        }
        return cls(entries)

    @classmethod
    def load(cls, path: Path = DATA_FILE) -> Limits:
        return cls.from_json(json.loads(path.read_text(encoding="utf-8")))

    def __iter__(self) -> Any:
        return iter(self._entries.values())

    def __contains__(self, limit_id: object) -> bool:
        return limit_id in self._entries

    def get(self, limit_id: str) -> Limit:
        try:
            return self._entries[limit_id]
        except KeyError:
            raise UnknownLimitError(limit_id) from None

    def value(self, limit_id: str, key: str | None = None, profile: Profile | None = None) -> Any:
        """The limit's value (or one key of a map value); a limit with a quota name takes the
        profile's override when the profile names it."""
        limit = self.get(limit_id)
        if limit.quota and profile and limit.quota in profile.quotas:
            return profile.quotas[limit.quota]
        if key is None:
            return limit.value
        if not isinstance(limit.value, dict) or key not in limit.value:
            raise UnknownLimitError(f"{limit_id}.{key}")
        return limit.value[key]

    def replaced(self, limit_id: str, value: Any) -> Limits:
        """A copy with one value changed (what-if checks and tests)."""
        entries = dict(self._entries)
        old = self.get(limit_id)
        entries[limit_id] = Limit(**{**old.__dict__, "value": value})
        return Limits(entries)


@cache
def default_limits() -> Limits:
    """Every limit the rules compare against, from model/data/limits.json."""
    return Limits.load()
