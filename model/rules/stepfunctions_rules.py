"""Step Functions rules: ASL structure, workflow-type restrictions, duration, history, payload.

A Task is linked to a design function through definition_substitutions (a ${Name} placeholder
mapped to a node id) or, when that does not resolve, through the state machine's `invokes`
edges (the only function invoked, or the one whose id appears in the Resource).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import NamedTuple

from model.config.compute import BatchJobDefinitionConfig, LambdaConfig
from model.config.edges import EdgeConfig
from model.config.orchestration import StateMachineConfig
from model.design import Design
from model.elements import Edge, Node
from model.limits import default_limits
from model.rules.engine import Finding, RuleContext, StateRef, limit_source, rule
from model.rules.lambda_rules import FUNCTION_KINDS
from model.rules.memo import ContentMemo, IdentityMemo
from model.stepfunctions import (
    CALLBACK,
    SYNC,
    AslProblem,
    DurationAnalysis,
    TaskRef,
    analyze_duration,
    check_structure,
    task_refs,
)
from model.stepfunctions.calls import CallKind, call_kind, forget_call_kinds, service_action
from model.stepfunctions.duration import forget_state_costs
from model.stepfunctions.graph import StatePaths, state_paths
from model.wording import number, plural

STATE_MACHINE = "aws.stepfunctions.state_machine"
BATCH_JOB = "aws.batch.job_definition"
INVOKES = "invokes"
_L = default_limits()
_DURATION = _L.value("SFN_MAX_DURATION_S")


def machine_config(node: Node) -> StateMachineConfig | None:
    config = node.config
    return config if isinstance(config, StateMachineConfig) else None


class TaskTarget(NamedTuple):
    """A Task state and the design function it invokes, with the edge that draws it (if any).
    A named tuple: a pass makes one per linked Task, three times faster than a frozen
    dataclass."""

    task: TaskRef
    function_id: str
    edge_id: str | None


def invoked_functions(design: Design, machine_id: str) -> list[Edge]:
    """The machine's `invokes` edges to Lambda functions, in design order."""
    return [
        edge
        for edge in design.outgoing(machine_id, INVOKES)
        if design.node(edge.target).kind in FUNCTION_KINDS
    ]


def is_lambda_task(task: TaskRef) -> bool:
    return ":lambda:" in task.resource or task.resource.startswith("arn:aws:states:::lambda")


def find_task_targets(ctx: RuleContext, node: Node) -> list[TaskTarget]:
    """Every Task of the machine's definition that invokes a function of the design."""
    config = machine_config(node)
    if config is None or config.definition is None:
        return []
    design = ctx.design
    edges = invoked_functions(design, node.id)
    edge_to = {edge.target: edge.id for edge in edges}
    found: list[TaskTarget] = []
    for task in tasks_of(config):
        target = resolve_task(design, config, task, edges)
        if target is not None:
            found.append(TaskTarget(task, target, edge_to.get(target)))
    return found


def resolve_task(
    design: Design, config: StateMachineConfig, task: TaskRef, edges: list[Edge]
) -> str | None:
    for placeholder in task.placeholders:
        node_id = config.substitution_target(placeholder)
        if node_id and design.has_node(node_id) and design.node(node_id).kind in FUNCTION_KINDS:
            return node_id
    if not is_lambda_task(task) or not edges:
        return None
    named = [e.target for e in edges if e.target in task.resource]
    if len(named) == 1:
        return named[0]
    targets = list(dict.fromkeys(e.target for e in edges))
    return targets[0] if len(targets) == 1 else None


def function_timeout(design: Design, function_id: str) -> int | None:
    config = design.node(function_id).config
    return config.timeout_s if isinstance(config, LambdaConfig) else None


class CallBound(NamedTuple):
    """How long one call of a Task can take when it sets no TimeoutSeconds, and why (a named
    tuple, as TaskTarget)."""

    seconds: float | None
    """None when nothing bounds the call."""
    why: str
    """What bounds the call, or what keeps it unbounded (after the name of function, when
    set: see why_text)."""
    fix: str = ""
    """How to bound it, when it is unbounded."""
    function: str | None = None
    """The design function whose timeout bounds the call; named only when a message needs
    it (most bounds go into no message)."""


