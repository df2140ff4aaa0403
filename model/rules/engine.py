"""Rule registry, full validation and incremental re-validation.

A rule is a small pure function over a read-only view of the design. Node rules run once
per node of the kinds they name; design rules run once over the whole design, or aggregate
per-node contributions (e.g. reserved concurrency per Region). While a rule runs, the view
records which elements it read; after an edit only the rules that read an element the edit
touched run again, so the result always equals a full run. A design edit touches the changed
node (and its old and new parent) or both ends of the changed edge. The incremental
validator's full run records nothing, so it costs what validate() does; prepare() records the
reads afterwards (the app calls it when idle), and until then an edit runs everything.
"""

from __future__ import annotations

import re
import time
from bisect import insort
from collections.abc import Callable, Hashable, Iterable, Iterator
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from typing import Any, Literal, TypeVar

from model.catalog import KindSpec
from model.collector import collector_paused
from model.design import Design, Verdict
from model.elements import Edge, Node
from model.events import (
    EdgeAdded,
    EdgeRemoved,
    EdgeUpdated,
    Event,
    NodeAdded,
    NodeConfigChanged,
    NodeRemoved,
    NodeRenamed,
    NodeReparented,
    ProfileChanged,
)
from model.limits import Limits, default_limits
from model.review.values import Waiver
from model.wording import quoted

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"error": 0, "warning": 1, "info": 2}
Scope = Literal["node", "design"]
_T = TypeVar("_T")
_URL = re.compile(r"https?://[^\s;<>]+")


def first_url(source: str) -> str:
    """The first URL of a reference source field, which may list several and add notes such
    as '(rule E3685)'; text without a URL is kept as it is."""
    match = _URL.search(source)
    return match.group(0) if match else source.strip()


def limit_source(limit_id: str) -> str:
    """The documentation URL a limit was taken from, for a rule's source."""
    return first_url(default_limits().get(limit_id).source)


@dataclass(frozen=True, order=True)
class StateRef:
    """A state of a state machine element, by its path in the definition, e.g.
    ``States.Fan out.Branches[0].States.Resize`` (the path check_structure reports)."""

    element: str
    path: str

    def to_json(self) -> dict[str, str]:
        return {"element": self.element, "path": self.path}


@dataclass(frozen=True, init=False)
class Finding:
    rule: str
    severity: Severity
    message: str
    elements: tuple[str, ...]
    source: str
    hint: str
    waiver: Waiver | None = None
    """Set by model.review.waivers when an active waiver covers the finding."""
    states: tuple[StateRef, ...] = ()
    """The workflow states the finding is about, so editors can badge them without reading
    the message."""

    def __init__(
        self,
        rule: str,
        severity: Severity,
        message: str,
        elements: tuple[str, ...],
        source: str,
        hint: str,
        waiver: Waiver | None = None,
        states: tuple[StateRef, ...] = (),
    ) -> None:
        """Fills __dict__ in one step: a frozen dataclass's own __init__ sets each field
        through object.__setattr__, three times the cost, and a pass makes thousands."""
        self.__dict__.update(
            rule=rule,
            severity=severity,
            message=message,
            elements=elements,
            source=source,
            hint=hint,
            waiver=waiver,
            states=states,
        )

    def to_json(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "elements": list(self.elements),
            "source": self.source,
            "hint": self.hint,
        }
        if self.states:
            document["states"] = [state.to_json() for state in self.states]
        if self.waiver is not None:
            document["waiver"] = self.waiver.to_json()
        return document

    def sort_key(self) -> SortKey:
        """Errors first, then by rule, elements and message; total, so order never depends
        on how the findings were collected. Kept on the finding once asked for: an edit
        inserts its new findings into the sorted list, which asks the same findings again."""
        kept = self.__dict__
        key: SortKey | None = kept.get("_sort_key")
        if key is None:
            key = kept["_sort_key"] = _order(self)
        return key


SortKey = tuple[int, str, tuple[str, ...], str, str, str, tuple[StateRef, ...]]


def _order(finding: Finding) -> SortKey:
    """Finding.sort_key() worked out, not kept (a full sort asks each finding once)."""
    return (
        SEVERITY_RANK[finding.severity],
        finding.rule,
        finding.elements,
        finding.message,
        finding.hint,
        finding.source,
        finding.states,
    )


