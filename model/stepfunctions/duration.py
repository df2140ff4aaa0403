"""Bounds on how long one execution of a state machine can take, from its definition alone.

The state graph of each States block (top level, Parallel branch, Map item processor) is
condensed into strongly connected components, so the longest path is a dynamic programme over a
DAG and the shortest is Dijkstra with non-negative state costs: both stay linear-ish in the size of
the definition. Nested blocks are analysed once per owning state.

Modelling choices (documented because they decide the numbers):

* A Task with no known bound is unbounded (AWS's own default Task timeout is 99,999,999 s).
  Its bound is ``TimeoutSeconds``, else ``task_timeout(ref)``, else ``default_task_timeout_s``.
* Shortest paths let every Task, Parallel or Map finish at once when it can (0 s) and ignore
  retries; a Catch ``Next`` is a successor like any other.
* Retry: the longest time of a state is ``t * (attempts + 1) + sum(delays)`` for the single retrier
  that gives the largest total. This assumes one kind of error per execution; alternating errors
  matched by different retriers could retry each retrier to its own limit.
* Map: when the item count is known (a literal JSONata ``Items`` array, or the upper bound
  ``ItemReader.ReaderConfig.MaxItems``), rounds are ``ceil(iterations / MaxConcurrency)``,
  iterations being items (or batches under ``ItemBatcher.MaxItemsPerBatch``); MaxConcurrency 0
  or unset counts as unlimited (one round). With an unknown count the longest assumes one round,
  an under-estimate that is reported in ``notes``.
* A loop a counter bounds (model.stepfunctions.loops) runs its states at most that many passes;
  any other loop reachable from StartAt makes the longest unbounded; loops are listed.
* The top-level ``TimeoutSeconds`` caps both bounds.
"""

from __future__ import annotations

import heapq
import math
import sys
from collections.abc import Callable, Hashable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from model.memo import ObjectMemo

from ._common import (
    MAX_NESTING,
    JsonObject,
    as_int,
    as_list,
    as_number,
    as_object,
    next_states,
    state_path,
    sub_machines,
)
from .loops import count_bound
from .tasks import TaskRef, make_task_ref

INF = math.inf
_EXACT_RETRY_LIMIT = 1_000
_MAX_ATTEMPTS = 99_999_999

TaskTimeout = Callable[[TaskRef], float | None]


@dataclass(frozen=True)
class DurationBound:
    """One bound on execution time and the states that realise it."""

    seconds: float | None
    """None when unbounded (or, for the shortest, when no execution can finish)."""
    path: tuple[str, ...]
    """State names along the path; nested states read like ``Par/Branch0/A``."""


@dataclass(frozen=True)
class DurationAnalysis:
    """Shortest and longest execution times of a definition, with what made them so."""

    shortest: DurationBound
    longest: DurationBound
    loops: tuple[tuple[str, ...], ...]
    """Each reachable loop as its cycle of state names, starting where the loop is entered."""
    unbounded_tasks: tuple[str, ...]
    """Reachable Task states with no known time bound."""
    notes: tuple[str, ...] = ()
    """Assumptions that affected the bounds (unknown Map item counts, run-time Waits, ...)."""
    state_longest: dict[str, float | None] = field(default_factory=dict, compare=False)
    """Each analysed state's own longest time (retries included, nested work for Parallel and
    Map), by the names paths use; None when unbounded."""
    unbounded_task_paths: tuple[str, ...] = ()
    """State paths of unbounded_tasks, in the same order (for looking up TaskRefs)."""
    unbounded_waits: tuple[str, ...] = ()
    """Reachable Wait states whose time is known only at run time."""
    bounded_loops: tuple[tuple[tuple[str, ...], int], ...] = ()
    """Loops a counter bounds, each as its cycle of state names with its most passes."""