def why_text(ctx: RuleContext, bound: CallBound) -> str:
    """What bounds the call, as messages say it."""
    return f"{ctx.label(bound.function)}{bound.why}" if bound.function else bound.why


_SET_TIMEOUT = "set TimeoutSeconds on the state"


def call_bound(
    ctx: RuleContext, node: Node, task: TaskRef, kind: CallKind, function_id: str | None
) -> CallBound:
    """The bound of one Task's call from what it calls (its CallKind) and the limits data."""
    if function_id is not None and kind in (CallKind.LAMBDA, CallKind.UNKNOWN):
        timeout = function_timeout(ctx.design, function_id)
        if timeout is not None:
            return CallBound(float(timeout), f"'s {timeout} s timeout", function=function_id)
    if kind is CallKind.LAMBDA:
        maximum = ctx.limit("LAMBDA_TIMEOUT_MAX")
        return CallBound(float(maximum), f"Lambda's {number(maximum)} s maximum timeout")
    if kind is CallKind.REQUEST_RESPONSE:
        bound = ctx.limit("SFN_REQUEST_RESPONSE_CALL_S")
        return CallBound(
            float(bound), f"the {bound} s ArchCanvas counts for a request-response call"
        )
    if kind is CallKind.NESTED:
        child = placeholder_target(ctx.design, node, task, (STATE_MACHINE,))
        child_config = machine_config(ctx.design.node(child)) if child else None
        if child is not None and child_config is not None:
            maximum = ctx.limit("SFN_MAX_DURATION_S", child_config.workflow_type)
            kind_name = child_config.workflow_type.capitalize()
            return CallBound(
                float(maximum),
                f"child {ctx.label(child)}'s {kind_name} maximum of {number(maximum)} s",
            )
        return CallBound(
            None,
            "starts a child execution of a workflow ArchCanvas cannot see",
            "map its ${placeholder} to the child state machine, or " + _SET_TIMEOUT,
        )
    if kind is CallKind.BATCH:
        job = placeholder_target(ctx.design, node, task, (BATCH_JOB,))
        job_config = ctx.design.node(job).config if job else None
        if isinstance(job_config, BatchJobDefinitionConfig) and job_config.timeout_s:
            return CallBound(
                float(job_config.timeout_s),
                f"job definition {ctx.label(job or '')}'s {job_config.timeout_s} s timeout",
            )
        return CallBound(
            None,
            "waits for a Batch job without a known job timeout",
            "set the job definition's timeout, or " + _SET_TIMEOUT,
        )
    if kind is CallKind.ECS:
        return CallBound(None, "waits for an ECS task, which has no maximum run time", _SET_TIMEOUT)
    if kind is CallKind.JOB:
        called = service_action(task.resource)
        job = ":".join(called) if called else ""
        longest = ctx.limit("SFN_SYNC_JOB_MAX_S").get(job)
        if longest is not None:
            return CallBound(float(longest), f"the {number(longest)} s a {job} job runs at most")
        return CallBound(
            None, f"waits for a job ({task.resource}) with no limit ArchCanvas knows", _SET_TIMEOUT
        )
    if kind is CallKind.CALLBACK:
        heartbeat = (
            " (HeartbeatSeconds only catches a worker that stops reporting)"
            if task.heartbeat_s
            else ""
        )
        return CallBound(None, "waits for a task token with no limit" + heartbeat, _SET_TIMEOUT)
    if kind is CallKind.ACTIVITY:
        return CallBound(None, "waits for an Activity worker with no limit", _SET_TIMEOUT)
    return CallBound(
        None, f"calls a Resource ArchCanvas cannot read ({task.resource or 'none'})", _SET_TIMEOUT
    )


def placeholder_target(
    design: Design, node: Node, task: TaskRef, kinds: tuple[str, ...]
) -> str | None:
    """The node of one of kinds a Task's ${placeholder} maps to, else the machine's only
    `invokes` edge to such a node."""
    config = machine_config(node)
    if config is None:
        return None
    for placeholder in task.placeholders:
        node_id = config.substitution_target(placeholder)
        if node_id and design.has_node(node_id) and design.node(node_id).kind in kinds:
            return node_id
    targets = list(
        dict.fromkeys(
            e.target
            for e in design.outgoing(node.id, INVOKES)
            if design.node(e.target).kind in kinds
        )
    )
    return targets[0] if len(targets) == 1 else None