class DesignView(Design):
    """A read-only stand-in for a design that records what a rule reads.

    Reading a node (its config, label, parent), its edges, children or ancestors records the
    node id in log; anything that scans the whole design sets reads_all. Methods not
    overridden run Design's code on this view, whose internals (Design's instance attributes)
    are properties here that count as whole-design reads, so a rule can never read something
    unrecorded. Mutators raise: rules only read.

    The class has no __getattr__ and the instance no attributes that shadow methods: either
    keeps the interpreter from specialising attribute lookups on the view, which rules make
    tens of thousands of times a pass.
    """

    _PASS_THROUGH = frozenset({"profile", "catalog", "name", "description"})
    _design: Design
    log: list[Any]
    """The ids read, in reading order and with repeats: appending is cheaper than a set. A
    full run of the incremental validator also puts in the subject Node before each rule
    runs on it (IncrementalValidator._run_reads)."""
    reads_all: bool
    _of_nodes: dict[str, Node]
    _of_edges: dict[str, Edge]
    _of_out: dict[str, dict[str, None]]
    _of_in: dict[str, dict[str, None]]

    def __init__(self, design: Design, log: list[Any] | None = None) -> None:
        # Design.__init__ is skipped on purpose; a view lives for one pass, during which the
        # design does not change, so it keeps the design's tables.
        init = object.__setattr__
        init(self, "_design", design)
        for name in DesignView._PASS_THROUGH:
            init(self, name, getattr(design, name))
        init(self, "log", [] if log is None else log)
        init(self, "reads_all", False)
        init(self, "_of_nodes", design._nodes)
        init(self, "_of_edges", design._edges)
        init(self, "_of_out", design._out)
        init(self, "_of_in", design._in)

    @property
    def reads(self) -> set[str]:
        """The ids read so far."""
        return set(self.log)

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError("rules read the design; they cannot change it")

    # ---- whole-design reads ------------------------------------------------------------
    def read_everything(self) -> None:
        """Note a read of the whole design (rules make few: they read elements)."""
        object.__setattr__(self, "reads_all", True)

    @property
    def nodes(self) -> list[Node]:
        self.read_everything()
        return self._design.nodes

    @property
    def edges(self) -> list[Edge]:
        self.read_everything()
        return self._design.edges

    def iter_nodes(self) -> Iterator[Node]:
        self.read_everything()
        return self._design.iter_nodes()

    def iter_edges(self) -> Iterator[Edge]:
        self.read_everything()
        return self._design.iter_edges()

    def nodes_of_kind(self, *kinds: str) -> list[Node]:
        self.read_everything()
        return self._design.nodes_of_kind(*kinds)

    # ---- element reads -----------------------------------------------------------------
    def node(self, node_id: str) -> Node:
        self.log.append(node_id)
        return self._of_nodes[node_id]

    def has_node(self, node_id: str) -> bool:
        self.log.append(node_id)
        return node_id in self._of_nodes

    def outgoing(self, node_id: str, relation: str | None = None) -> list[Edge]:
        self.log.append(node_id)
        edges = self._of_edges
        keys = self._of_out.get(node_id, ())
        if relation is None:
            return [edges[key] for key in keys]
        return [edges[key] for key in keys if edges[key].relation == relation]

    def incoming(self, node_id: str, relation: str | None = None) -> list[Edge]:
        self.log.append(node_id)
        edges = self._of_edges
        keys = self._of_in.get(node_id, ())
        if relation is None:
            return [edges[key] for key in keys]
        return [edges[key] for key in keys if edges[key].relation == relation]

    def ancestors(self, node_id: str) -> list[str]:
        """Record node_id and its containers; returns the containers."""
        nodes = self._of_nodes
        chain: list[str] = []
        parent = nodes[node_id].parent
        while parent is not None and parent not in chain:
            chain.append(parent)
            parent = nodes[parent].parent
        log = self.log
        log.append(node_id)
        log.extend(chain)
        return chain

    def ancestor_of_kind(self, node_id: str, kind: str) -> str | None:
        """Records node_id and its containers up to the one found (those further out do not
        change the answer)."""
        nodes, log = self._of_nodes, self.log
        log.append(node_id)
        chain: list[str] = []
        parent = nodes[node_id].parent
        while parent is not None and parent not in chain:
            log.append(parent)
            container = nodes[parent]
            if container.kind == kind:
                return parent
            chain.append(parent)
            parent = container.parent
        return None

    def edge(self, edge_id: str) -> Edge:
        self.log.append(edge_id)
        return self._of_edges[edge_id]

    def has_edge(self, edge_id: str) -> bool:
        self.log.append(edge_id)
        return edge_id in self._of_edges

    def spec(self, node_id: str) -> KindSpec:
        self.log.append(node_id)
        return self._design.spec(node_id)

    def children(self, node_id: str | None) -> list[str]:
        if node_id is None:
            self.read_everything()
        else:
            self.log.append(node_id)
        return self._design.children(node_id)

    def descendants(self, node_id: str) -> list[str]:
        found = self._design.descendants(node_id)
        self.log.append(node_id)
        self.log.extend(found)
        return found

    def edges_of(self, node_id: str) -> list[Edge]:
        self.log.append(node_id)
        return self._design.edges_of(node_id)

    def neighbours(
        self, node_id: str, relation: str | None = None, direction: str = "out"
    ) -> list[str]:
        self.log.append(node_id)
        return self._design.neighbours(node_id, relation, direction)

    def can_connect(self, source_id: str, target_id: str, relation: str) -> Verdict:
        self.log.extend((source_id, target_id))
        return self._design.can_connect(source_id, target_id, relation)

    def can_contain(self, parent_id: str | None, child_kind: str, child_id: str = "") -> Verdict:
        if parent_id is not None and self._design.has_node(parent_id):
            self.ancestors(parent_id)
        if parent_id is not None:
            self.log.append(parent_id)
        if child_id:
            self.log.append(child_id)
        return self._design.can_contain(parent_id, child_kind, child_id)


def _whole_design_read(name: str) -> property:
    """A view's stand-in for one of Design's instance attributes: Design's own code run on the
    view reads it, and that counts as reading the whole design."""

    def read(view: DesignView) -> Any:
        view.read_everything()
        return getattr(view._design, name)

    return property(read)


