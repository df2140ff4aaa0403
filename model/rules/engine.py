"""Rule registry, full validation and incremental re-validation.

A rule is a small pure function over a read-only view of the design. Node rules run once
per node of the kinds they name; design rules run once over the whole design and name the
kinds whose changes can alter their verdict. After an edit only what the edit touched runs
again, and the result equals a full run.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, Literal

from model.design import Design
from model.elements import Node
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
    NodeUpdated,
    OrderRestored,
    ProfileChanged,
    PropertiesChanged,
)
from model.limits import Limits, default_limits

Severity = Literal["error", "warning", "info"]
SEVERITY_RANK: dict[str, int] = {"error": 0, "warning": 1, "info": 2}
Scope = Literal["node", "design"]


@dataclass(frozen=True)
class Finding:
    rule: str
    severity: Severity
    message: str
    elements: tuple[str, ...]
    source: str
    hint: str

    def to_json(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "severity": self.severity,
            "message": self.message,
            "elements": list(self.elements),
            "source": self.source,
            "hint": self.hint,
        }

    def sort_key(self) -> tuple[int, str, tuple[str, ...], str]:
        return (SEVERITY_RANK[self.severity], self.rule, self.elements, self.message)


class RuleContext:
    """What a rule sees: the design (read only by convention), the limits and its own spec."""

    def __init__(self, design: Design, limits: Limits, spec: RuleSpec) -> None:
        self.design = design
        self.limits = limits
        self.spec = spec

    def limit(self, limit_id: str, key: str | None = None) -> Any:
        """A limit value, with the design's quota override for adjustable quotas."""
        return self.limits.value(limit_id, key, self.design.profile)

    def label(self, element_id: str) -> str:
        """How a message names an element: its label, else its id."""
        if self.design.has_node(element_id):
            node = self.design.node(element_id)
            return node.label or node.id
        return element_id

    def finding(
        self,
        message: str,
        elements: Iterable[str],
        severity: Severity | None = None,
        hint: str | None = None,
    ) -> Finding:
        return Finding(
            rule=self.spec.id,
            severity=severity or self.spec.severity,
            message=message,
            elements=tuple(dict.fromkeys(elements)),
            source=self.spec.source,
            hint=self.spec.hint if hint is None else hint,
        )


NodeCheck = Callable[[RuleContext, Node], Iterable[Finding]]
DesignCheck = Callable[[RuleContext], Iterable[Finding]]


@dataclass(frozen=True)
class RuleSpec:
    id: str
    severity: Severity
    title: str
    source: str
    hint: str
    scope: Scope
    kinds: frozenset[str]
    check: Callable[..., Iterable[Finding]] = field(compare=False, repr=False)

    def applies_to(self, kind: str) -> bool:
        return not self.kinds or kind in self.kinds


class DuplicateRuleError(ValueError):
    pass


class RuleRegistry:
    def __init__(self) -> None:
        self._rules: dict[str, RuleSpec] = {}

    def add(self, spec: RuleSpec) -> None:
        if spec.id in self._rules:
            raise DuplicateRuleError(f"rule '{spec.id}' is already registered")
        self._rules[spec.id] = spec

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
    registry: RuleRegistry | None = None,
) -> Callable[[Callable[..., Iterable[Finding]]], Callable[..., Iterable[Finding]]]:
    """Register a rule function: node scope gets (ctx, node), design scope gets (ctx)."""

    def register(check: Callable[..., Iterable[Finding]]) -> Callable[..., Iterable[Finding]]:
        (registry or RULES).add(
            RuleSpec(id, severity, title, source, hint, scope, frozenset(kinds), check)
        )
        return check

    return register


def sort_findings(findings: Iterable[Finding]) -> list[Finding]:
    return sorted(findings, key=Finding.sort_key)


def _run_node_rule(
    spec: RuleSpec, design: Design, limits: Limits, node: Node
) -> tuple[Finding, ...]:
    return tuple(spec.check(RuleContext(design, limits, spec), node))


def _run_design_rule(spec: RuleSpec, design: Design, limits: Limits) -> tuple[Finding, ...]:
    return tuple(spec.check(RuleContext(design, limits, spec)))


def validate(
    design: Design, limits: Limits | None = None, registry: RuleRegistry | None = None
) -> list[Finding]:
    """Every finding of every rule on the design, in a deterministic order."""
    limits = limits or default_limits()
    rules = registry or RULES
    findings: list[Finding] = []
    node_rules = rules.node_rules()
    for node in design.iter_nodes():
        for spec in node_rules:
            if spec.applies_to(node.kind):
                findings.extend(_run_node_rule(spec, design, limits, node))
    for spec in rules.design_rules():
        findings.extend(_run_design_rule(spec, design, limits))
    return sort_findings(findings)