def call_bounds(ctx: RuleContext, node: Node) -> dict[str, CallBound]:
    """Each Task's call bound by state path (once per subject and pass)."""

    def compute() -> dict[str, CallBound]:
        config = machine_config(node)
        if config is None or config.definition is None:
            return {}
        functions = {t.task.state_path: t.function_id for t in task_targets(ctx, node)}
        kinds = call_kinds(config)
        return {
            ref.state_path: call_bound(
                ctx, node, ref, kinds[ref.state_path], functions.get(ref.state_path)
            )
            for ref in tasks_of(config)
        }

    return ctx.cached(("call_bounds", node.id), compute)


class DefinitionAnalyses:
    """What the rules derive from one definition alone, each worked out when first asked for:
    one lookup per config finds them all."""

    KEEP_DURATIONS = 8
    """Duration analyses kept per definition, one per set of call bounds (edits of the
    functions a workflow calls change them)."""

    def __init__(self, definition: object) -> None:
        self.definition = definition
        self._durations: dict[tuple[tuple[str, float | None], ...], DurationAnalysis] = {}

    @cached_property
    def tasks(self) -> list[TaskRef]:
        return task_refs(self.definition)

    @cached_property
    def call_kinds(self) -> dict[str, CallKind]:
        """call_kind() of each Task by state path."""
        return {ref.state_path: call_kind(ref) for ref in self.tasks}

    @cached_property
    def structure(self) -> list[AslProblem]:
        return check_structure(self.definition)

    @cached_property
    def states(self) -> StatePaths:
        return state_paths(self.definition)

    @cached_property
    def untimed(self) -> frozenset[str]:
        """State paths of the Tasks without TimeoutSeconds: only their call bounds count."""
        return frozenset(ref.state_path for ref in self.tasks if ref.timeout_s is None)

    def duration(self, seconds: tuple[tuple[str, float | None], ...]) -> DurationAnalysis:
        """analyze_duration() with each Task without TimeoutSeconds bounded by seconds (state
        path, bound of its call). Kept by the bounds of those Tasks alone, so machines that
        share a definition share the analysis whatever their timed Tasks call."""
        untimed = self.untimed
        seconds = tuple(item for item in seconds if item[0] in untimed)
        found = self._durations.get(seconds)
        if found is None:
            by_path = dict(seconds)
            refs = {ref.state_path: ref for ref in self.tasks}
            found = analyze_duration(
                self.definition, task_timeout=lambda ref: by_path.get(ref.state_path), refs=refs
            )
            if len(self._durations) >= self.KEEP_DURATIONS:
                del self._durations[next(iter(self._durations))]
            self._durations[seconds] = found
        return found


_DEFINITIONS = IdentityMemo()
"""Per config, while it lives: its definition's analyses."""
_ANALYSES = ContentMemo(4096)
"""DefinitionAnalyses by definition text: configs with one definition share them (machines
that repeat a workflow, and edits of other fields, which make a new config)."""


def forget_definition_analyses() -> None:
    """Drop every kept analysis (benchmarks measure a pass that starts from nothing, as
    opening a file does: its definitions are new objects, which no kept state bound fits)."""
    _DEFINITIONS.clear()
    _ANALYSES.clear()
    forget_state_costs()
    forget_call_kinds()


def analyses(config: StateMachineConfig) -> DefinitionAnalyses:
    """The analyses of the config's definition, found by its text (repr: exact for JSON values,
    and cheap) once per config. The same content written in another key order is another
    text, which costs only a second analysis."""

    def by_text() -> DefinitionAnalyses:
        definition = config.definition
        return _ANALYSES.get(repr(definition), lambda: DefinitionAnalyses(definition))

    return _DEFINITIONS.get(config, "analyses", by_text)