for _internal in vars(Design()):
    if _internal not in DesignView._PASS_THROUGH:
        setattr(DesignView, _internal, _whole_design_read(_internal))


def _refuse(name: str) -> Callable[..., Any]:
    def refused(self: DesignView, *args: Any, **kwargs: Any) -> Any:
        raise AttributeError(f"rules read the design; they cannot call {name}()")

    return refused


for _mutator in (
    "subscribe",
    "unsubscribe",
    "add_node",
    "remove_node",
    "add_edge",
    "remove_edge",
    "set_config",
    "rename",
    "move",
    "resize",
    "set_pinned",
    "reparent",
    "set_edge_config",
    "set_profile",
    "set_properties",
    "add_waiver",
    "remove_waiver",
    "set_review",
    "restore_order",
    "new_node_id",
    "new_edge_id",
):
    setattr(DesignView, _mutator, _refuse(_mutator))


@dataclass(slots=True)
class PassCache:
    """What the rules of one pass share: limit values (valid while the limits and the design's
    profile stay the same) and node names as messages quote them (by name, so always valid)."""

    limits: dict[str | tuple[str, str], Any] = field(default_factory=dict)
    quoted: dict[str, str] = field(default_factory=dict)


_MISSING: Any = object()
"""What a cache lookup returns for a key it does not hold (None is a value caches keep)."""


class RuleContext:
    """What a rule sees: the design (read only), the limits, its own spec and a memo.

    The memo is shared by every rule run for the same subject (one node, or one design rule)
    in one pass, so rules can share derived data (e.g. a state machine's duration analysis)
    without leaking it to another subject whose reads are recorded separately.
    """

    def __init__(
        self,
        design: Design,
        limits: Limits,
        spec: RuleSpec,
        memo: dict[Hashable, Any] | None = None,
        cache: PassCache | None = None,
    ) -> None:
        self.design = design
        self.limits = limits
        self.spec = spec
        self.memo: dict[Hashable, Any] = {} if memo is None else memo
        cache = PassCache() if cache is None else cache
        self._limit_cache = cache.limits
        self._quoted = cache.quoted

    def limit(self, limit_id: str, key: str | None = None) -> Any:
        """A limit value, with the design's quota override for adjustable quotas (kept for the
        pass by limit id, or by (limit id, key) for a keyed one)."""
        cache_key: str | tuple[str, str] = limit_id if key is None else (limit_id, key)
        value = self._limit_cache.get(cache_key, _MISSING)
        if value is _MISSING:
            value = self._limit_cache[cache_key] = self.limits.value(
                limit_id, key, self.design.profile
            )
        return value

    def cached(self, key: Hashable, compute: Callable[[], _T]) -> _T:
        """compute() once per subject and pass; later calls with the same key reuse it."""
        value: _T = self.memo.get(key, _MISSING)
        if value is _MISSING:
            value = self.memo[key] = compute()
        return value

    def label(self, element_id: str) -> str:
        """How a message names an element: its label (else its id) in quotes, so a message
        reads as a sentence whatever the user named things (model.wording)."""
        try:
            node = self.design.node(element_id)
        except KeyError:
            pass
        else:
            name = node.label or node.id
            text = self._quoted.get(name)
            if text is None:
                text = self._quoted[name] = quoted(name)
            return text
        if self.design.has_edge(element_id):
            edge = self.design.edge(element_id)
            return quoted(edge.label or edge.id)
        return quoted(element_id)

    def finding(
        self,
        message: str,
        elements: Iterable[str],
        severity: Severity | None = None,
        hint: str | None = None,
        states: Iterable[StateRef] = (),
    ) -> Finding:
        return Finding(
            rule=self.spec.id,
            severity=severity or self.spec.severity,
            message=message,
            elements=tuple(dict.fromkeys(elements)),
            source=self.spec.source,
            hint=self.spec.hint if hint is None else hint,
            states=tuple(dict.fromkeys(states)) if states else (),
        )


NodeCheck = Callable[[RuleContext, Node], Iterable[Finding]]
DesignCheck = Callable[[RuleContext], Iterable[Finding]]
Collect = Callable[[RuleContext, Node], Any]
Guard = Callable[[RuleContext, Node], bool]
NodePlan = tuple[tuple[Guard | None, tuple[tuple["RuleSpec", NodeCheck], ...]], ...]
"""A kind's node rules as (guard, rules it guards) groups; see RuleRegistry.node_plan."""


