"""The way back for imported nodes: the template resources a node came from, with only the
settings edited since import written into them through the kind mapping, so an unedited
import exports the template it was read from."""

from __future__ import annotations

import copy
from typing import Any

from model.catalog import GENERIC_KIND
from model.design import Design
from model.elements import Node
from model.mapping import dialect_of, get_path, mapping_for, write_fields

Json = dict[str, Any]


class _Refs:
    """Writing back into an imported template: ${Name} text is the intrinsic it displays."""

    generated = False

    def __init__(self, design: Design, names: Any) -> None:
        self.design = design
        self.names = names

    def ref(self, node_id: str) -> Any:
        if self.design.has_node(node_id):
            origin = self.design.node(node_id).origin
            if origin is not None:
                return {"Ref": origin.logical_id}
            return {"Ref": self.names.node(node_id)}
        return node_id


def changed_settings(node: Node) -> dict[str, Any]:
    """Config values that differ from what the template said."""
    assert node.origin is not None
    model = type(node.config)
    baseline = model.model_validate(dict(node.origin.config))
    changed: dict[str, Any] = {}
    for name in model.model_fields:
        value = getattr(node.config, name)
        if value != getattr(baseline, name):
            changed[name] = value
    return changed


def written_back(design: Design, node: Node, names: Any) -> tuple[dict[str, Json], list[str]]:
    """The node's resources (logical id -> resource) and the settings that could not be
    written back (for the export's notes)."""
    assert node.origin is not None
    resources: dict[str, Json] = {
        logical_id: copy.deepcopy(dict(body)) for logical_id, body in node.origin.resources.items()
    }
    changed = changed_settings(node)
    if not changed:
        return resources, []
    primary = resources[node.origin.logical_id]
    if node.kind == GENERIC_KIND:
        config: Any = node.config
        if "resource_type" in changed:
            primary["Type"] = config.resource_type
        if "properties" in changed:
            if config.properties:
                primary["Properties"] = copy.deepcopy(config.properties)
            else:
                primary.pop("Properties", None)
        return resources, []
    if node.kind == "aws.cloudfront.distribution" and "cache_behaviors" in changed:
        _write_behaviours(design, node, primary)
        changed.pop("cache_behaviors")
    mapping = mapping_for(node.kind, str(primary.get("Type")))
    if mapping is None:
        return resources, sorted(changed)
    had_properties = "Properties" in primary
    parts: dict[str, Json] = {"": primary.setdefault("Properties", {})}
    for role, types in mapping.parts.items():
        candidates = [
            body
            for lid, body in resources.items()
            if lid != node.origin.logical_id and body.get("Type") in types
        ]
        fields = [f for f in mapping.fields if f.part == role]
        with_settings = [
            body
            for body in candidates
            if any(get_path(body.get("Properties", {}), f.path)[0] for f in fields)
        ]
        chosen = with_settings or candidates
        if chosen:
            parts[role] = chosen[0].setdefault("Properties", {})
    dialect = dialect_of(mapping, str(primary.get("Type")))
    unwritten = write_fields(mapping, dialect, changed, parts, _Refs(design, names))
    if not had_properties and not primary["Properties"]:
        primary.pop("Properties")
    return resources, unwritten


def _write_behaviours(design: Design, node: Node, primary: Json) -> None:
    """The distribution's CacheBehaviors in the config's order: a kept pattern keeps its
    template settings, a new one starts from the default behaviour's, a removed one goes."""
    distribution = primary.setdefault("Properties", {}).setdefault("DistributionConfig", {})
    old = {
        b.get("PathPattern"): b
        for b in distribution.get("CacheBehaviors", []) or []
        if isinstance(b, dict)
    }
    origin_ids = _origin_ids(design, distribution)
    default = {
        k: v
        for k, v in (distribution.get("DefaultCacheBehavior") or {}).items()
        if k != "LambdaFunctionAssociations"
    }
    written: list[Json] = []
    config: Any = node.config
    for behaviour in config.cache_behaviors:
        entry = copy.deepcopy(old.get(behaviour.path_pattern) or default)
        entry["PathPattern"] = behaviour.path_pattern
        if behaviour.origin in origin_ids:
            entry["TargetOriginId"] = origin_ids[behaviour.origin]
        written.append(entry)
    if written:
        distribution["CacheBehaviors"] = written
    else:
        distribution.pop("CacheBehaviors", None)


def _origin_ids(design: Design, distribution: Json) -> dict[str, str]:
    """Node id -> the Id of the template origin whose domain refers to that node."""
    logical = {
        logical_id: node.id
        for node in design.iter_nodes()
        if node.origin is not None
        for logical_id in node.origin.resources
    }
    found: dict[str, str] = {}
    for origin in distribution.get("Origins", []) or []:
        if not isinstance(origin, dict):
            continue
        text = repr(origin.get("DomainName"))
        for logical_id, node_id in logical.items():
            if f"'{logical_id}'" in text or "${" + logical_id in text:
                found.setdefault(node_id, str(origin.get("Id", "")))
    return found