def analyse_duration(ctx: RuleContext, node: Node) -> DurationAnalysis | None:
    """Duration bounds of the machine's definition, each Task without TimeoutSeconds bounded by
    what it calls (call_bound)."""
    config = machine_config(node)
    if config is None or config.definition is None:
        return None
    seconds = tuple((path, bound.seconds) for path, bound in call_bounds(ctx, node).items())
    return analyses(config).duration(seconds)


def task_targets(ctx: RuleContext, node: Node) -> list[TaskTarget]:
    """find_task_targets() once per subject and pass."""
    return ctx.cached(("task_targets", node.id), lambda: find_task_targets(ctx, node))


def duration_analysis(ctx: RuleContext, node: Node) -> DurationAnalysis | None:
    """analyse_duration() once per subject and pass."""
    return ctx.cached(("duration", node.id), lambda: analyse_duration(ctx, node))


def tasks_of(config: StateMachineConfig) -> list[TaskRef]:
    """task_refs() of the config's definition."""
    return analyses(config).tasks


def call_kinds(config: StateMachineConfig) -> dict[str, CallKind]:
    """call_kind() of each Task of the config's definition by state path."""
    return analyses(config).call_kinds


def structure_problems(config: StateMachineConfig) -> list[AslProblem]:
    """check_structure() of the config's definition."""
    return analyses(config).structure


COUNT_THE_PASSES = (
    "Count the loop's passes: set a counter to a number before the loop, raise it by a fixed "
    "step inside it (States.MathAdd, or a JSONata Assign), and leave through a Choice once it "
    "reaches a number; ArchCanvas then bounds the loop. Or move the repeated work to a "
    "Distributed Map or child executions, each with its own history."
)


def definition_states(config: StateMachineConfig) -> StatePaths:
    """state_paths() of the config's definition."""
    return analyses(config).states


def states_at(node: Node, config: StateMachineConfig, paths: Iterable[str]) -> list[StateRef]:
    """The states that definition paths (``States.A.Retry[0]``, ``States.P.Branches[0]...``)
    are in."""
    paths = list(paths)
    if not paths:
        return []
    states = definition_states(config)
    found = (states.state_at(path) for path in paths)
    return [StateRef(node.id, path) for path in found if path is not None]


def states_named(node: Node, config: StateMachineConfig, names: Iterable[str]) -> list[StateRef]:
    """The states duration paths and history checks name (``P/Branch0/A``, ``M/Iteration/B``)."""
    by_name = definition_states(config).by_duration_name
    return [StateRef(node.id, by_name[name]) for name in names if name in by_name]


SECONDS_PER_DAY = 24 * 60 * 60


def seconds_text(seconds: float) -> str:
    """Seconds as messages show them, with days added for long spans."""
    if seconds >= SECONDS_PER_DAY:
        return f"{number(seconds)} s ({number(seconds / SECONDS_PER_DAY)} days)"
    return f"{number(seconds)} s"


def path_text(path: tuple[str, ...]) -> str:
    return " -> ".join(path) if path else "(no states)"