@dataclass(frozen=True)
class RuleSpec:
    """A registered rule.

    scope "node": check(ctx, node) runs per node of kinds. scope "design" without collect:
    check(ctx) runs over the whole design. scope "design" with collect: collect(ctx, node) runs
    per node of kinds and returns that node's contribution (None for none; values compare with
    ==), and check(ctx, contributions) aggregates them, the contributions in design order. An
    aggregate re-runs only when a contribution changed or an element it read was touched.
    """

    id: str
    severity: Severity
    title: str
    source: str
    hint: str
    scope: Scope
    kinds: frozenset[str]
    check: Callable[..., Iterable[Finding]] = field(compare=False, repr=False)
    collect: Collect | None = field(default=None, compare=False, repr=False)
    when: Guard | None = field(default=None, compare=False, repr=False)

    def applies_to(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds


_NO_RULE = RuleSpec("", "info", "", "", "", "node", frozenset(), lambda *_: ())
"""The spec of a pass context before its first rule runs."""


class DuplicateRuleError(ValueError):
    pass


class RuleRegistry:
    def __init__(self) -> None:
        self._rules: dict[str, RuleSpec] = {}
        self._by_kind: dict[str, tuple[RuleSpec, ...]] = {}
        self._plans: dict[str, NodePlan] = {}
        self._collectors: dict[str, tuple[RuleSpec, ...]] = {}

    def add(self, spec: RuleSpec) -> None:
        if spec.id in self._rules:
            raise DuplicateRuleError(f"rule '{spec.id}' is already registered")
        if spec.collect is not None and spec.scope != "design":
            raise ValueError(f"rule '{spec.id}': only design rules can collect")
        if spec.when is not None and spec.scope != "node":
            raise ValueError(f"rule '{spec.id}': only node rules can have a guard")
        self._rules[spec.id] = spec
        self._by_kind.clear()
        self._plans.clear()
        self._collectors.clear()

    def __iter__(self) -> Iterator[RuleSpec]:
        return iter(sorted(self._rules.values(), key=lambda r: r.id))

    def __len__(self) -> int:
        return len(self._rules)

    def __contains__(self, rule_id: object) -> bool:
        return rule_id in self._rules

    def get(self, rule_id: str) -> RuleSpec:
        return self._rules[rule_id]

    def node_rules(self) -> list[RuleSpec]:
        return [r for r in self if r.scope == "node"]

    def design_rules(self) -> list[RuleSpec]:
        return [r for r in self if r.scope == "design"]

    def node_rules_for(self, kind: str) -> tuple[RuleSpec, ...]:
        """Node rules that apply to a kind, in id order (cached)."""
        found = self._by_kind.get(kind)
        if found is None:
            found = tuple(r for r in self.node_rules() if r.applies_to(kind))
            self._by_kind[kind] = found
        return found

    def node_plan(self, kind: str) -> NodePlan:
        """node_rules_for(kind) grouped by guard, unguarded first (cached): a node runs each
        guard once and skips its whole group when it fails. Findings are sorted after the
        pass, so the grouping does not change what a pass returns."""
        found = self._plans.get(kind)
        if found is None:
            groups: dict[Guard | None, list[tuple[RuleSpec, NodeCheck]]] = {None: []}
            for spec in self.node_rules_for(kind):
                groups.setdefault(spec.when, []).append((spec, spec.check))
            found = tuple((when, tuple(group)) for when, group in groups.items() if group)
            self._plans[kind] = found
        return found

    def collectors_for(self, kind: str) -> tuple[RuleSpec, ...]:
        """Aggregating design rules that collect from nodes of a kind (cached)."""
        found = self._collectors.get(kind)
        if found is None:
            found = tuple(
                r for r in self.design_rules() if r.collect is not None and r.applies_to(kind)
            )
            self._collectors[kind] = found
        return found


RULES = RuleRegistry()


def rule(
    id: str,
    *,
    severity: Severity,
    title: str,
    source: str,
    hint: str,
    kinds: Iterable[str] = (),
    scope: Scope = "node",
    collect: Collect | None = None,
    when: Guard | None = None,
    registry: RuleRegistry | None = None,
) -> Callable[[Callable[..., Iterable[Finding]]], Callable[..., Iterable[Finding]]]:
    """Register a rule function: node scope gets (ctx, node), design scope gets (ctx), or
    (ctx, contributions) when it collects (see RuleSpec).

    A check returns any iterable of findings. The node rules of common kinds return lists
    (built with append) rather than yield: a pass runs tens of thousands of them, and making
    and draining a generator costs three times as much as a list.

    For a design rule, kinds names the kinds whose nodes it scans: a change to a node of
    another kind re-runs it only when the rule read that node explicitly. A node rule's when
    is its guard (see RuleSpec).
    """

    def register(check: Callable[..., Iterable[Finding]]) -> Callable[..., Iterable[Finding]]:
        spec = RuleSpec(
            id,
            severity,
            title,
            first_url(source),
            hint,
            scope,
            frozenset(kinds),
            check,
            collect,
            when,
        )
        (RULES if registry is None else registry).add(spec)
        return check

    return register


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=_order)


def _node_pass(
    rules: RuleRegistry, ctx: RuleContext, node: Node, out: list[Finding]
) -> dict[str, Any] | None:
    """Run a node's rules, adding their findings to out; returns the node's contributions to
    aggregating rules (None for none). ctx serves a whole pass: its memo starts empty for each
    node, the subject its rules share it with."""
    ctx.memo = {}
    for when, group in rules.node_plan(node.kind):
        if when is not None:
            ctx.spec = group[0][0]
            if not when(ctx, node):
                continue
        for spec, check in group:
            ctx.spec = spec
            out.extend(check(ctx, node))
    return _collect(rules, ctx, node, ctx.memo)


def _pass_context(design: Design, limits: Limits, cache: PassCache) -> RuleContext:
    """The one RuleContext of a pass (_run_kind, _node_pass): its spec is set per rule, its
    memo per node."""
    return RuleContext(design, limits, _NO_RULE, {}, cache)


