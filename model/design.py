"""The design aggregate: nodes, edges and containment.

Edges are indexed per node in plain dicts, which keeps the queries rules make on every pass
cheap and keeps networkx out of start-up; path queries build a networkx graph when asked.

The design changes only through its mutators; each emits one event to the subscribers.
Mutators keep structural invariants (unique ids, existing endpoints and parents, no
containment cycle) but not catalog legality: a file may hold what the editor refuses,
and validation reports it.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any, TypeVar

from model.catalog import CATALOG, KindSpec, Registry
from model.config.base import ServiceConfig
from model.config.edges import EdgeConfig
from model.elements import Edge, ImportedTemplate, Node, Placement, Point, Size
from model.events import (
    EdgeAdded,
    EdgeRemoved,
    EdgeUpdated,
    Event,
    NodeAdded,
    NodeConfigChanged,
    NodeMoved,
    NodePinned,
    NodeRemoved,
    NodeRenamed,
    NodeReparented,
    NodeResized,
    NodeUpdated,
    OrderRestored,
    ProfileChanged,
    PropertiesChanged,
    ReviewChanged,
    WaiverAdded,
    WaiverRemoved,
)
from model.profile import Profile
from model.review.values import ReviewStatus, Waiver
from model.text import visible

Listener = Callable[[Event], None]
_T = TypeVar("_T")
ORIGIN = Point(0.0, 0.0)


class ModelError(ValueError):
    """An operation would break the design's structure; nothing was changed."""


@dataclass(frozen=True)
class Verdict:
    ok: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.ok


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:40].strip("-") or "node"


def kind_slug(kind: str) -> str:
    return slugify(kind.removeprefix("aws.").replace(".", "-").replace("_", "-"))