def duration_findings(ctx: RuleContext, node: Node, workflow_type: str) -> list[Finding]:
    found: list[Finding] = []
    config = machine_config(node)
    if config is None or config.workflow_type != workflow_type:
        return found
    maximum = ctx.limit("SFN_MAX_DURATION_S", workflow_type)
    name = ctx.label(node.id)
    kind = workflow_type.capitalize()
    if config.definition is not None and structure_problems(config):
        return found
    analysis = duration_analysis(ctx, node)
    if analysis is None:
        expected = config.expected_duration_s
        if expected is not None and expected > maximum:
            found.append(
                ctx.finding(
                    f"{name} is expected to run {seconds_text(expected)}; {kind} workflows stop after "
                    f"{seconds_text(maximum)}",
                    [node.id],
                )
            )
        return found
    shortest, longest = analysis.shortest, analysis.longest
    if shortest.seconds is not None and shortest.seconds > maximum:
        found.append(
            ctx.finding(
                f"{name}: even the shortest path ({path_text(shortest.path)}) takes "
                f"{seconds_text(shortest.seconds)}; {kind} workflows stop after {seconds_text(maximum)}",
                [node.id],
            )
        )
        return found
    if longest.seconds is not None:
        if longest.seconds > maximum:
            found.append(
                ctx.finding(
                    f"{name}: the longest path ({path_text(longest.path)}) can take "
                    f"{seconds_text(longest.seconds)}{implied_bounds(ctx, node, config, longest.path)}; "
                    f"{kind} workflows stop after {seconds_text(maximum)}",
                    [node.id],
                    severity="warning",
                    states=states_at(node, config, implied_paths(ctx, node, config, longest.path)),
                )
            )
        return found
    if workflow_type == "EXPRESS":
        for loop in analysis.loops:
            found.append(
                ctx.finding(
                    f"{name}: the loop {path_text((*loop, loop[0]))} has no bound, so an execution "
                    f"can run past the {kind} limit of {seconds_text(maximum)}",
                    [node.id],
                    severity="warning",
                    hint=COUNT_THE_PASSES,
                    states=states_named(node, config, loop),
                )
            )
    causes = unbounded_causes(ctx, node, analysis)
    if causes:
        found.append(
            ctx.finding(
                f"{name}: {'; '.join(causes)}; so an execution can run past the {kind} limit of "
                f"{seconds_text(maximum)}",
                [node.id],
                severity="warning",
                hint="Bound each named state as its text says; an execution's own TimeoutSeconds "
                "bounds everything at once.",
                states=[
                    *states_at(node, config, analysis.unbounded_task_paths),
                    *states_named(node, config, analysis.unbounded_waits),
                ],
            )
        )
    elif not analysis.loops:
        found.append(
            ctx.finding(
                f"{name}: the longest path ({path_text(longest.path)}) has no known bound, so an "
                f"execution can run past the {kind} limit of {seconds_text(maximum)}",
                [node.id],
                severity="warning",
            )
        )
    return found


def implied_tasks(
    ctx: RuleContext, node: Node, config: StateMachineConfig, path: tuple[str, ...]
) -> list[TaskRef]:
    """The Tasks on a path without TimeoutSeconds that count with the bound of what they call."""
    on_path = {step.rsplit("/", 1)[-1] for step in path}
    bounds = call_bounds(ctx, node)
    return [
        ref
        for ref in tasks_of(config)
        if ref.timeout_s is None and ref.state_name in on_path and ref.state_path in bounds
    ]


def implied_paths(
    ctx: RuleContext, node: Node, config: StateMachineConfig, path: tuple[str, ...]
) -> list[str]:
    return [ref.state_path for ref in implied_tasks(ctx, node, config, path)]


def implied_bounds(
    ctx: RuleContext, node: Node, config: StateMachineConfig, path: tuple[str, ...]
) -> str:
    """Which Tasks on a path have no TimeoutSeconds and count with the bound of what they call."""
    bounds = call_bounds(ctx, node)
    implied = [
        f"{ref.state_name} counts {why_text(ctx, bounds[ref.state_path])}"
        for ref in implied_tasks(ctx, node, config, path)
    ]
    if not implied:
        return ""
    return f" (without TimeoutSeconds, {', '.join(implied)})"


def unbounded_causes(ctx: RuleContext, node: Node, analysis: DurationAnalysis) -> list[str]:
    """One phrase per state that leaves the longest execution unbounded, with how to bound it;
    loops are left to the loop findings."""
    bounds = call_bounds(ctx, node)
    causes = []
    for readable, path in zip(analysis.unbounded_tasks, analysis.unbounded_task_paths, strict=True):
        bound = bounds.get(path)
        if bound is None:
            causes.append(f"Task {readable} has no known bound ({_SET_TIMEOUT})")
        else:
            causes.append(f"Task {readable} {why_text(ctx, bound)} ({bound.fix or _SET_TIMEOUT})")
    for readable in analysis.unbounded_waits:
        causes.append(
            f"Wait {readable} waits for a time known only at run time (set the state machine's "
            "TimeoutSeconds)"
        )
    return causes


