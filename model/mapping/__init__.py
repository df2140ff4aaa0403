"""One mapping per kind, read in both directions: which template resource a kind is and
which property each config field is (declared in model/mapping/kinds.py), with the functions
that read a resource's properties into config values and write edited values back."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from model.mapping.errors import ImportFailure
from model.mapping.fields import (
    OMIT,
    Field,
    KindMapping,
    PropertyPath,
    ReadContext,
    WriteContext,
)
from model.mapping.intrinsics import Unresolved
from model.mapping.kinds import MAPPINGS

Properties = dict[str, Any]


def _index() -> tuple[dict[str, list[KindMapping]], dict[str, list[KindMapping]]]:
    by_type: dict[str, list[KindMapping]] = {}
    by_kind: dict[str, list[KindMapping]] = {}
    for mapping in MAPPINGS:
        for resource_type in mapping.types:
            by_type.setdefault(resource_type, []).append(mapping)
        by_kind.setdefault(mapping.kind, []).append(mapping)
    return by_type, by_kind


BY_TYPE, BY_KIND = _index()


def mappings_of_type(resource_type: str) -> list[KindMapping]:
    """The mappings a resource type can become (a Lambda function: function or edge function)."""
    return list(BY_TYPE.get(resource_type, ()))


def mapping_for(kind: str, resource_type: str | None = None) -> KindMapping | None:
    """The kind's mapping; with resource_type, the one for that type (REST or HTTP API)."""
    found = BY_KIND.get(kind, [])
    if resource_type is not None:
        found = [m for m in found if resource_type in m.types]
    return found[0] if found else None


def dialect_of(mapping: KindMapping, resource_type: str) -> str:
    return "sam" if mapping.sam_type is not None and resource_type == mapping.sam_type else "cfn"


def applies(field: Field, dialect: str) -> bool:
    return field.dialect in ("both", dialect)


def get_path(properties: Any, path: PropertyPath) -> tuple[bool, Any]:
    """(True, value) when path exists in properties, else (False, None)."""
    current = properties
    for segment in path:
        if isinstance(segment, str):
            if not isinstance(current, dict) or segment not in current:
                return False, None
            current = current[segment]
        elif isinstance(segment, int):
            if not isinstance(current, list) or len(current) <= segment:
                return False, None
            current = current[segment]
        else:
            if not isinstance(current, list):
                return False, None
            match = [item for item in current if _matches(item, segment)]
            if not match:
                return False, None
            current = match[0]
    return True, current


def _matches(item: Any, keys: Mapping[str, str]) -> bool:
    return isinstance(item, dict) and all(item.get(k) == v for k, v in keys.items())


def set_path(properties: Properties, path: PropertyPath, value: Any) -> None:
    """Write value at path, creating what is missing; OMIT removes the property."""
    current: Any = properties
    for index, segment in enumerate(path):
        last = index == len(path) - 1
        if isinstance(segment, str):
            if last:
                if value is OMIT:
                    current.pop(segment, None)
                else:
                    current[segment] = value
                return
            following = path[index + 1]
            if not isinstance(current.get(segment), dict | list):
                current[segment] = [] if not isinstance(following, str) else {}
            current = current[segment]
        elif isinstance(segment, int):
            while len(current) <= segment:
                current.append({})
            if last:
                current[segment] = value
                return
            current = current[segment]
        else:
            match = [item for item in current if _matches(item, segment)]
            if match:
                current = match[0]
            else:
                current.append(dict(segment))
                current = current[-1]


@dataclass(frozen=True)
class FieldProblem:
    """A property the import could not turn into a config value, and why."""

    field: str
    path: str
    reason: str


def path_text(field: Field) -> str:
    parts: list[str] = []
    for segment in field.path:
        if isinstance(segment, str):
            parts.append(segment)
        elif isinstance(segment, int):
            parts.append(f"[{segment}]")
        else:
            parts.append("[" + ",".join(f"{k}={v}" for k, v in segment.items()) + "]")
    text = ".".join(parts).replace(".[", "[")
    return f"{field.part}:{text}" if field.part else text