def _nodes_by_kind(design: Design) -> dict[str, list[Node]]:
    """The design's nodes by kind, each kind's in design order."""
    found: dict[str, list[Node]] = {}
    for node in design.iter_nodes():
        found.setdefault(node.kind, []).append(node)
    return found


Subject = tuple[Node, dict[Hashable, Any], list[Finding]]
"""A node a full pass runs rules on, with its memo and the list its findings go to."""


def _subjects(
    nodes: list[Node], memos: dict[str, dict[Hashable, Any]], out: list[Finding] | None
) -> list[Subject]:
    """The nodes as subjects, each with a new memo (kept in memos for the collectors) and out,
    or a list of its own when out is None."""
    return [(node, memos.setdefault(node.id, {}), [] if out is None else out) for node in nodes]


def _batches(
    rules: RuleRegistry,
    ctx: RuleContext,
    kind: str,
    subjects: list[Subject],
    log: list[Any] | None = None,
) -> Iterator[tuple[NodeCheck, list[Subject]]]:
    """Each node rule of a kind with the subjects it runs on, ctx.spec set to it: a guarded
    group's subjects are those that pass its guard, worked out here. log, when given, gets
    the subject before its guard runs (IncrementalValidator._run_reads)."""
    for when, group in rules.node_plan(kind):
        targets = subjects
        if when is not None:
            ctx.spec = group[0][0]
            targets = []
            for subject in subjects:
                ctx.memo = subject[1]
                if log is not None:
                    log.append(subject[0])
                if when(ctx, subject[0]):
                    targets.append(subject)
        for spec, check in group:
            ctx.spec = spec
            yield check, targets


def _run_kind(
    rules: RuleRegistry,
    ctx: RuleContext,
    kind: str,
    nodes: list[Node],
    memos: dict[str, dict[Hashable, Any]],
    out: list[Finding],
    found: dict[str, list[Finding]] | None = None,
    log: list[Any] | None = None,
) -> None:
    """Run a kind's node rules over nodes, rule by rule: one rule's code and data stay in the
    processor's caches across all its nodes, which takes a tenth less time than running every
    rule of one node before the next. Findings go into out, in the order that sorts fastest,
    or by node into found when given. With log (ctx.design then being a _FullRunView on it),
    every read goes into it as IncrementalValidator._run_reads holds them."""
    subjects = _subjects(nodes, memos, None if found is not None else out)
    if found is not None:
        for node, _, node_out in subjects:
            found[node.id] = node_out
    for check, targets in _batches(rules, ctx, kind, subjects, log):
        for node, memo, node_out in targets:
            ctx.memo = memo
            if log is not None:
                log.append(node)
            node_out.extend(check(ctx, node))


def _collect_all(
    rules: RuleRegistry,
    ctx: RuleContext,
    design: Design,
    memos: dict[str, dict[Hashable, Any]],
    collected: dict[str, dict[str, Any]],
    log: list[Any] | None = None,
) -> None:
    """Every node's contributions to aggregating rules into collected (rule id -> node id ->
    contribution), in design order; log as for _run_kind."""
    for node in design.iter_nodes():
        if log is not None:
            log.append(node)
        contributions = _collect(rules, ctx, node, memos[node.id])
        if contributions:
            for rule_id, value in contributions.items():
                collected.setdefault(rule_id, {})[node.id] = value


def _collect(
    rules: RuleRegistry, ctx: RuleContext, node: Node, memo: dict[Hashable, Any]
) -> dict[str, Any] | None:
    """A node's contributions to aggregating rules (None for none), with its memo."""
    collectors = rules.collectors_for(node.kind)
    if not collectors:
        return None
    ctx.memo = memo
    contributions: dict[str, Any] = {}
    for spec in collectors:
        assert spec.collect is not None
        ctx.spec = spec
        value = spec.collect(ctx, node)
        if value is not None:
            contributions[spec.id] = value
    return contributions


def _design_pass(
    spec: RuleSpec,
    design: Design,
    limits: Limits,
    contributions: dict[str, Any],
    cache: PassCache,
) -> tuple[Finding, ...]:
    ctx = RuleContext(design, limits, spec, None, cache)
    if spec.collect is not None:
        return tuple(spec.check(ctx, contributions))
    return tuple(spec.check(ctx))


def validate(
    design: Design, limits: Limits | None = None, registry: RuleRegistry | None = None
) -> list[Finding]:
    """Every finding of every rule on the design, in a deterministic order (the collector
    paused, model.collector)."""
    limits = default_limits() if limits is None else limits
    rules = RULES if registry is None else registry
    with collector_paused():
        return _full_pass(design, limits, rules)


def _full_pass(design: Design, limits: Limits, rules: RuleRegistry) -> list[Finding]:
    """validate()'s pass, in a frame of its own: what only the pass uses (memos,
    contributions) is freed when it returns, before the collector resumes and walks what
    was made while it was paused."""
    findings: list[Finding] = []
    collected: dict[str, dict[str, Any]] = {}
    cache = PassCache()
    ctx = _pass_context(design, limits, cache)
    memos: dict[str, dict[Hashable, Any]] = {}
    for kind, nodes in _nodes_by_kind(design).items():
        _run_kind(rules, ctx, kind, nodes, memos, findings)
    _collect_all(rules, ctx, design, memos, collected)
    for spec in rules.design_rules():
        contributions = collected.get(spec.id, {})
        findings.extend(_design_pass(spec, design, limits, contributions, cache))
    return sort_findings(findings)