@rule(
    "SFN_ASL_STRUCTURE",
    severity="error",
    title="State machine definition that Step Functions would reject",
    source=limit_source("RULE_SFN_ASL_STRUCTURE"),
    hint="Fix the definition at the named path; the ASL editor shows the same problems.",
    kinds=(STATE_MACHINE,),
)
def asl_structure(ctx: RuleContext, node: Node) -> list[Finding]:
    found: list[Finding] = []
    config = machine_config(node)
    if config is None or config.definition is None:
        return found
    for problem in structure_problems(config):
        found.append(
            ctx.finding(
                f"{ctx.label(node.id)}: {problem.path}: {problem.message}",
                [node.id],
                states=states_at(node, config, [problem.path]),
            )
        )
    return found


@rule(
    "SFN_SUBSTITUTION_UNKNOWN",
    severity="warning",
    title="Definition substitution points at no node of the design",
    source="https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
    "aws-resource-stepfunctions-statemachine.html",
    hint="Map the placeholder to the id of a node in this design (the inspector shows ids), "
    "or remove the mapping; exports turn unmapped placeholders into parameters.",
    kinds=(STATE_MACHINE,),
)
def substitution_unknown(ctx: RuleContext, node: Node) -> list[Finding]:
    found: list[Finding] = []
    config = machine_config(node)
    if config is None:
        return found
    for placeholder, target in config.definition_substitutions.items():
        if not ctx.design.has_node(target):
            name = placeholder[2:-1] if placeholder.startswith("${") else placeholder
            users = [t for t in tasks_of(config) if name in t.placeholders]
            found.append(
                ctx.finding(
                    f"{ctx.label(node.id)} maps {placeholder} to '{target}', which is not a node of "
                    "this design",
                    [node.id],
                    states=[StateRef(node.id, task.state_path) for task in users],
                )
            )
    return found


@rule(
    "SFN_EXPRESS_DURATION",
    severity="error",
    title="Express workflow can run longer than the Express maximum",
    source=limit_source("SFN_MAX_DURATION_S"),
    hint=f"Keep Express executions under {number(_DURATION['EXPRESS'])} s (shorter task "
    "timeouts, bounded loops), or use a Standard workflow.",
    kinds=(STATE_MACHINE,),
)
def express_duration(ctx: RuleContext, node: Node) -> list[Finding]:
    return duration_findings(ctx, node, "EXPRESS")


@rule(
    "SFN_STANDARD_DURATION",
    severity="error",
    title="Standard workflow can run longer than the Standard maximum",
    source=limit_source("SFN_MAX_DURATION_S"),
    hint="Bound waits, loops and task timeouts, or continue long work in a new execution.",
    kinds=(STATE_MACHINE,),
)
def standard_duration(ctx: RuleContext, node: Node) -> list[Finding]:
    return duration_findings(ctx, node, "STANDARD")


def edge_pattern(edge: Edge) -> str | None:
    config = edge.config
    return config.integration_pattern if isinstance(config, EdgeConfig) else None


@rule(
    "SFN_EXPRESS_INTEGRATION_PATTERN",
    severity="error",
    title="Express workflow uses .sync or callback integration",
    source=limit_source("SFN_EXPRESS_INTEGRATION_PATTERNS"),
    hint="Use request-response integrations in Express workflows, or make the workflow Standard.",
    kinds=(STATE_MACHINE,),
)
def express_integration_pattern(ctx: RuleContext, node: Node) -> list[Finding]:
    found: list[Finding] = []
    config = machine_config(node)
    if config is None or config.workflow_type != "EXPRESS":
        return found
    name = ctx.label(node.id)
    if config.definition is not None:
        for task in tasks_of(config):
            if task.integration_pattern in (SYNC, CALLBACK):
                found.append(
                    ctx.finding(
                        f"{name}: Task {task.state_name} ({task.state_path}) uses {task.resource}; "
                        f"Express workflows support only request-response integrations",
                        [node.id],
                        states=[StateRef(node.id, task.state_path)],
                    )
                )
    for edge in ctx.design.outgoing(node.id, INVOKES):
        pattern = edge_pattern(edge)
        if pattern in (SYNC, CALLBACK):
            found.append(
                ctx.finding(
                    f"{name} invokes {ctx.label(edge.target)} with the {pattern} integration pattern "
                    f"(connection {edge.id}); Express workflows support only request-response",
                    [node.id, edge.id, edge.target],
                )
            )
    return found


