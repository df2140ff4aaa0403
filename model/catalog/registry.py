"""Registry of kind specs with stable ids, renamed-id lookup and relation rules."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from model.catalog.spec import KindSpec, Preset, Relation, RelationRule


class DuplicateKindError(ValueError):
    """A kind id (or a replaced id) was registered twice."""


class Registry:
    def __init__(self) -> None:
        self._kinds: dict[str, KindSpec] = {}
        self._renamed: dict[str, str] = {}
        self._rules: list[RelationRule] = []
        self._presets: dict[str, Preset] = {}
        self._relations_cache: dict[tuple[str, str], list[Relation]] = {}
        self._allowed_from: dict[str, frozenset[tuple[str, str]]] = {}

    def register(self, spec: KindSpec) -> None:
        for kind_id in (spec.id, *spec.replaces):
            if kind_id in self._kinds or kind_id in self._renamed:
                raise DuplicateKindError(f"kind '{kind_id}' is already registered")
        self._kinds[spec.id] = spec
        for old in spec.replaces:
            self._renamed[old] = spec.id

    def register_relations(self, rules: Iterable[RelationRule]) -> None:
        self._rules.extend(rules)
        self._relations_cache.clear()
        self._allowed_from.clear()

    def register_preset(self, preset: Preset) -> None:
        if preset.id in self._presets:
            raise DuplicateKindError(f"preset '{preset.id}' is already registered")
        self._presets[preset.id] = preset

    def __contains__(self, kind_id: object) -> bool:
        return kind_id in self._kinds

    def __iter__(self) -> Iterator[KindSpec]:
        return iter(self._kinds.values())

    def __len__(self) -> int:
        return len(self._kinds)

    def get(self, kind_id: str) -> KindSpec:
        return self._kinds[kind_id]

    def resolve(self, kind_id: str) -> str | None:
        """The current id of a kind, following renames; None when unknown."""
        if kind_id in self._kinds:
            return kind_id
        return self._renamed.get(kind_id)

    def suggest(self, kind_id: str) -> str | None:
        """The nearest known kind id, for 'did you mean' messages."""
        matches = difflib.get_close_matches(kind_id, list(self._kinds), n=1, cutoff=0.5)
        return matches[0] if matches else None

    @property
    def presets(self) -> list[Preset]:
        return list(self._presets.values())

    @property
    def relation_rules(self) -> list[RelationRule]:
        return list(self._rules)

    def allowed_relations(self, source_kind: str, target_kind: str) -> list[Relation]:
        key = (source_kind, target_kind)
        cached = self._relations_cache.get(key)
        if cached is None and self.is_annotation(source_kind):
            cached = [] if self.is_annotation(target_kind) else [Relation.ANNOTATES]
            self._relations_cache[key] = cached
        if cached is None:
            found = {
                rule.relation
                for rule in self._rules
                if source_kind in rule.sources and target_kind in rule.targets
            }
            cached = [relation for relation in Relation if relation in found]
            self._relations_cache[key] = cached
        return list(cached)

    def allows(self, source_kind: str, target_kind: str, relation: str) -> bool:
        """Whether source_kind may connect to target_kind by relation (one set lookup)."""
        return (target_kind, relation) in self.allowed_from(source_kind)

    def allowed_from(self, source_kind: str) -> frozenset[tuple[str, str]]:
        """The (target kind, relation) pairs source_kind may connect by: allows() for every
        edge of one node at the cost of one lookup each."""
        found = self._allowed_from.get(source_kind)
        if found is None:
            found = frozenset(
                (target, rule.relation.value)
                for rule in self._rules
                if source_kind in rule.sources
                for target in rule.targets
            )
            self._allowed_from[source_kind] = found
        return found

    def can_contain(self, parent_kind: str, child_kind: str) -> bool:
        parent = self._kinds.get(parent_kind)
        return (
            parent is not None
            and parent.is_container
            and (child_kind in parent.contains or self.is_annotation(child_kind))
        )

    def is_annotation(self, kind_id: str) -> bool:
        spec = self._kinds.get(kind_id)
        return spec is not None and spec.annotation