class Design:
    def __init__(
        self,
        name: str = "Untitled design",
        description: str = "",
        profile: Profile | None = None,
        catalog: Registry = CATALOG,
    ) -> None:
        self.name = visible(name)
        self.description = visible(description)
        self.profile = profile or Profile()
        self.catalog = catalog
        self._nodes: dict[str, Node] = {}
        self._by_kind: dict[str, list[Node]] | None = None
        """nodes_of_kind()'s index, None after any change to the nodes."""
        self._edges: dict[str, Edge] = {}
        self._children: dict[str, dict[str, None]] = {}
        self._out: dict[str, dict[str, None]] = {}
        self._in: dict[str, dict[str, None]] = {}
        self._edge_seq: dict[str, int] = {}
        self._next_seq = 0
        self._listeners: list[Listener] = []
        self._id_hints: dict[str, int] = {}
        self.imported: ImportedTemplate | None = None
        """Set once, when the design is built from a template (import or load)."""
        self._waivers: dict[tuple[str, tuple[str, ...]], Waiver] = {}
        self.review: ReviewStatus | None = None

    def copy(self) -> Design:
        """An independent design with the same content and no listeners; the elements are
        immutable, so the copy shares them (much cheaper than a save and a load)."""
        other = Design.__new__(Design)
        other.__dict__.update(self.__dict__)
        other._nodes = dict(self._nodes)
        other._by_kind = None
        other._edges = dict(self._edges)
        other._children = {key: dict(value) for key, value in self._children.items()}
        other._out = {key: dict(value) for key, value in self._out.items()}
        other._in = {key: dict(value) for key, value in self._in.items()}
        other._edge_seq = dict(self._edge_seq)
        other._listeners = []
        other._id_hints = dict(self._id_hints)
        other._waivers = dict(self._waivers)
        return other

    # ---- observation -------------------------------------------------------------------
    def subscribe(self, listener: Listener) -> None:
        self._listeners.append(listener)

    def unsubscribe(self, listener: Listener) -> None:
        self._listeners.remove(listener)

    def _emit(self, event: Event) -> None:
        """Tell every listener; add_node and add_edge skip making the event when there are
        none, as while a file loads (thousands of them)."""
        for listener in list(self._listeners):
            listener(event)

    # ---- queries -----------------------------------------------------------------------
    @property
    def nodes(self) -> list[Node]:
        return list(self._nodes.values())

    @property
    def edges(self) -> list[Edge]:
        return list(self._edges.values())

    def iter_nodes(self) -> Iterator[Node]:
        return iter(self._nodes.values())

    def iter_edges(self) -> Iterator[Edge]:
        return iter(self._edges.values())

    def node(self, node_id: str) -> Node:
        return self._nodes[node_id]

    def nodes_of_kind(self, *kinds: str) -> list[Node]:
        """The nodes of the given kinds, in design order. Rules that look for one kind in a
        large design ask for it this way: an index by kind, made at the first call after a
        change to the nodes, answers every later call of the pass without a scan."""
        index = self._by_kind
        if index is None:
            index = self._by_kind = {}
            for node in self._nodes.values():
                index.setdefault(node.kind, []).append(node)
        present = [kind for kind in dict.fromkeys(kinds) if kind in index]
        if len(present) <= 1:
            return list(index[present[0]]) if present else []
        wanted = frozenset(present)
        return [node for node in self._nodes.values() if node.kind in wanted]

    def edge(self, edge_id: str) -> Edge:
        return self._edges[edge_id]

    def has_node(self, node_id: str) -> bool:
        return node_id in self._nodes

    def has_edge(self, edge_id: str) -> bool:
        return edge_id in self._edges

    @property
    def waivers(self) -> list[Waiver]:
        return list(self._waivers.values())

    def waiver(self, key: tuple[str, tuple[str, ...]]) -> Waiver | None:
        return self._waivers.get(key)

    def node_index(self, node_id: str) -> int:
        return list(self._nodes).index(node_id)

    def edge_index(self, edge_id: str) -> int:
        return list(self._edges).index(edge_id)

    def spec(self, node_id: str) -> KindSpec:
        return self.catalog.get(self._nodes[node_id].kind)

    def is_empty(self) -> bool:
        return not self._nodes and not self._edges

    def children(self, node_id: str | None) -> list[str]:
        if node_id is None:
            return [n.id for n in self._nodes.values() if n.parent is None]
        return list(self._children.get(node_id, ()))

    def descendants(self, node_id: str) -> list[str]:
        """All nodes inside node_id, depth-first in child order."""
        found: list[str] = []
        stack = list(reversed(self.children(node_id)))
        while stack:
            current = stack.pop()
            found.append(current)
            stack.extend(reversed(self.children(current)))
        return found

    def ancestors(self, node_id: str) -> list[str]:
        """Containers around node_id, innermost first."""
        chain: list[str] = []
        parent = self._nodes[node_id].parent
        while parent is not None and parent not in chain:
            chain.append(parent)
            parent = self._nodes[parent].parent
        return chain

    def ancestor_of_kind(self, node_id: str, kind: str) -> str | None:
        """The innermost container of a kind around node_id (rules ask this of most nodes,
        so it stops at the first match)."""
        nodes = self._nodes
        chain: list[str] = []
        parent = nodes[node_id].parent
        while parent is not None and parent not in chain:
            container = nodes[parent]
            if container.kind == kind:
                return parent
            chain.append(parent)
            parent = container.parent
        return None

    def edges_of(self, node_id: str) -> list[Edge]:
        """Edges touching node_id, in design order."""
        ids = dict.fromkeys(self._out.get(node_id, ()))
        ids.update(dict.fromkeys(self._in.get(node_id, ())))
        ordered = sorted(ids, key=self._edge_seq.__getitem__) if len(ids) > 1 else ids
        return [self._edges[edge_id] for edge_id in ordered]

    def outgoing(self, node_id: str, relation: str | None = None) -> list[Edge]:
        edges = self._edges
        if relation is None:
            return [edges[key] for key in self._out.get(node_id, ())]
        return [edges[key] for key in self._out.get(node_id, ()) if edges[key].relation == relation]

    def incoming(self, node_id: str, relation: str | None = None) -> list[Edge]:
        edges = self._edges
        if relation is None:
            return [edges[key] for key in self._in.get(node_id, ())]
        return [edges[key] for key in self._in.get(node_id, ()) if edges[key].relation == relation]

    def neighbours(
        self, node_id: str, relation: str | None = None, direction: str = "out"
    ) -> list[str]:
        """Ids of nodes one edge away (direction 'out', 'in' or 'both'), without repeats."""
        found: dict[str, None] = {}
        if direction in ("out", "both"):
            for edge in self.outgoing(node_id, relation):
                found[edge.target] = None
        if direction in ("in", "both"):
            for edge in self.incoming(node_id, relation):
                found[edge.source] = None
        return list(found)

    def paths(
        self, source: str, target: str, relations: Iterable[str] | None = None, cutoff: int = 12
    ) -> list[list[str]]:
        """Simple paths of node ids from source to target, following only given relations."""
        import networkx as nx

        if source not in self._nodes or target not in self._nodes:
            return []
        graph = self._relation_graph(relations)
        return [list(p) for p in nx.all_simple_paths(graph, source, target, cutoff=cutoff)]

    def reachable(self, source: str, relations: Iterable[str] | None = None) -> set[str]:
        import networkx as nx

        if source not in self._nodes:
            return set()
        return set(nx.descendants(self._relation_graph(relations), source))

    def _relation_graph(self, relations: Iterable[str] | None) -> Any:
        """A networkx MultiDiGraph of the nodes and the edges of the given relations."""
        import networkx as nx

        wanted = None if relations is None else set(relations)
        graph = nx.MultiDiGraph()
        graph.add_nodes_from(self._nodes)
        graph.add_edges_from(
            (e.source, e.target, e.id)
            for e in self._edges.values()
            if wanted is None or e.relation in wanted
        )
        return graph

    def effective_region(self, node_id: str) -> str:
        """Region container's name, else the node's own config.region, else the profile's
        (read through node() and ancestor_of_kind(), which a rule's view records)."""
        region_id = self.ancestor_of_kind(node_id, "aws.region")
        if region_id is not None:
            name = getattr(self.node(region_id).config, "name", "")
            if name:
                return str(name)
        own = getattr(self.node(node_id).config, "region", None)
        if own:
            return str(own)
        return self.profile.region

    def can_connect(self, source_id: str, target_id: str, relation: str) -> Verdict:
        """Whether the catalog allows this connection, with the reason when it does not."""
        if source_id not in self._nodes or target_id not in self._nodes:
            return Verdict(False, "both ends must be nodes of this design")
        if source_id == target_id:
            return Verdict(False, "a service cannot connect to itself")
        source, target = self._nodes[source_id], self._nodes[target_id]
        allowed = self.catalog.allowed_relations(source.kind, target.kind)
        if relation in allowed:
            return Verdict(True)
        source_name = self.catalog.get(source.kind).display_name
        target_name = self.catalog.get(target.kind).display_name
        if not allowed:
            return Verdict(False, f"{source_name} cannot connect to {target_name}")
        names = ", ".join(str(r) for r in allowed)
        return Verdict(False, f"{source_name} can connect to {target_name} only by: {names}")

    def can_contain(self, parent_id: str | None, child_kind: str, child_id: str = "") -> Verdict:
        """Whether a node of child_kind may sit in parent_id (None: the canvas itself)."""
        if parent_id is None:
            return Verdict(True)
        if parent_id not in self._nodes:
            return Verdict(False, f"'{parent_id}' is not a node of this design")
        if child_id and (parent_id == child_id or child_id in self.ancestors(parent_id)):
            return Verdict(False, "a container cannot be placed inside itself")
        parent = self._nodes[parent_id]
        if self.catalog.can_contain(parent.kind, child_kind):
            return Verdict(True)
        parent_name = self.catalog.get(parent.kind).display_name
        child_name = self.catalog.get(child_kind).display_name
        return Verdict(False, f"{parent_name} cannot contain {child_name}")

    # ---- ids ---------------------------------------------------------------------------
    def new_node_id(self, base: str) -> str:
        return self._new_id(slugify(base))

    def new_edge_id(self) -> str:
        return self._new_id("e")

    def _new_id(self, slug: str) -> str:
        counter = self._id_hints.get(slug, 1)
        while f"{slug}-{counter}" in self._nodes or f"{slug}-{counter}" in self._edges:
            counter += 1
        self._id_hints[slug] = counter + 1
        return f"{slug}-{counter}"

    # ---- mutators ----------------------------------------------------------------------
    def add_node(self, node: Node) -> None:
        if node.id in self._nodes or node.id in self._edges:
            raise ModelError(f"id '{node.id}' is already used in this design")
        if node.kind not in self.catalog:
            raise ModelError(f"unknown kind '{node.kind}'")
        if node.parent is not None and node.parent not in self._nodes:
            raise ModelError(f"parent '{node.parent}' of '{node.id}' is not in this design")
        self._nodes[node.id] = node
        self._by_kind = None
        if node.parent is not None:
            self._children.setdefault(node.parent, {})[node.id] = None
        if self._listeners:
            self._emit(NodeAdded(node))

    def remove_node(self, node_id: str) -> Node:
        node = self._nodes[node_id]
        if self._out.get(node_id) or self._in.get(node_id):
            raise ModelError(f"'{node_id}' still has connections")
        if self._children.get(node_id):
            raise ModelError(f"'{node_id}' still contains other nodes")
        del self._nodes[node_id]
        self._by_kind = None
        self._out.pop(node_id, None)
        self._in.pop(node_id, None)
        self._children.pop(node_id, None)
        if node.parent is not None:
            self._children.get(node.parent, {}).pop(node_id, None)
        self._emit(NodeRemoved(node))
        return node

    def add_edge(self, edge: Edge) -> None:
        if edge.id in self._edges or edge.id in self._nodes:
            raise ModelError(f"id '{edge.id}' is already used in this design")
        for end in (edge.source, edge.target):
            if end not in self._nodes:
                raise ModelError(f"edge '{edge.id}' ends at '{end}', which is not in this design")
        self._edges[edge.id] = edge
        self._out.setdefault(edge.source, {})[edge.id] = None
        self._in.setdefault(edge.target, {})[edge.id] = None
        self._edge_seq[edge.id] = self._next_seq
        self._next_seq += 1
        if self._listeners:
            self._emit(EdgeAdded(edge))

    def remove_edge(self, edge_id: str) -> Edge:
        edge = self._edges.pop(edge_id)
        del self._out[edge.source][edge_id]
        del self._in[edge.target][edge_id]
        del self._edge_seq[edge_id]
        self._emit(EdgeRemoved(edge))
        return edge

    def set_config(self, node_id: str, config: ServiceConfig) -> None:
        old = self._nodes[node_id]
        expected = self.catalog.get(old.kind).config_model
        if type(config) is not expected:
            raise ModelError(f"'{node_id}' needs a {expected.__name__}")
        self._replace_node(NodeConfigChanged, old, replace(old, config=config))

    def rename(self, node_id: str, label: str) -> None:
        old = self._nodes[node_id]
        self._replace_node(NodeRenamed, old, replace(old, label=label))

    def move(self, node_id: str, position: Point) -> None:
        old = self._nodes[node_id]
        placement = replace(old.placement, position=position)
        self._replace_node(NodeMoved, old, replace(old, placement=placement))

    def resize(self, node_id: str, size: Size | None) -> None:
        old = self._nodes[node_id]
        placement = replace(old.placement, size=size)
        self._replace_node(NodeResized, old, replace(old, placement=placement))

    def set_pinned(self, node_id: str, pinned: bool) -> None:
        old = self._nodes[node_id]
        placement = replace(old.placement, pinned=pinned)
        self._replace_node(NodePinned, old, replace(old, placement=placement))

    def reparent(self, node_id: str, parent: str | None) -> None:
        old = self._nodes[node_id]
        if parent is not None:
            if parent not in self._nodes:
                raise ModelError(f"parent '{parent}' is not in this design")
            if parent == node_id or node_id in self.ancestors(parent):
                raise ModelError(f"'{node_id}' cannot be placed inside itself")
        if old.parent is not None:
            self._children.get(old.parent, {}).pop(node_id, None)
        if parent is not None:
            kids = self._children.setdefault(parent, {})
            kids[node_id] = None
            if len(kids) > 1:
                position = {key: i for i, key in enumerate(self._nodes)}
                self._children[parent] = dict.fromkeys(sorted(kids, key=position.__getitem__))
        self._replace_node(NodeReparented, old, replace(old, parent=parent))

    def set_edge_config(self, edge_id: str, config: EdgeConfig, label: str | None = None) -> None:
        old = self._edges[edge_id]
        new = replace(old, config=config, label=old.label if label is None else label)
        self._edges[edge_id] = new
        self._emit(EdgeUpdated(old, new))

    def set_profile(self, profile: Profile) -> None:
        old, self.profile = self.profile, profile
        self._emit(ProfileChanged(old, profile))

    def set_properties(self, name: str, description: str) -> None:
        self.name, self.description = visible(name), visible(description)
        self._emit(PropertiesChanged(name, description))

    def add_waiver(self, waiver: Waiver, index: int | None = None) -> None:
        """Add a waiver (at index in the list, default last); one waiver per rule and elements."""
        if waiver.key in self._waivers:
            raise ModelError(f"a waiver of {waiver.rule} for these elements already exists")
        items = list(self._waivers.items())
        items.insert(len(items) if index is None else index, (waiver.key, waiver))
        self._waivers = dict(items)
        self._emit(WaiverAdded(waiver))

    def remove_waiver(self, key: tuple[str, tuple[str, ...]]) -> tuple[Waiver, int]:
        """Remove a waiver; returns it and where it was, so undo can put it back."""
        if key not in self._waivers:
            raise ModelError(f"no waiver of {key[0]} for {', '.join(key[1]) or 'the design'}")
        index = list(self._waivers).index(key)
        waiver = self._waivers.pop(key)
        self._emit(WaiverRemoved(waiver))
        return waiver, index

    def set_review(self, status: ReviewStatus | None) -> None:
        old, self.review = self.review, status
        self._emit(ReviewChanged(old, status))

    def restore_order(self, node_order: list[str], edge_order: list[str]) -> None:
        """Put nodes and edges back in a recorded order; ids not listed keep theirs, after."""
        self._nodes = _reordered(self._nodes, node_order)
        self._by_kind = None
        self._edges = _reordered(self._edges, edge_order)
        self._edge_seq = {edge_id: i for i, edge_id in enumerate(self._edges)}
        self._next_seq = len(self._edges)
        position = {node_id: i for i, node_id in enumerate(self._nodes)}
        for parent, kids in self._children.items():
            self._children[parent] = dict.fromkeys(sorted(kids, key=position.__getitem__))
        self._emit(OrderRestored())

    def _replace_node(self, event_type: type[NodeUpdated], old: Node, new: Node) -> None:
        self._nodes[new.id] = new
        self._by_kind = None
        self._emit(event_type(old, new))