class IncrementalValidator:
    """Keeps a design's findings current, re-running only what each edit touched.

    Subscribes to the design's events and marks work as dirty; findings() does the work.
    """

    def __init__(
        self, design: Design, limits: Limits | None = None, registry: RuleRegistry | None = None
    ) -> None:
        self.design = design
        self.limits = limits or default_limits()
        self.rules = registry or RULES
        self._node_rules = self.rules.node_rules()
        self._design_rules = self.rules.design_rules()
        self._by_node: dict[str, tuple[Finding, ...]] = {}
        self._by_design_rule: dict[str, tuple[Finding, ...]] = {}
        self._dirty_nodes: set[str] = set()
        self._dirty_kinds: set[str] = set()
        self._full = True
        self._sorted: list[Finding] | None = None
        self.runs = 0
        design.subscribe(self._on_event)

    def close(self) -> None:
        self.design.unsubscribe(self._on_event)

    def set_limits(self, limits: Limits) -> None:
        self.limits = limits
        self._full = True

    def _on_event(self, event: Event) -> None:
        if isinstance(event, (OrderRestored, PropertiesChanged)):
            return
        if isinstance(event, ProfileChanged):
            self._full = True
            return
        if isinstance(event, NodeUpdated) and not isinstance(
            event, (NodeConfigChanged, NodeRenamed, NodeReparented)
        ):
            return
        design = self.design
        touched: set[str] = set(event.node_ids)
        kinds: set[str] = set()
        if isinstance(event, NodeRemoved):
            self._by_node.pop(event.node.id, None)
            touched.discard(event.node.id)
            kinds.add(event.node.kind)
            if event.node.parent is not None:
                touched.add(event.node.parent)
        if isinstance(event, NodeReparented) and event.old.parent is not None:
            touched.add(event.old.parent)
        if isinstance(event, (EdgeAdded, EdgeRemoved, EdgeUpdated)):
            touched.update(event.node_ids)
        dirty: set[str] = set()
        for node_id in touched:
            if not design.has_node(node_id):
                continue
            dirty.add(node_id)
            dirty.update(design.neighbours(node_id, direction="both"))
            dirty.update(design.ancestors(node_id))
            if isinstance(event, (NodeConfigChanged, NodeReparented, NodeAdded)):
                dirty.update(design.descendants(node_id))
            dirty.update(self._substitution_users(node_id))
        for node_id in dirty:
            kinds.add(design.node(node_id).kind)
        self._dirty_nodes |= dirty
        self._dirty_kinds |= kinds

    def _substitution_users(self, node_id: str) -> list[str]:
        """State machines whose definition_substitutions point at node_id."""
        users = []
        for node in self.design.iter_nodes():
            substitutions = getattr(node.config, "definition_substitutions", None)
            if substitutions and node_id in substitutions.values():
                users.append(node.id)
        return users

    def findings(self) -> list[Finding]:
        """Current findings, sorted; runs only the rules the edits since the last call touched."""
        if self._full:
            self._run_all()
        elif self._dirty_nodes or self._dirty_kinds:
            self._run_dirty()
        if self._sorted is None:
            collected: list[Finding] = []
            for node_findings in self._by_node.values():
                collected.extend(node_findings)
            for design_findings in self._by_design_rule.values():
                collected.extend(design_findings)
            self._sorted = sort_findings(collected)
        return list(self._sorted)

    def _node_findings(self, node: Node) -> tuple[Finding, ...]:
        result: list[Finding] = []
        for spec in self._node_rules:
            if spec.applies_to(node.kind):
                result.extend(_run_node_rule(spec, self.design, self.limits, node))
        return tuple(result)

    def _run_all(self) -> None:
        self.runs += 1
        self._by_node = {n.id: self._node_findings(n) for n in self.design.iter_nodes()}
        self._by_design_rule = {
            spec.id: _run_design_rule(spec, self.design, self.limits) for spec in self._design_rules
        }
        self._full = False
        self._dirty_nodes.clear()
        self._dirty_kinds.clear()
        self._sorted = None

    def _run_dirty(self) -> None:
        self.runs += 1
        for node_id in self._dirty_nodes:
            if self.design.has_node(node_id):
                self._by_node[node_id] = self._node_findings(self.design.node(node_id))
            else:
                self._by_node.pop(node_id, None)
        for spec in self._design_rules:
            if not spec.kinds or spec.kinds & self._dirty_kinds:
                self._by_design_rule[spec.id] = _run_design_rule(spec, self.design, self.limits)
        self._dirty_nodes.clear()
        self._dirty_kinds.clear()
        self._sorted = None