def read_fields(
    mapping: KindMapping, dialect: str, parts: Mapping[str, Properties], ctx: ReadContext
) -> tuple[dict[str, Any], list[FieldProblem]]:
    """Config values from the properties of a node's resources (parts[''] is its own)."""
    values: dict[str, Any] = dict(mapping.constants)
    problems: list[FieldProblem] = []
    for field in mapping.fields:
        if not applies(field, dialect) or field.name in values:
            continue
        found, raw = get_path(parts.get(field.part), field.path)
        if not found:
            continue
        try:
            values[field.name] = field.codec.read(raw, ctx)
        except ImportFailure:
            raise
        except Unresolved as reason:
            problems.append(FieldProblem(field.name, path_text(field), f"unresolved: {reason}"))
        except (ValueError, TypeError, KeyError, IndexError, AttributeError) as error:
            problems.append(FieldProblem(field.name, path_text(field), str(error) or "unreadable"))
    read = {problem.field for problem in problems}
    for field in mapping.fields:
        if (
            applies(field, dialect)
            and field.absent is not None
            and field.name not in values
            and field.name not in read
            and (field.part == "" or field.part in parts)
        ):
            values[field.name] = field.absent
    return values, problems


def source_field(
    mapping: KindMapping, dialect: str, name: str, parts: Mapping[str, Properties]
) -> Field | None:
    """The field declaration a setting is written to: the one the template used, else the
    first writable one whose resource the node has."""
    candidates = [f for f in mapping.fields if f.name == name and applies(f, dialect)]
    for field in candidates:
        if get_path(parts.get(field.part), field.path)[0]:
            return field
    for field in candidates:
        if field.writable and (field.part == "" or field.part in parts):
            return field
    return None


def write_fields(
    mapping: KindMapping,
    dialect: str,
    changed: Mapping[str, Any],
    parts: Mapping[str, Properties],
    ctx: WriteContext,
) -> list[str]:
    """Write changed config values into the properties of the node's resources; returns the
    names of settings that have no writable place (for the export's notes)."""
    unwritten: list[str] = []
    for name, value in changed.items():
        if name in mapping.constants:
            continue
        field = source_field(mapping, dialect, name, parts)
        if field is None or not field.writable:
            unwritten.append(name)
            continue
        target = parts[field.part]
        set_path(target, field.path, OMIT if value is None else field.codec.write(value, ctx))
    return unwritten


class _NoRefs:
    """The write context of generated resources: user text stays text."""

    generated = True

    def ref(self, node_id: str) -> Any:
        return node_id


def _declared(
    kind: str, names: tuple[str, ...], accepts: Callable[[Field], bool], what: str
) -> list[Field]:
    """The kind's field declaration of each name that `accepts` takes (KeyError if none)."""
    mapping = mapping_for(kind)
    found = []
    for name in names:
        field = next(
            (f for f in (mapping.fields if mapping else ()) if f.name == name and accepts(f)), None
        )
        if field is None:
            raise KeyError(f"{kind} has no mapped {what} for {name}")
        found.append(field)
    return found


def settings(
    kind: str, config: Any, names: tuple[str, ...], sam: bool = False, part: str = ""
) -> Properties:
    """Generated properties for the named config fields of a drawn node, in that order,
    where the mapping declares them (the generators' share of the mapping); `part` names
    the node's other resource they go to (an ECS service's task definition). Unset (None)
    settings and empty lists or maps are left out."""
    mapping = mapping_for(kind)
    dialect = "sam" if sam and mapping and mapping.sam_type else "cfn"
    properties: Properties = {}
    accepts = (lambda f: f.part == part and applies(f, dialect)) if mapping else None
    for field in _declared(kind, names, accepts, "field") if accepts else []:
        current = getattr(config, field.name)
        value = OMIT if current is None else field.codec.write(current, _NoRefs())
        if value is not OMIT:
            set_path(properties, field.path, value)
    return properties


def terraform_settings(
    kind: str, config: Any, names: tuple[str, ...], part: str = ""
) -> list[tuple[str, Any]]:
    """(attribute path, value) for the named config fields in the kind's Terraform resource
    (or the resource of its `part`); a dotted path is a nested block (ephemeral_storage.size)."""
    found: list[tuple[str, Any]] = []
    declared = _declared(kind, names, lambda f: bool(f.terraform) and f.part == part, "attribute")
    for field in declared:
        current = getattr(config, field.name)
        value = OMIT if current is None else terraform_value(field, current)
        if value is not OMIT:
            found.append((str(field.terraform), value))
    return found


def terraform_value(field: Field, value: Any) -> Any:
    """A config value as the Terraform attribute of the field holds it."""
    codec = field.terraform_codec or field.codec
    return codec.write(value, _NoRefs())


__all__ = [
    "BY_KIND",
    "BY_TYPE",
    "MAPPINGS",
    "Field",
    "FieldProblem",
    "KindMapping",
    "dialect_of",
    "get_path",
    "mapping_for",
    "mappings_of_type",
    "read_fields",
    "set_path",
    "settings",
    "source_field",
    "terraform_settings",
    "terraform_value",
    "write_fields",
]