def _reordered(items: dict[str, _T], order: list[str]) -> dict[str, _T]:
    result = {key: items[key] for key in order if key in items}
    for key, value in items.items():
        result.setdefault(key, value)
    return result


def new_node(
    design: Design,
    kind: str,
    position: Point = ORIGIN,
    label: str = "",
    parent: str | None = None,
    config: dict[str, object] | None = None,
    node_id: str | None = None,
) -> Node:
    """A node value for this design with a fresh readable id and the kind's defaults."""
    spec = design.catalog.get(kind)
    size = Size(*spec.default_size) if spec.default_size else None
    return Node(
        id=node_id or design.new_node_id(label or kind_slug(kind)),
        kind=kind,
        label=label or spec.display_name,
        config=spec.config_model.model_validate(config or {}),
        parent=parent,
        placement=Placement(position=position, size=size),
    )


def architecture_only(design: Design) -> Design:
    """The design without its annotations (notes and their connections), for configuration
    exports; the design itself when it has none. The copy shares the immutable nodes."""
    is_annotation = design.catalog.is_annotation
    if not any(is_annotation(node.kind) for node in design.iter_nodes()):
        return design
    copy = Design(design.name, design.description, design.profile, design.catalog)
    copy.imported = design.imported
    kept = [node for node in design.iter_nodes() if not is_annotation(node.kind)]
    for node in sorted(kept, key=lambda n: len(design.ancestors(n.id))):
        if node.parent is not None and is_annotation(design.node(node.parent).kind):
            outer = (a for a in design.ancestors(node.id) if not is_annotation(design.node(a).kind))
            node = replace(node, parent=next(outer, None))
        copy.add_node(node)
    copy.restore_order([node.id for node in kept], [])
    for edge in design.iter_edges():
        if copy.has_node(edge.source) and copy.has_node(edge.target):
            copy.add_edge(edge)
    return copy
