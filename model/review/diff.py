"""Semantic diff of two designs: by element id, field by field, not by text.

Nodes and edges are matched by id. A changed field is named by its dotted path (`label`,
`parent`, `config.memory_mb`, `config.definition.States.Resize.Next`); positions, sizes and
pins are layout, kept apart. The diff also compares the profile, the design's name,
description and review status, the waivers, and the open findings each side has, so a
reviewer sees which findings a change introduces and which it resolves.

difflib and deepdiff were considered: difflib diffs text (the thing to avoid here) and
deepdiff's paths (root['config']['x']) and type-change reports would need translating
back to this contract's dotted names, so a small recursive comparison of plain JSON values
is clearer.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from model.design import Design
from model.elements import Edge, Node
from model.review.waivers import apply_waivers, open_findings
from model.rules import Finding, validate

Change = tuple[Any, Any]
Fields = dict[str, Change]
_MISSING: Any = None


@dataclass
class ElementChanges:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: dict[str, Fields] = field(default_factory=dict)

    def __bool__(self) -> bool:
        return bool(self.added or self.removed or self.changed)

    def to_json(self) -> dict[str, Any]:
        return {
            "added": list(self.added),
            "removed": list(self.removed),
            "changed": {
                element: {name: [old, new] for name, (old, new) in fields.items()}
                for element, fields in self.changed.items()
            },
        }


@dataclass
class DesignDiff:
    old: Design
    new: Design
    nodes: ElementChanges
    edges: ElementChanges
    layout: dict[str, Fields]
    profile: Fields
    properties: Fields
    waivers_added: list[dict[str, Any]]
    waivers_removed: list[dict[str, Any]]
    introduced: list[Finding]
    resolved: list[Finding]
    review: Change | None = None
    """The review status before and after, when it changed (listed, not a semantic change)."""

    @property
    def semantic(self) -> bool:
        """True when the designs differ in anything but layout."""
        return bool(
            self.nodes
            or self.edges
            or self.profile
            or self.properties
            or self.waivers_added
            or self.waivers_removed
        )

    def changed_ids(self) -> set[str]:
        return set(self.nodes.changed) | set(self.edges.changed)

    def to_json(self, layout: bool = False) -> dict[str, Any]:
        document: dict[str, Any] = {
            "nodes": self.nodes.to_json(),
            "edges": self.edges.to_json(),
            "profile": {name: [old, new] for name, (old, new) in self.profile.items()},
            "design": {name: [old, new] for name, (old, new) in self.properties.items()},
            "waivers": {"added": self.waivers_added, "removed": self.waivers_removed},
            "findings": {
                "introduced": [f.to_json() for f in self.introduced],
                "resolved": [f.to_json() for f in self.resolved],
            },
        }
        if self.review is not None:
            document["review"] = list(self.review)
        if layout:
            document["layout"] = {
                element: {name: [old, new] for name, (old, new) in fields.items()}
                for element, fields in self.layout.items()
            }
        return document


def compare_values(old: Any, new: Any, path: str, out: Fields) -> None:
    """Record every leaf that differs, recursing into objects; lists compare whole. In an
    ASL `States` object a state that only changed its name is one change, `<path>.name`."""
    if isinstance(old, dict) and isinstance(new, dict):
        renamed = _renamed_states(old, new) if path.endswith("States") else {}
        for before, after in renamed.items():
            out[f"{path}.{before}.name"] = (before, after)
        skip = set(renamed) | set(renamed.values())
        for key in dict.fromkeys([*old, *new]):
            if key in skip:
                continue
            compare_values(
                old.get(key, _MISSING),
                new.get(key, _MISSING),
                f"{path}.{key}" if path else key,
                out,
            )
    elif old != new or type(old) is not type(new) and not _same_number(old, new):
        out[path] = (old, new)


def _renamed_states(old: dict[str, Any], new: dict[str, Any]) -> dict[str, str]:
    gone = [key for key in old if key not in new]
    came = [key for key in new if key not in old]
    renamed: dict[str, str] = {}
    for before in gone:
        match = next((a for a in came if a not in renamed.values() and new[a] == old[before]), None)
        if match is not None:
            renamed[before] = match
    return renamed


def _same_number(old: Any, new: Any) -> bool:
    numbers = (int, float)
    return (
        isinstance(old, numbers)
        and isinstance(new, numbers)
        and not isinstance(old, bool)
        and not isinstance(new, bool)
        and old == new
    )


def node_semantics(node: Node) -> dict[str, Any]:
    return {
        "kind": node.kind,
        "label": node.label,
        "parent": node.parent,
        "config": node.config.model_dump(mode="json"),
    }


def node_layout(node: Node) -> dict[str, Any]:
    size = node.placement.size
    return {
        "position": [node.position.x, node.position.y],
        "size": None if size is None else [size.w, size.h],
        "pinned": node.placement.pinned,
    }


def edge_semantics(edge: Edge) -> dict[str, Any]:
    return {
        "source": edge.source,
        "target": edge.target,
        "relation": edge.relation,
        "label": edge.label,
        "config": edge.config.model_dump(mode="json"),
    }


def _elements(
    old: dict[str, Any], new: dict[str, Any], semantics: Any, layout: Any | None
) -> tuple[ElementChanges, dict[str, Fields]]:
    changes = ElementChanges(
        added=[key for key in new if key not in old],
        removed=[key for key in old if key not in new],
    )
    moved: dict[str, Fields] = {}
    for key, item in new.items():
        if key not in old:
            continue
        fields: Fields = {}
        compare_values(semantics(old[key]), semantics(item), "", fields)
        if fields:
            changes.changed[key] = fields
        if layout is not None:
            placed: Fields = {}
            compare_values(layout(old[key]), layout(item), "", placed)
            if placed:
                moved[key] = placed
    return changes, moved


def _finding_keys(findings: Iterable[Finding]) -> Counter[tuple[str, tuple[str, ...]]]:
    return Counter((f.rule, f.elements) for f in findings)


def _only_in(mine: list[Finding], theirs: list[Finding]) -> list[Finding]:
    """Findings of mine that theirs lacks (by rule and elements, counting repeats)."""
    remaining = _finding_keys(theirs)
    result = []
    for finding in mine:
        key = (finding.rule, finding.elements)
        if remaining[key]:
            remaining[key] -= 1
        else:
            result.append(finding)
    return result


def diff_designs(
    old: Design,
    new: Design,
    old_findings: list[Finding] | None = None,
    new_findings: list[Finding] | None = None,
    today: dt.date | None = None,
) -> DesignDiff:
    """Compare old and new; findings are validated (with waivers) unless given."""
    old_nodes = {n.id: n for n in old.iter_nodes()}
    new_nodes = {n.id: n for n in new.iter_nodes()}
    nodes, layout = _elements(old_nodes, new_nodes, node_semantics, node_layout)
    edges, _ = _elements(
        {e.id: e for e in old.iter_edges()},
        {e.id: e for e in new.iter_edges()},
        edge_semantics,
        None,
    )
    profile: Fields = {}
    compare_values(
        old.profile.model_dump(mode="json"), new.profile.model_dump(mode="json"), "", profile
    )
    properties: Fields = {}
    compare_values(
        {"name": old.name, "description": old.description},
        {"name": new.name, "description": new.description},
        "",
        properties,
    )
    old_waivers = {w.key: w for w in old.waivers}
    new_waivers = {w.key: w for w in new.waivers}
    added = [w.to_json() for k, w in new_waivers.items() if old_waivers.get(k) != w]
    removed = [w.to_json() for k, w in old_waivers.items() if new_waivers.get(k) != w]
    if old_findings is None:
        old_findings = apply_waivers(old, validate(old), today)
    if new_findings is None:
        new_findings = apply_waivers(new, validate(new), today)
    before, after = open_findings(old_findings), open_findings(new_findings)
    return DesignDiff(
        old=old,
        new=new,
        nodes=nodes,
        edges=edges,
        layout=layout,
        profile=profile,
        properties=properties,
        waivers_added=added,
        waivers_removed=removed,
        introduced=_only_in(after, before),
        resolved=_only_in(before, after),
        review=_review_change(old, new),
    )


def _review_change(old: Design, new: Design) -> Change | None:
    before = old.review.describe() if old.review else None
    after = new.review.describe() if new.review else None
    return None if before == after else (before, after)


# ---- text and Markdown -------------------------------------------------------------------
def _unit(design: Design, node_id: str, path: str) -> str:
    if not path.startswith("config.") or not design.has_node(node_id):
        return ""
    name = path.split(".")[1]
    info = design.spec(node_id).config_model.model_fields.get(name)
    extra = info.json_schema_extra if info is not None else None
    unit = extra.get("unit") if isinstance(extra, dict) else None
    return f" {unit}" if isinstance(unit, str) and unit and path.count(".") == 1 else ""


def _value(value: Any, unit: str = "") -> str:
    if value is None:
        return "(none)"
    if isinstance(value, str):
        text = repr(value if len(value) <= 80 else value[:77] + "...")
    elif isinstance(value, bool):
        text = str(value).lower()
    elif isinstance(value, (dict, list)):
        import json

        text = json.dumps(value, ensure_ascii=False, sort_keys=True)
        if len(text) > 80:
            text = text[:77] + "..."
    else:
        text = str(value)
    return text + unit if not isinstance(value, (dict, list, str, bool)) else text


def _name(design: Design, node_id: str) -> str:
    if design.has_node(node_id):
        node = design.node(node_id)
        kind = design.spec(node_id).display_name
        return f"{node_id} ({kind} '{node.label}')" if node.label else f"{node_id} ({kind})"
    return node_id


def _edge_name(design: Design, edge_id: str) -> str:
    if design.has_edge(edge_id):
        edge = design.edge(edge_id)
        return f"{edge_id} ({edge.source} -{edge.relation}-> {edge.target})"
    return edge_id


def change_lines(diff: DesignDiff, layout: bool = False) -> list[str]:
    """One line per change, shared by the text and Markdown renderings."""
    old, new = diff.old, diff.new
    lines: list[str] = []
    for name, (a, b) in diff.properties.items():
        lines.append(f"~ design {name}: {_value(a)} -> {_value(b)}")
    for name, (a, b) in diff.profile.items():
        lines.append(f"~ profile {name}: {_value(a)} -> {_value(b)}")
    for node_id in diff.nodes.added:
        lines.append(f"+ node {_name(new, node_id)}")
    for node_id in diff.nodes.removed:
        lines.append(f"- node {_name(old, node_id)}")
    for node_id, fields in diff.nodes.changed.items():
        for path, (a, b) in fields.items():
            lines.append(
                f"~ node {node_id}: {path}: {_value(a, _unit(old, node_id, path))} -> "
                f"{_value(b, _unit(new, node_id, path))}"
            )
    for edge_id in diff.edges.added:
        lines.append(f"+ edge {_edge_name(new, edge_id)}")
    for edge_id in diff.edges.removed:
        lines.append(f"- edge {_edge_name(old, edge_id)}")
    for edge_id, fields in diff.edges.changed.items():
        for path, (a, b) in fields.items():
            lines.append(f"~ edge {edge_id}: {path}: {_value(a)} -> {_value(b)}")
    for waiver in diff.waivers_added:
        lines.append(
            f"+ waiver {waiver['rule']} on {', '.join(waiver['elements']) or 'design'}: {waiver['reason']}"
        )
    for waiver in diff.waivers_removed:
        lines.append(
            f"- waiver {waiver['rule']} on {', '.join(waiver['elements']) or 'design'}: {waiver['reason']}"
        )
    if diff.review is not None:
        lines.append(f"  review status: {_value(diff.review[0])} -> {_value(diff.review[1])}")
    for finding in diff.introduced:
        lines.append(f"! introduces {finding.severity} {finding.rule}: {finding.message}")
    for finding in diff.resolved:
        lines.append(f"* resolves {finding.severity} {finding.rule}: {finding.message}")
    if layout:
        for node_id, fields in diff.layout.items():
            for path, (a, b) in fields.items():
                lines.append(f"  layout {node_id}: {path}: {_value(a)} -> {_value(b)}")
    return lines


def render_text(diff: DesignDiff, old_name: str, new_name: str, layout: bool = False) -> str:
    lines = [f"--- {old_name}", f"+++ {new_name}"]
    changes = change_lines(diff, layout)
    lines += changes
    if not diff.semantic:
        moved = f" ({len(diff.layout)} elements moved or resized)" if diff.layout else ""
        lines.append(f"no semantic changes{moved}")
    elif diff.layout and not layout:
        lines.append(f"  ({len(diff.layout)} elements moved or resized; --layout lists them)")
    return "\n".join(lines) + "\n"


def render_markdown(diff: DesignDiff, old_name: str, new_name: str, layout: bool = False) -> str:
    from model.exporters.escaping import markdown_text as md

    lines = [f"## Changes from {md(old_name)} to {md(new_name)}", ""]
    if not diff.semantic:
        lines += ["No semantic changes.", ""]
    sections = (
        (
            "Added",
            [_name(diff.new, i) for i in diff.nodes.added]
            + [_edge_name(diff.new, i) for i in diff.edges.added],
        ),
        (
            "Removed",
            [_name(diff.old, i) for i in diff.nodes.removed]
            + [_edge_name(diff.old, i) for i in diff.edges.removed],
        ),
    )
    for title, items in sections:
        if items:
            lines += [f"### {title}", ""] + [f"- {md(item)}" for item in items] + [""]
    rows: list[tuple[str, str, str, str]] = []
    for name, (a, b) in diff.properties.items():
        rows.append(("design", name, _value(a), _value(b)))
    for name, (a, b) in diff.profile.items():
        rows.append(("profile", name, _value(a), _value(b)))
    for element, fields in [*diff.nodes.changed.items(), *diff.edges.changed.items()]:
        for path, (a, b) in fields.items():
            rows.append(
                (
                    element,
                    path,
                    _value(a, _unit(diff.old, element, path)),
                    _value(b, _unit(diff.new, element, path)),
                )
            )
    if layout:
        for element, fields in diff.layout.items():
            for path, (a, b) in fields.items():
                rows.append((element, f"layout: {path}", _value(a), _value(b)))
    if rows:
        lines += ["### Changed", "", "| Element | Field | Old | New |", "| --- | --- | --- | --- |"]
        lines += [f"| {md(e)} | {md(f)} | {md(a)} | {md(b)} |" for e, f, a, b in rows]
        lines.append("")
    if diff.waivers_added or diff.waivers_removed:
        lines += ["### Waivers", ""]
        for sign, waivers in (("Added", diff.waivers_added), ("Removed", diff.waivers_removed)):
            for w in waivers:
                lines.append(
                    f"- {sign}: **{md(w['rule'])}** on {md(', '.join(w['elements']) or 'design')}: "
                    f"{md(w['reason'])} ({md(w['author'] or 'unknown')}, {w['created']}"
                    f"{', until ' + w['expires'] if w['expires'] else ''})"
                )
        lines.append("")
    for title, findings in (
        ("Findings introduced", diff.introduced),
        ("Findings resolved", diff.resolved),
    ):
        if findings:
            lines += [f"### {title}", ""]
            lines += [f"- {f.severity} **{md(f.rule)}**: {md(f.message)}" for f in findings]
            lines.append("")
    if diff.layout and not layout:
        lines += [f"{len(diff.layout)} elements moved or resized (layout only).", ""]
    return "\n".join(lines).rstrip("\n") + "\n"