@rule(
    "SFN_EXPRESS_ACTIVITY",
    severity="error",
    title="Express workflow uses an Activity",
    source=limit_source("SFN_EXPRESS_NO_ACTIVITIES"),
    hint="Replace the Activity with a Lambda or service integration, or make the workflow "
    "Standard.",
    kinds=(STATE_MACHINE,),
)
def express_activity(ctx: RuleContext, node: Node) -> list[Finding]:
    found: list[Finding] = []
    config = machine_config(node)
    if config is None or config.workflow_type != "EXPRESS" or config.definition is None:
        return found
    for task in tasks_of(config):
        if task.is_activity:
            found.append(
                ctx.finding(
                    f"{ctx.label(node.id)}: Task {task.state_name} ({task.state_path}) runs an "
                    "Activity; Express workflows do not support Activities",
                    [node.id],
                    states=[StateRef(node.id, task.state_path)],
                )
            )
    return found


@rule(
    "SFN_LAMBDA_TASK_TIMEOUT",
    severity="warning",
    title="Task invoking Lambda without a fitting TimeoutSeconds",
    source=limit_source("RULE_SFN_LAMBDA_TASK_TIMEOUT"),
    hint="Set the Task's TimeoutSeconds to at least the function's timeout (Step Functions "
    "otherwise waits with no practical bound when an invocation is lost).",
    kinds=(STATE_MACHINE,),
)
def lambda_task_timeout(ctx: RuleContext, node: Node) -> list[Finding]:
    found: list[Finding] = []
    for target in task_targets(ctx, node):
        task = target.task
        timeout = function_timeout(ctx.design, target.function_id)
        if task.timeout_s is None:
            name, function = ctx.label(node.id), ctx.label(target.function_id)
            message = f"{name}: Task {task.state_name} invokes {function} without TimeoutSeconds"
        elif timeout is not None and task.timeout_s < timeout:
            name, function = ctx.label(node.id), ctx.label(target.function_id)
            message = (
                f"{name}: Task {task.state_name} times out after {number(task.timeout_s)} s but "
                f"{function} may run {number(timeout)} s"
            )
        else:
            continue
        elements = [node.id, target.function_id]
        if target.edge_id is not None:
            elements.append(target.edge_id)
        found.append(ctx.finding(message, elements, states=[StateRef(node.id, task.state_path)]))
    return found


def inline_maps(definition: object, prefix: str = "") -> Iterator[tuple[str, int | None, int]]:
    """Each Inline Map state: its path, known item count (None if unknown) and state count of
    its item processor."""
    if not isinstance(definition, dict):
        return
    states = definition.get("States")
    if not isinstance(states, dict):
        return
    for name, state in states.items():
        if not isinstance(state, dict):
            continue
        path = f"{prefix}{name}"
        for field in ("Branches",):
            for index, branch in enumerate(state.get(field) or []):
                yield from inline_maps(branch, f"{path}/Branch{index}/")
        if state.get("Type") != "Map":
            continue
        processor = state.get("ItemProcessor") or state.get("Iterator")
        if not isinstance(processor, dict):
            continue
        yield from inline_maps(processor, f"{path}/Iteration/")
        mode = (processor.get("ProcessorConfig") or {}).get("Mode")
        if mode == "DISTRIBUTED":
            continue
        items = state.get("Items")
        reader = state.get("ItemReader") or {}
        max_items = (
            (reader.get("ReaderConfig") or {}).get("MaxItems") if isinstance(reader, dict) else None
        )
        count = len(items) if isinstance(items, list) else None
        if count is None and isinstance(max_items, int):
            count = max_items
        inner = processor.get("States")
        yield path, count, len(inner) if isinstance(inner, dict) else 0