def analyze_duration(
    definition: object,
    task_timeout: TaskTimeout | None = None,
    default_task_timeout_s: float | None = None,
    refs: Mapping[str, TaskRef] | None = None,
) -> DurationAnalysis:
    """Shortest and longest execution time of the definition, never raising on malformed input.

    ``task_timeout`` resolves a Task without TimeoutSeconds (e.g. to its Lambda's timeout);
    ``default_task_timeout_s`` applies when neither gives a number. ``refs`` are the Tasks'
    TaskRefs by state path when the caller has them already (task_refs()).
    """
    analyzer = _Analyzer(task_timeout, _non_negative(default_task_timeout_s), refs or {})
    notes = analyzer.notes
    root = definition if isinstance(definition, dict) else None
    if root is None:
        notes.append("The definition is not a JSON object; nothing to analyse")
        result: _Block = (INF, INF, (), ())
    else:
        result = analyzer.block(root, "", "", 0)
    lo, hi, lo_path, hi_path = result
    cap = _whole_seconds(root.get("TimeoutSeconds")) if root is not None else None
    if cap is not None and 0 < cap < INF:
        if hi > cap:
            notes.append(f"Longest is capped by the state machine's TimeoutSeconds ({cap:g} s)")
        lo, hi = min(lo, cap), min(hi, cap)
    unbounded_tasks: dict[str, str] = {}
    for readable, path in analyzer.task_log:
        unbounded_tasks.setdefault(readable, path)
    waits = analyzer.unbounded_waits
    return DurationAnalysis(
        shortest=DurationBound(seconds=_finite(lo), path=lo_path),
        longest=DurationBound(seconds=_finite(hi), path=hi_path),
        loops=tuple(analyzer.loops),
        unbounded_tasks=tuple(unbounded_tasks),
        notes=tuple(dict.fromkeys(notes)) if notes else (),
        state_longest={name: None if cost == INF else cost for name, cost in analyzer.cost_log},
        unbounded_task_paths=tuple(unbounded_tasks.values()),
        unbounded_waits=tuple(dict.fromkeys(waits)) if waits else (),
        bounded_loops=tuple(analyzer.bounded_loops),
    )


_Block = tuple[float, float, tuple[str, ...], tuple[str, ...]]
"""Bounds of one States block (or of one state) with their paths: (lo, hi, lo_path, hi_path).
A plain tuple: an analysis makes one per state, and a class's __init__ cost more than
working out a Choice state's bounds."""

_ZERO: _Block = (0.0, 0.0, (), ())