@dataclass
class RunStats:
    """What the last findings() call re-ran: node subjects and design rules."""

    nodes: int = 0
    design_rules: int = 0
    full: bool = False


_PREPARE_STEP = 100
"""Nodes per step of IncrementalValidator.prepare() (a few milliseconds of rules)."""

_READS_EVERYTHING = object()
"""In a full run's log: the subject read the whole design."""


class _FullRunView(DesignView):
    """The view of an incremental validator's full run, which records a read of the whole
    design in its log like any other read (IncrementalValidator._run_reads), so the run tests
    no flag per rule."""

    def read_everything(self) -> None:
        self.log.append(_READS_EVERYTHING)


def _keep_unchanged(found: dict[str, list[Finding]], before: list[Finding]) -> None:
    """Put back in found the finding objects of before that equal new ones, one for one: what
    keeps a list of findings (the app's, its badges') compares by identity first, so a run
    that changed nothing then costs nothing to compare."""
    kept: dict[Finding, list[Finding]] = {}
    for finding in before:
        kept.setdefault(finding, []).append(finding)
    if not kept:
        return
    for node_findings in found.values():
        for index, finding in enumerate(node_findings):
            same = kept.get(finding)
            if same:
                node_findings[index] = same.pop()


@dataclass(slots=True)
class _Reads:
    ids: AbstractSet[str]
    everything: bool