@rule(
    "SFN_STANDARD_HISTORY",
    severity="warning",
    title="Standard workflow can exceed the execution history limit",
    source=limit_source("SFN_STANDARD_HISTORY_EVENTS"),
    hint="Use a Distributed Map or start child executions for large or repeated work; each "
    "child has its own history.",
    kinds=(STATE_MACHINE,),
)
def standard_history(ctx: RuleContext, node: Node) -> list[Finding]:
    found: list[Finding] = []
    config = machine_config(node)
    if config is None or config.workflow_type != "STANDARD" or config.definition is None:
        return found
    if structure_problems(config):
        return found
    limit = ctx.limit("SFN_STANDARD_HISTORY_EVENTS")
    name = ctx.label(node.id)
    analysis = duration_analysis(ctx, node)
    maximum = ctx.limit("SFN_MAX_DURATION_S", "STANDARD")
    for loop in analysis.loops if analysis else ():
        found.append(
            ctx.finding(
                f"{name}: the loop {path_text((*loop, loop[0]))} has no bound on its passes: each "
                f"pass adds history events, and a Standard execution fails at {number(limit)} "
                f"events; it can also run past the Standard limit of {seconds_text(maximum)}",
                [node.id],
                hint=COUNT_THE_PASSES,
                states=states_named(node, config, loop),
            )
        )
    for loop, passes in analysis.bounded_loops if analysis else ():
        if passes * len(loop) >= limit:
            found.append(
                ctx.finding(
                    f"{name}: the loop {path_text((*loop, loop[0]))} runs up to {number(passes)} "
                    f"passes of {plural(len(loop), 'state')}, at least {number(passes * len(loop))} "
                    f"history events; a Standard execution fails at {number(limit)} events",
                    [node.id],
                    states=states_named(node, config, loop),
                )
            )
    for path, count, states in inline_maps(config.definition):
        if count is not None and count * max(states, 1) >= limit:
            found.append(
                ctx.finding(
                    f"{name}: Inline Map {path} runs {number(count)} items × {plural(states, 'state')}, at least "
                    f"{number(count * max(states, 1))} history events; a Standard execution fails at "
                    f"{number(limit)} events",
                    [node.id],
                    states=states_named(node, config, [path]),
                )
            )
    return found


@rule(
    "SFN_PAYLOAD",
    severity="info",
    title="Task output may exceed the Step Functions payload limit",
    source=limit_source("SFN_PAYLOAD"),
    hint="Return small results (e.g. an S3 key) from the function, or trim them with "
    "ResultSelector.",
    kinds=(STATE_MACHINE,),
)
def payload(ctx: RuleContext, node: Node) -> list[Finding]:
    found: list[Finding] = []
    targets = [
        t
        for t in task_targets(ctx, node)
        if t.task.integration_pattern != CALLBACK and not t.task.trims_result
    ]
    if not targets:
        return found
    limit = ctx.limit("SFN_PAYLOAD")
    lambda_limit = ctx.limit("LAMBDA_SYNC_PAYLOAD")
    tasks = ", ".join(f"{t.task.state_name} ({ctx.label(t.function_id)})" for t in targets)
    found.append(
        ctx.finding(
            f"{ctx.label(node.id)}: Task(s) {tasks} pass on a Lambda response, which may be up to "
            f"{number(lambda_limit)} MB; a state's input or output is limited to {number(limit)} bytes",
            [node.id, *(t.function_id for t in targets)],
            states=[StateRef(node.id, t.task.state_path) for t in targets],
        )
    )
    return found


@rule(
    "SFN_EXPRESS_IDEMPOTENCY",
    severity="info",
    title="Asynchronous Express workflow runs at least once",
    source=limit_source("SFN_EXECUTION_SEMANTICS"),
    hint="Make each step idempotent (idempotency keys, conditional writes), or use a Standard "
    "workflow for exactly-once steps.",
    kinds=(STATE_MACHINE,),
)
def express_idempotency(ctx: RuleContext, node: Node) -> list[Finding]:
    found: list[Finding] = []
    config = machine_config(node)
    if config is None or config.workflow_type != "EXPRESS" or config.invocation != "async":
        return found
    has_tasks = bool(config.definition and tasks_of(config))
    if has_tasks or ctx.design.outgoing(node.id, INVOKES):
        found.append(
            ctx.finding(
                f"{ctx.label(node.id)} is an asynchronous Express workflow: it runs at least once, "
                "so its steps can run twice",
                [node.id],
            )
        )
    return found