class _Analyzer:
    """One analysis. What it finds goes into logs only (state bounds, unbounded Tasks, ...),
    so that a kept state result replays by extending them; analyze_duration() reads the
    results off the logs at the end. A plain class: a dataclass's default factories made
    creating one cost as much as analysing a state."""

    __slots__ = (
        "task_timeout",
        "default_task_timeout_s",
        "refs",
        "loops",
        "bounded_loops",
        "unbounded_waits",
        "notes",
        "cost_log",
        "task_log",
        "timeout_log",
    )

    def __init__(
        self,
        task_timeout: TaskTimeout | None,
        default_task_timeout_s: float | None,
        refs: Mapping[str, TaskRef],
    ) -> None:
        self.task_timeout = task_timeout
        self.default_task_timeout_s = default_task_timeout_s
        self.refs = refs
        self.loops: list[tuple[str, ...]] = []
        self.bounded_loops: list[tuple[tuple[str, ...], int]] = []
        self.unbounded_waits: list[str] = []
        self.notes: list[str] = []
        self.cost_log: list[tuple[str, float]] = []
        """(readable name, longest) of each state worked out, in order; the last one wins."""
        self.task_log: list[tuple[str, str]] = []
        """(readable name, state path) of each unbounded Task; the first one wins."""
        self.timeout_log: list[tuple[TaskRef, float | None]] = []

    def note(self, text: str) -> None:
        self.notes.append(text)

    def _marks(self) -> tuple[int, ...]:
        return (
            len(self.loops),
            len(self.bounded_loops),
            len(self.unbounded_waits),
            len(self.notes),
            len(self.cost_log),
            len(self.task_log),
            len(self.timeout_log),
        )

    def _since(self, marks: tuple[int, ...]) -> tuple[tuple[Any, ...], ...]:
        logs = self._logs()
        return tuple(tuple(log[start:]) for log, start in zip(logs, marks, strict=True))

    def _logs(self) -> tuple[list[Any], ...]:
        return (
            self.loops,
            self.bounded_loops,
            self.unbounded_waits,
            self.notes,
            self.cost_log,
            self.task_log,
            self.timeout_log,
        )

    def _replay(self, effects: tuple[tuple[Any, ...], ...]) -> None:
        for log, entries in zip(self._logs(), effects, strict=True):
            log.extend(entries)

    def block(self, machine: JsonObject, label: str, prefix: str, depth: int) -> _Block:
        """Bounds of a States block; ``label`` prefixes readable names, ``prefix`` dotted paths.

        One breadth-first walk from StartAt finds each reachable state's successors (states of
        the block, each once, in next_states() order) and works out its bounds, in that order."""
        if depth > MAX_NESTING:
            self.note(f"Nesting below '{label}' is too deep to analyse; treated as unbounded")
            return (0.0, INF, (), ())
        states = machine.get("States")
        start = machine.get("StartAt")
        if not (
            isinstance(states, dict)
            and isinstance(start, str)
            and isinstance(states.get(start), dict)
        ):
            where = f"'{label.rstrip('/')}'" if label else "the state machine"
            self.note(f"StartAt of {where} names no state; it cannot finish")
            return (INF, INF, (), ())
        cost_of = self.fresh_cost
        if len(states) >= KEEP_STATE_COSTS_FROM and _state_count(states) >= KEEP_STATE_COSTS_FROM:
            cost_of = self.state_cost
        order = [start]
        rank = {start: 0}
        successors: dict[str, list[str]] = {}
        costs: dict[str, _Block] = {}
        terminal: set[str] = set()
        for name in order:
            state = states[name]
            kind = state.get("Type")
            targets: Iterable[object]
            if kind != "Choice" and "Catch" not in state:
                targets = (state.get("Next"),)
            else:
                targets = next_states(state)
            found: list[str] = []
            for target in targets:
                if (
                    isinstance(target, str)
                    and target not in found
                    and isinstance(states.get(target), dict)
                ):
                    found.append(target)
                    if target not in rank:
                        rank[target] = len(order)
                        order.append(target)
            successors[name] = found
            costs[name] = cost_of(name, state, label, prefix, depth)
            if kind == "Succeed" or kind == "Fail" or state.get("End") is True:
                terminal.add(name)
        components = _strongly_connected(start, successors)
        looping = []
        for component in components:
            if len(component) > 1 or component[0] in successors[component[0]]:
                looping.append(component)
        if looping:
            loop_members, bounded, cycles = self.classify_loops(
                looping, states, order, rank, successors, label
            )
        else:
            loop_members, bounded, cycles = {}, {}, {}
        lo, lo_path = _shortest(start, successors, costs, terminal, rank)
        hi, hi_path = _longest(
            start, components, loop_members, bounded, cycles, successors, costs, terminal, label
        )
        return (lo, hi, lo_path, hi_path)

    def classify_loops(
        self,
        looping: list[list[str]],
        states: dict[str, JsonObject],
        order: list[str],
        rank: dict[str, int],
        successors: dict[str, list[str]],
        label: str,
    ) -> tuple[dict[str, set[str]], dict[str, tuple[int, list[str]]], dict[str, list[str]]]:
        """Note each loop (a component of more than one state, or a state that is its own
        successor) as bounded by a counter or not. Returns each looping state's component,
        each state of a bounded loop's passes and cycle, and each loop's cycle by its entry."""
        loop_members: dict[str, set[str]] = {}
        bounded: dict[str, tuple[int, list[str]]] = {}
        cycles: dict[str, list[str]] = {}
        entered: list[tuple[int, str, list[str]]] = []
        for component in looping:
            members = set(component)
            entry = component[0]
            for name in component:
                loop_members[name] = members
                if rank[name] < rank[entry]:
                    entry = name
            entered.append((rank[entry], entry, component))
        if len(entered) > 1:
            entered.sort()
        for _, entry, component in entered:
            members = loop_members[entry]
            cycle = _single_cycle(entry, members, successors)
            bound = count_bound(cycle, states, order) if cycle is not None else None
            if cycle is None:
                cycle = _cycle_through(entry, members, successors)
            cycles[entry] = cycle
            readable = tuple([f"{label}{name}" for name in cycle]) if label else tuple(cycle)
            if bound is None:
                self.loops.append(readable)
                continue
            self.bounded_loops.append((readable, bound.passes))
            self.note(
                f"The loop {' -> '.join((*readable, readable[0]))} runs at most "
                f"{bound.passes:,} passes: {label}{bound.choice} leaves it once {bound.counter} "
                "reaches its limit"
            )
            for name in component:
                bounded[name] = (bound.passes, cycle)
        return loop_members, bounded, cycles

    def state_cost(
        self, name: str, state: JsonObject, label: str, prefix: str, depth: int
    ) -> _Block:
        """The state's bounds, kept per state object with what working them out noted: an edit
        shares the states it leaves alone, so after an edit only the changed states and the
        blocks holding them are worked out again. A kept result stands while the Task timeouts
        it asked for are the same."""
        kept: dict[Hashable, Any] = _STATE_COSTS.get(state, dict)
        key = (name, label, state_path(prefix, name), depth, self.default_task_timeout_s)
        entry = kept.get(key)
        if entry is not None and all(self._timeout(ref) == value for ref, value in entry[1][6]):
            self._replay(entry[1])
            cost: _Block = entry[0]
            return cost
        marks = self._marks()
        cost = self.fresh_cost(name, state, label, prefix, depth)
        kept[key] = (cost, self._since(marks))
        return cost

    def fresh_cost(
        self, name: str, state: JsonObject, label: str, prefix: str, depth: int
    ) -> _Block:
        """The state's bounds worked out now (what state_cost keeps). A Task's path is spelt
        as state_path() spells it, without the call: every Task of every definition is here."""
        readable = f"{label}{name}"
        kind = state.get("Type")
        if kind == "Task":
            cost = self.task_cost(name, state, readable, f"{prefix}States.{name}")
        elif kind == "Wait":
            cost = self.wait_cost(state, readable)
        elif kind == "Parallel":
            cost = self.parallel_cost(state, readable, state_path(prefix, name), depth)
        elif kind == "Map":
            cost = self.map_cost(state, readable, state_path(prefix, name), depth)
        else:
            only = (readable,)
            cost = (0.0, 0.0, only, only)
        self.cost_log.append((readable, cost[1]))
        return cost

    def _timeout(self, ref: TaskRef) -> float | None:
        return _non_negative(self.task_timeout(ref)) if self.task_timeout is not None else None

    def wait_cost(self, state: JsonObject, readable: str) -> _Block:
        seconds = _whole_seconds(state.get("Seconds"))
        only = (readable,)
        if seconds is not None and seconds >= 0:
            return (seconds, seconds, only, only)
        self.unbounded_waits.append(readable)
        self.note(
            f"Wait '{readable}' waits for a time known only at run time; longest is unbounded"
        )
        return (0.0, INF, only, only)

    def task_cost(self, name: str, state: JsonObject, readable: str, path: str) -> _Block:
        ref = self.refs.get(path) or make_task_ref(path, name, state)
        bound = ref.timeout_s
        if bound is None and self.task_timeout is not None:
            bound = _non_negative(self.task_timeout(ref))
            self.timeout_log.append((ref, bound))
        if bound is None:
            bound = self.default_task_timeout_s
        if bound is None:
            self.task_log.append((readable, path))
            bound = INF
        only = (readable,)
        return (0.0, _with_retries(bound, state.get("Retry")), only, only)

    def parallel_cost(self, state: JsonObject, readable: str, path: str, depth: int) -> _Block:
        blocks = [
            self.block(
                sub.machine, f"{readable}/{sub.readable}/", f"{path}.{sub.field}.", depth + 1
            )
            for sub in sub_machines(state)
        ]
        if not blocks:
            return (0.0, 0.0, (readable,), (readable,))
        slow_lo = max(blocks, key=lambda b: b[0])
        slow_hi = max(blocks, key=lambda b: b[1])
        return (
            slow_lo[0],
            _with_retries(slow_hi[1], state.get("Retry")),
            (readable, *slow_lo[2]),
            (readable, *slow_hi[3]),
        )

    def map_cost(self, state: JsonObject, readable: str, path: str, depth: int) -> _Block:
        iteration = _ZERO
        for sub in sub_machines(state):
            iteration = self.block(
                sub.machine, f"{readable}/{sub.readable}/", f"{path}.{sub.field}.", depth + 1
            )
        items = as_list(state.get("Items"))
        exact = len(items) if items is not None else None
        reader = as_object(state.get("ItemReader")) or {}
        max_items = as_int((as_object(reader.get("ReaderConfig")) or {}).get("MaxItems"))
        upper = exact if exact is not None else (max_items if max_items else None)
        batch = as_int((as_object(state.get("ItemBatcher")) or {}).get("MaxItemsPerBatch"))
        concurrency = as_int(state.get("MaxConcurrency"))

        def rounds(count: int) -> int:
            if count <= 0:
                return 0
            runs = -(-count // batch) if batch is not None and batch > 0 else count
            if concurrency is None or concurrency <= 0:
                return 1
            return -(-runs // concurrency)

        if upper is None:
            self.note(
                f"Map '{readable}' has no known item count; its longest assumes one round of"
                " iterations"
            )
            hi_rounds = 1
        else:
            hi_rounds = rounds(upper)
        lo_rounds = rounds(exact) if exact is not None else 0
        iteration_lo, iteration_hi, iteration_lo_path, iteration_hi_path = iteration
        lo = _repeat(iteration_lo, lo_rounds)
        hi = _repeat(iteration_hi, hi_rounds)
        return (
            lo,
            _with_retries(hi, state.get("Retry")),
            (readable, *iteration_lo_path) if lo_rounds else (readable,),
            (readable, *iteration_hi_path) if hi_rounds else (readable,),
        )


_STATE_COSTS = ObjectMemo(50000)
KEEP_STATE_COSTS_FROM = 16
"""A States block of this many states keeps its states' bounds; a smaller one works them out
again in less time than keeping them takes (a 6-state workflow: 60 µs against 105 µs)."""
"""Per state object: its bounds by where it sits, with what working them out noted."""


def forget_state_costs() -> None:
    """Drop the kept state bounds (a benchmark's cold pass must not find the last pass's)."""
    _STATE_COSTS.clear()


def _with_retries(attempt: float, retriers: object) -> float:
    """Worst time of a state that may be retried: the costliest single retrier wins."""
    if not isinstance(retriers, list):
        return attempt
    worst = attempt
    for retrier in retriers:
        if not isinstance(retrier, dict):
            continue
        attempts = _int_or(retrier.get("MaxAttempts"), 3, minimum=0)
        if attempts > _MAX_ATTEMPTS:
            attempts = _MAX_ATTEMPTS
        if attempts == 0:
            continue
        interval = _whole_seconds(retrier.get("IntervalSeconds"))
        if interval is None or interval < 1:
            interval = 1.0
        rate = as_number(retrier.get("BackoffRate"))
        backoff = min(rate, sys.float_info.max) if rate is not None and rate >= 1.0 else 2.0
        cap = _whole_seconds(retrier.get("MaxDelaySeconds"))
        max_delay = cap if cap is not None and 0 < cap < INF else None
        total = attempt * (attempts + 1) + retry_delays(attempts, interval, backoff, max_delay)
        if total > worst:
            worst = total
    return worst


def retry_delays(attempts: int, interval: float, backoff: float, max_delay: float | None) -> float:
    """Sum of the waits before each retry: ``interval * backoff**k`` capped at ``max_delay``."""
    if attempts <= 0 or interval <= 0:
        return 0.0
    if math.isinf(interval):
        return INF
    if attempts <= _EXACT_RETRY_LIMIT:
        total, delay = 0.0, float(interval)
        for _ in range(attempts):
            total += delay if max_delay is None else min(delay, max_delay)
            delay *= backoff
        return total
    if backoff == 1.0:
        return attempts * (interval if max_delay is None else min(interval, max_delay))
    uncapped = attempts
    if max_delay is not None:
        steps = math.log(max_delay / interval) / math.log(backoff)
        uncapped = min(attempts, max(0, math.ceil(steps - 1e-9)))
    try:
        growing = interval * (backoff**uncapped - 1.0) / (backoff - 1.0)
    except OverflowError:
        return INF
    capped = (attempts - uncapped) * max_delay if max_delay is not None else 0.0
    return growing + capped


def _whole_seconds(value: object) -> float | None:
    """An integer field as seconds; absurdly large integers become infinite, not an error."""
    if not isinstance(value, int) or isinstance(value, bool):
        return None
    try:
        return float(value)
    except OverflowError:
        return INF if value > 0 else -INF


def _repeat(per_round: float, rounds: int) -> float:
    if rounds <= 0 or per_round == 0:
        return 0.0
    return per_round * (as_number(rounds) or INF)


def _int_or(value: object, default: int, minimum: int) -> int:
    if isinstance(value, int) and not isinstance(value, bool) and value >= minimum:
        return value
    return default


def _non_negative(value: object) -> float | None:
    if value is None:
        return None
    number = value if type(value) is float else as_number(value)
    return number if number is not None and 0 <= number < INF else None


def _finite(value: float) -> float | None:
    return None if math.isinf(value) else value


def _state_count(states: dict[Any, object]) -> int:
    """How many of the block's States entries are states (named by a string, an object)."""
    return sum(
        1 for name, state in states.items() if isinstance(name, str) and isinstance(state, dict)
    )


_DONE = sys.maxsize


def _strongly_connected(start: str, successors: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's algorithm from start (whose block holds only states reachable from it), without
    recursion: each open state keeps an iterator over its successors. Components come out
    sinks first. A state's index becomes _DONE once its component is out, which stands in for
    the set of states on the stack. A state whose low link is below its index has an open
    parent (start's low link is 0)."""
    index = {start: 0}
    low = {start: 0}
    stack = [start]
    work = [(start, iter(successors[start]))]
    components: list[list[str]] = []
    count = 1
    while work:
        node, children = work[-1]
        for child in children:
            if child not in index:
                index[child] = low[child] = count
                count += 1
                stack.append(child)
                work.append((child, iter(successors[child])))
                break
            if index[child] < low[node]:
                low[node] = index[child]
        else:
            work.pop()
            node_low = low[node]
            if node_low == index[node]:
                member = stack.pop()
                index[member] = _DONE
                component = [member]
                while member != node:
                    member = stack.pop()
                    index[member] = _DONE
                    component.append(member)
                components.append(component)
            elif node_low < low[work[-1][0]]:
                low[work[-1][0]] = node_low
    return components


def _cycle_through(entry: str, members: set[str], successors: dict[str, list[str]]) -> list[str]:
    """The shortest cycle from ``entry`` back to itself inside one component."""
    parent = {entry: entry}
    queue = [entry]
    for node in queue:
        for child in successors[node]:
            if child == entry:
                cycle = [node]
                while cycle[-1] != entry:
                    cycle.append(parent[cycle[-1]])
                return cycle[::-1]
            if child in members and child not in parent:
                parent[child] = node
                queue.append(child)
    return [entry]


def _single_cycle(
    entry: str, members: set[str], successors: dict[str, list[str]]
) -> list[str] | None:
    """The loop's states in order from ``entry`` when the loop is one simple cycle (each of its
    states has one successor inside it), else None. In a component that is a simple cycle,
    this is the one way round, which is _cycle_through()'s answer too."""
    cycle = [entry]
    node = entry
    while True:
        inside: str | None = None
        for target in successors[node]:
            if target in members:
                if inside is not None:
                    return None
                inside = target
        if inside is None:
            return None
        node = inside
        if node == entry:
            return cycle
        if len(cycle) == len(members):
            return None
        cycle.append(node)


def _shortest(
    start: str,
    successors: dict[str, list[str]],
    costs: dict[str, _Block],
    terminal: set[str],
    rank: dict[str, int],
) -> tuple[float, tuple[str, ...]]:
    """Dijkstra from start to the nearest terminal state (ties go to the state reached first
    breadth-first). State costs are never negative, so a distance is infinite only when INF, and
    a state is pushed again only nearer than before: an entry farther than its best is stale."""
    best = {start: costs[start][0]}
    previous: dict[str, str] = {}
    heap = [(best[start], 0, start)]
    pop, push = heapq.heappop, heapq.heappush
    while heap:
        distance, _, node = pop(heap)
        if distance > best[node] or distance == INF:
            continue
        if node in terminal:
            chain = [node]
            while chain[-1] in previous:
                chain.append(previous[chain[-1]])
            path: list[str] = []
            for name in reversed(chain):
                path += costs[name][2]
            return distance, tuple(path)
        for child in successors[node]:
            candidate = distance + costs[child][0]
            if candidate < best.get(child, INF):
                best[child] = candidate
                previous[child] = node
                push(heap, (candidate, rank[child], child))
    return INF, ()


def _leave_bounded_loop(
    component: list[str],
    bound: tuple[int, list[str]],
    members: set[str],
    successors: dict[str, list[str]],
    costs: dict[str, _Block],
    terminal: set[str],
    total: dict[str, float],
    following: dict[str, str | None],
) -> None:
    """_longest()'s step over a bounded loop: its passes, then its costliest way out."""
    passes, cycle = bound
    loop_cost = _repeat(sum(costs[name][1] for name in cycle), passes)
    exit_cost: float | None = 0.0 if members & terminal else None
    exit_to: str | None = None
    for name in component:
        for child in successors[name]:
            leaves = child not in members and child in total
            if leaves and (exit_cost is None or total[child] > exit_cost):
                exit_cost, exit_to = total[child], child
    if exit_cost is not None:
        for name in component:
            total[name] = loop_cost + exit_cost
            following[name] = exit_to


def _longest(
    start: str,
    components: list[list[str]],
    cyclic: dict[str, set[str]],
    bounded: dict[str, tuple[int, list[str]]],
    cycles: dict[str, list[str]],
    successors: dict[str, list[str]],
    costs: dict[str, _Block],
    terminal: set[str],
    label: str,
) -> tuple[float, tuple[str, ...]]:
    """Longest time from each state to the end, over the condensed graph (sinks first). A
    bounded loop counts as one step: its passes times the states of one pass, then its
    costliest way out. ``cyclic`` maps each state of a loop to the loop's states, ``cycles``
    the entry of each loop to block()'s cycle through it."""
    total: dict[str, float] = {}
    following: dict[str, str | None] = {}
    for component in components:
        node = component[0]
        if node in cyclic:
            if node in bounded:
                _leave_bounded_loop(
                    component,
                    bounded[node],
                    cyclic[node],
                    successors,
                    costs,
                    terminal,
                    total,
                    following,
                )
                continue
            for name in component:
                total[name] = INF
                following[name] = None
            continue
        own = costs[node][1]
        best: float | None = own if node in terminal else None
        chosen: str | None = None
        for child in successors[node]:
            after = total.get(child)
            if after is not None and (best is None or own + after > best):
                best = own + after
                chosen = child
        if best is not None:
            total[node] = best
            following[node] = chosen
    if start not in total:
        return INF, ()
    path: list[str] = []
    step: str | None = start
    while step is not None:
        if step in bounded:
            cycle = bounded[step][1]
            at = cycle.index(step)
            for name in (*cycle[at:], *cycle[:at]):
                path.extend(costs[name][3])
            step = following[step]
            continue
        path.extend(costs[step][3])
        if step in cyclic:
            cycle = cycles.get(step) or _cycle_through(step, cyclic[step], successors)
            back = [*cycle[1:], step]
            path += [f"{label}{name}" for name in back] if label else back
            break
        step = following[step]
    return total[start], tuple(path)