class IncrementalValidator:
    """Keeps a design's findings current, re-running only what each edit touched.

    Subscribes to the design's events and records touched elements; findings() re-runs the
    node rules of every node whose rules read a touched element, and every design rule that
    read one, scans a touched kind, or aggregates a contribution that changed.
    """

    def __init__(
        self, design: Design, limits: Limits | None = None, registry: RuleRegistry | None = None
    ) -> None:
        self.design = design
        self.limits = default_limits() if limits is None else limits
        self.rules = RULES if registry is None else registry
        self._design_rules = self.rules.design_rules()
        self._by_node: dict[str, tuple[Finding, ...]] = {}
        """Node id -> its findings; complete once _readers is built (until then the full run's
        findings are in _run_findings)."""
        self._node_reads: dict[str, tuple[str, ...]] = {}
        """Node id -> what its rules read (those that read everything: _reads_everything); a
        tuple, which takes a sixth of a set's memory and leaves the garbage collector alone.
        Complete once _readers is built; until then the full run's reads are in _run_reads."""
        self._readers: dict[str, set[str]] | None = None
        self._run_findings: dict[str, list[Finding]] | None = None
        """The last full run's findings by node, as it found them; made into _by_node at the
        first edit."""
        self._run_reads: list[object] | None = None
        """What the node rules read, in one list as they ran (a recording full run, or
        prepare()): each rule's run on a node begins with that node, and _READS_EVERYTHING
        stands for a read of the whole design. Made into _node_reads, _reads_everything and
        _readers at the first edit."""
        self._prepared = False
        """Whether every node's and design rule's reads are known; until then an edit re-runs
        everything (a full run that records)."""
        self._preparing: Iterator[None] | None = None
        self._reads_everything: set[str] = set()
        self._contributions: dict[str, dict[str, Any]] = {
            spec.id: {} for spec in self._design_rules if spec.collect is not None
        }
        """Aggregating rule id -> node id -> the node's contribution (never None)."""
        self._changed_aggregates: set[str] = set()
        self._in_order = False
        """Whether every contributions dict is in design order (true right after a full run)."""
        self._by_design_rule: dict[str, tuple[Finding, ...]] = {}
        self._design_reads: dict[str, _Reads] = {}
        self._touched: set[str] = set()
        self._touched_kinds: set[str] = set()
        self._cache = PassCache()
        self._removed: list[Finding] = []
        self._added: list[Finding] = []
        self._full = True
        self._sorted: list[Finding] = []
        self.runs = 0
        self.last_run = RunStats()
        design.subscribe(self._on_event)

    def close(self) -> None:
        self.design.unsubscribe(self._on_event)

    def set_limits(self, limits: Limits) -> None:
        self.limits = limits
        self._full = True

    # ---- events ------------------------------------------------------------------------
    def _on_event(self, event: Event) -> None:
        if self._full:
            return
        if isinstance(event, ProfileChanged):
            self._full = True
            return
        touched: list[str] = []
        if isinstance(event, (NodeAdded, NodeRemoved)):
            touched.append(event.node.id)
            self._touched_kinds.add(event.node.kind)
            if event.node.parent is not None:
                touched.append(event.node.parent)
        elif isinstance(event, (NodeConfigChanged, NodeRenamed, NodeReparented)):
            touched.append(event.new.id)
            self._touched_kinds.add(event.new.kind)
            if isinstance(event, NodeReparented):
                touched.extend(p for p in (event.old.parent, event.new.parent) if p is not None)
        elif isinstance(event, (EdgeAdded, EdgeRemoved, EdgeUpdated)):
            touched.extend(event.edge_ids)
            for end in event.node_ids:
                touched.append(end)
                if self.design.has_node(end):
                    self._touched_kinds.add(self.design.node(end).kind)
        else:
            return
        self._touched.update(touched)

    # ---- results -----------------------------------------------------------------------
    @property
    def prepared(self) -> bool:
        """Whether an edit now re-runs only what it touches (see prepare())."""
        return self._prepared

    @property
    def can_prepare(self) -> bool:
        """Whether prepare() has work it can do now: findings are current and reads unknown."""
        return not (self._prepared or self._full or self._touched)

    def findings(self) -> list[Finding]:
        """Current findings, sorted; runs only the rules the edits since the last call touched.

        A full run (the first, or after a profile or limits change) runs the rules as validate()
        does, recording nothing, so opening a design costs no more than validating it. Until
        prepare() has recorded what the rules read, an edit makes a full run that records it.
        """
        if self._full:
            with collector_paused():
                self._run_all(record=False)
        elif self._touched and not self._prepared:
            with collector_paused():
                self._run_all(record=True)
        elif self._touched:
            self._run_touched()
            self._merge_changes()
        else:
            self.last_run = RunStats()
        self._removed.clear()
        self._added.clear()
        return list(self._sorted)

    def prepare(self, seconds: float | None = None) -> bool:
        """Record what each rule reads on the unchanged design, so later edits re-run only what
        they touch; returns prepared. With seconds, stops after about that long, to go on at the
        next call (the app calls it while idle after opening a design). Does nothing while an
        edit awaits findings(): the design no longer matches the findings it would record for.
        """
        if not self.can_prepare:
            return self._prepared
        if self._preparing is None:
            self._preparing = self._record_steps()
        deadline = None if seconds is None else time.perf_counter() + seconds
        with collector_paused():
            for _ in self._preparing:
                if deadline is not None and time.perf_counter() >= deadline:
                    return False
        return self._prepared

    def _run_node(self, node: Node) -> None:
        view = DesignView(self.design)
        old_findings = self._by_node.get(node.id, ())
        found: list[Finding] = []
        ctx = _pass_context(view, self.limits, self._cache)
        contributions = _node_pass(self.rules, ctx, node, found) or {}
        new_findings = tuple(found)
        self._by_node[node.id] = self._replace(old_findings, new_findings)
        self._forget_reads(node.id)
        reads = tuple(set(view.log))
        self._node_reads[node.id] = reads
        if self._readers is not None:
            for element_id in reads:
                self._readers.setdefault(element_id, set()).add(node.id)
        if view.reads_all:
            self._reads_everything.add(node.id)
        for rule_id, by_node in self._contributions.items():
            value = contributions.get(rule_id)
            if value is None:
                if by_node.pop(node.id, None) is not None:
                    self._changed_aggregates.add(rule_id)
            elif node.id not in by_node or by_node[node.id] != value:
                by_node[node.id] = value
                self._changed_aggregates.add(rule_id)

    def _readers_index(self) -> dict[str, set[str]]:
        """Element id -> the nodes whose rules read it. Built at the first edit rather than
        during the full run, so opening a design does not pay for an index only edits use."""
        if self._readers is None:
            with collector_paused():
                self._readers = self._build_readers()
        return self._readers

    def _build_readers(self) -> dict[str, set[str]]:
        readers: dict[str, set[str]] = {}
        node_reads = self._node_reads
        if self._run_findings is not None:
            for node_id, found in self._run_findings.items():
                self._by_node[node_id] = tuple(found)
            self._run_findings = None
        if self._run_reads is not None:
            reads_of: dict[str, set[str]] = {node_id: set() for node_id in self._by_node}
            current: set[str] = set()
            subject = ""
            for entry in self._run_reads:
                if isinstance(entry, str):
                    current.add(entry)
                elif isinstance(entry, Node):
                    subject = entry.id
                    current = reads_of[subject]
                else:
                    self._reads_everything.add(subject)
            for node_id, node_read in reads_of.items():
                node_reads[node_id] = tuple(node_read)
            self._run_reads = None
        for node_id, reads in node_reads.items():
            for element_id in reads:
                readers.setdefault(element_id, set()).add(node_id)
        return readers

    def _drop_node(self, node_id: str) -> None:
        self._replace(self._by_node.pop(node_id, ()), ())
        self._forget_reads(node_id)
        for rule_id, by_node in self._contributions.items():
            if by_node.pop(node_id, None) is not None:
                self._changed_aggregates.add(rule_id)

    def _replace(self, old: tuple[Finding, ...], new: tuple[Finding, ...]) -> tuple[Finding, ...]:
        """Record that old findings give way to new ones; keeps old when they are equal."""
        if old == new:
            return old
        self._removed.extend(old)
        self._added.extend(new)
        return new

    def _merge_changes(self) -> None:
        """Apply the recorded removals and additions to the sorted list in place."""
        if not self._removed and not self._added:
            return
        gone = {id(f) for f in self._removed}
        merged = [f for f in self._sorted if id(f) not in gone] if gone else self._sorted
        for finding in self._added:
            insort(merged, finding, key=Finding.sort_key)
        self._sorted = merged

    def _forget_reads(self, node_id: str) -> None:
        old = self._node_reads.pop(node_id, None)
        if old is None:
            return
        if self._readers is not None:
            for element_id in old:
                readers = self._readers.get(element_id)
                if readers is not None:
                    readers.discard(node_id)
                    if not readers:
                        del self._readers[element_id]
        self._reads_everything.discard(node_id)

    def _in_design_order(self, by_node: dict[str, Any]) -> dict[str, Any]:
        if not by_node:
            return {}
        if self._in_order:
            return by_node
        return {n.id: by_node[n.id] for n in self.design.iter_nodes() if n.id in by_node}

    def _run_design_rule(self, spec: RuleSpec) -> None:
        view = DesignView(self.design)
        contributions = self._in_design_order(self._contributions.get(spec.id, {}))
        new_findings = _design_pass(spec, view, self.limits, contributions, self._cache)
        old_findings = self._by_design_rule.get(spec.id, ())
        self._by_design_rule[spec.id] = self._replace(old_findings, new_findings)
        self._design_reads[spec.id] = _Reads(view.reads, view.reads_all)

    def _run_all(self, record: bool) -> None:
        """Every rule on the whole design; record: note what each reads (prepared after)."""
        self.runs += 1
        self._cache = PassCache()
        self._by_node.clear()
        self._node_reads.clear()
        self._readers = None
        self._run_reads = None
        self._preparing = None
        self._reads_everything.clear()
        self._design_reads.clear()
        for by_node in self._contributions.values():
            by_node.clear()
        log: list[object] | None = [] if record else None
        design: Design = self.design if log is None else _FullRunView(self.design, log)
        ctx = _pass_context(design, self.limits, self._cache)
        memos: dict[str, dict[Hashable, Any]] = {}
        found: dict[str, list[Finding]] | None = {} if record else None
        flat: list[Finding] = []
        for kind, nodes in _nodes_by_kind(self.design).items():
            _run_kind(self.rules, ctx, kind, nodes, memos, flat, found, log)
        _collect_all(self.rules, ctx, self.design, memos, self._contributions, log)
        self._in_order = True
        for spec in self._design_rules:
            if record:
                self._run_design_rule(spec)
            else:
                contributions = self._contributions.get(spec.id, {})
                self._by_design_rule[spec.id] = _design_pass(
                    spec, self.design, self.limits, contributions, self._cache
                )
        _keep_unchanged({"": flat} if found is None else found, self._sorted)
        self._run_findings = found
        self._run_reads = log
        self._prepared = record
        self.last_run = RunStats(len(memos), len(self._design_rules), full=True)
        self._full = False
        self._touched.clear()
        self._touched_kinds.clear()
        self._changed_aggregates.clear()
        self._sorted = self._sorted_findings(flat if found is None else None)

    def _sorted_findings(self, node_findings: list[Finding] | None) -> list[Finding]:
        """The node rules' findings (node_findings, else those in _run_findings) and the design
        rules' findings, sorted."""
        if node_findings is None:
            assert self._run_findings is not None
            node_findings = [f for found in self._run_findings.values() for f in found]
        for design_findings in self._by_design_rule.values():
            node_findings.extend(design_findings)
        return sort_findings(node_findings)

    def _record_steps(self) -> Iterator[None]:
        """prepare()'s work in steps of a few milliseconds: the recording part of a full run,
        committed at the end. Its findings equal the kept ones, and by node, which a plain
        full run does not keep; the sorted list is made of them."""
        log: list[object] = []
        ctx = _pass_context(_FullRunView(self.design, log), self.limits, self._cache)
        memos: dict[str, dict[Hashable, Any]] = {}
        found: dict[str, list[Finding]] = {}
        for kind, nodes in _nodes_by_kind(self.design).items():
            for start in range(0, len(nodes), _PREPARE_STEP):
                step = nodes[start : start + _PREPARE_STEP]
                _run_kind(self.rules, ctx, kind, step, memos, [], found, log)
                yield
        _collect_all(self.rules, ctx, self.design, memos, {}, log)
        yield
        design_reads: dict[str, _Reads] = {}
        for spec in self._design_rules:
            view = DesignView(self.design)
            contributions = self._in_design_order(self._contributions.get(spec.id, {}))
            _design_pass(spec, view, self.limits, contributions, self._cache)
            design_reads[spec.id] = _Reads(view.reads, view.reads_all)
            yield
        self._design_reads.update(design_reads)
        _keep_unchanged(found, self._sorted)
        self._run_findings = found
        self._run_reads = log
        self._sorted = self._sorted_findings(None)
        self._prepared = True
        self._preparing = None

    def _run_touched(self) -> None:
        self.runs += 1
        self._in_order = False
        touched, kinds = self._touched, self._touched_kinds
        readers = self._readers_index()
        subjects = set(touched) | self._reads_everything
        for element_id in touched:
            subjects |= readers.get(element_id, set())
        design = self.design
        reran = 0
        for node_id in subjects:
            if design.has_node(node_id):
                self._run_node(design.node(node_id))
                reran += 1
            elif node_id in self._by_node:
                self._drop_node(node_id)
        rules_reran = 0
        for spec in self._design_rules:
            reads = self._design_reads.get(spec.id)
            stale = spec.id in self._changed_aggregates or (
                reads is not None
                and reads.everything
                and (not spec.kinds or not spec.kinds.isdisjoint(kinds))
            )
            if stale or reads is None or not reads.ids.isdisjoint(touched):
                self._run_design_rule(spec)
                rules_reran += 1
        self.last_run = RunStats(reran, rules_reran)
        self._touched = set()
        self._touched_kinds = set()
        self._changed_aggregates = set()
