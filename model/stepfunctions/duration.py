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
from collections import deque
from collections.abc import Callable, Hashable, Mapping
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
    is_terminal,
    next_states,
    state_path,
    string_keyed_states,
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
    root = as_object(definition)
    if root is None:
        analyzer.note("The definition is not a JSON object; nothing to analyse")
        result = _Block(INF, INF, (), ())
    else:
        result = analyzer.block(root, "", "", 0)
    lo, hi = result.lo, result.hi
    cap = _whole_seconds(root.get("TimeoutSeconds")) if root is not None else None
    if cap is not None and 0 < cap < INF:
        if hi > cap:
            analyzer.note(f"Longest is capped by the state machine's TimeoutSeconds ({cap:g} s)")
        lo, hi = min(lo, cap), min(hi, cap)
    return DurationAnalysis(
        shortest=DurationBound(_finite(lo), result.lo_path),
        longest=DurationBound(_finite(hi), result.hi_path),
        loops=tuple(analyzer.loops),
        unbounded_tasks=tuple(analyzer.unbounded_tasks),
        notes=tuple(dict.fromkeys(analyzer.notes)),
        state_longest={name: _finite(hi) for name, hi in analyzer.costs.items()},
        unbounded_task_paths=tuple(analyzer.unbounded_tasks.values()),
        unbounded_waits=tuple(dict.fromkeys(analyzer.unbounded_waits)),
        bounded_loops=tuple(analyzer.bounded_loops),
    )


@dataclass(slots=True)
class _Block:
    """Bounds of one States block (or of one state), with their paths (never changed once
    made; not frozen, which would make each of the many made per analysis cost three times
    as much)."""

    lo: float
    hi: float
    lo_path: tuple[str, ...]
    hi_path: tuple[str, ...]


_ZERO = _Block(0.0, 0.0, (), ())


@dataclass
class _Analyzer:
    task_timeout: TaskTimeout | None
    default_task_timeout_s: float | None
    refs: Mapping[str, TaskRef]
    loops: list[tuple[str, ...]] = field(default_factory=list)
    bounded_loops: list[tuple[tuple[str, ...], int]] = field(default_factory=list)
    unbounded_tasks: dict[str, str] = field(default_factory=dict)
    unbounded_waits: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    costs: dict[str, float] = field(default_factory=dict)
    cost_log: list[tuple[str, float]] = field(default_factory=list)
    task_log: list[tuple[str, str]] = field(default_factory=list)
    timeout_log: list[tuple[TaskRef, float | None]] = field(default_factory=list)

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
        for key, value in effects[4]:
            self.costs[key] = value
        for readable, path in effects[5]:
            self.unbounded_tasks.setdefault(readable, path)

    def block(self, machine: JsonObject, label: str, prefix: str, depth: int) -> _Block:
        """Bounds of a States block; ``label`` prefixes readable names, ``prefix`` dotted paths."""
        if depth > MAX_NESTING:
            self.note(f"Nesting below '{label}' is too deep to analyse; treated as unbounded")
            return _Block(0.0, INF, (), ())
        states = string_keyed_states(machine)
        start = machine.get("StartAt")
        if not isinstance(start, str) or start not in states:
            where = f"'{label.rstrip('/')}'" if label else "the state machine"
            self.note(f"StartAt of {where} names no state; it cannot finish")
            return _Block(INF, INF, (), ())
        successors = {name: _successors(state, states) for name, state in states.items()}
        order = _breadth_first(start, successors)
        cost_of = self.state_cost if len(states) >= KEEP_STATE_COSTS_FROM else self.fresh_cost
        costs = {
            name: cost_of(name, states[name], label, state_path(prefix, name), depth)
            for name in order
        }
        components = _strongly_connected(order, successors)
        rank = {name: index for index, name in enumerate(order)}
        loop_members: dict[str, set[str]] = {}
        looping: list[list[str]] = []
        for component in components:
            if len(component) > 1 or component[0] in successors[component[0]]:
                loop_members.update(dict.fromkeys(component, set(component)))
                looping.append(component)
        bounded: dict[str, tuple[int, list[str]]] = {}
        cycles: dict[str, list[str]] = {}
        if len(looping) > 1:
            looping.sort(key=lambda c: min(rank[n] for n in c))
        for component in looping:
            entry = min(component, key=rank.__getitem__)
            members = loop_members[entry]
            cycle = cycles[entry] = _cycle_through(entry, members, successors)
            readable = tuple(f"{label}{name}" for name in cycle)
            simple = len(cycle) == len(component) and all(
                len([t for t in successors[n] if t in members]) == 1 for n in component
            )
            bound = count_bound(cycle, states, order) if simple else None
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
        terminal = {name for name in order if is_terminal(states[name])}
        lo, lo_path = _shortest(start, successors, costs, terminal, rank)
        hi, hi_path = _longest(
            start, components, loop_members, bounded, cycles, successors, costs, terminal, label
        )
        return _Block(lo, hi, lo_path, hi_path)

    def state_cost(self, name: str, state: JsonObject, label: str, path: str, depth: int) -> _Block:
        """The state's bounds, kept per state object with what working them out noted: an edit
        shares the states it leaves alone, so after an edit only the changed states and the
        blocks holding them are worked out again. A kept result stands while the Task timeouts
        it asked for are the same."""
        kept: dict[Hashable, Any] = _STATE_COSTS.get(state, dict)
        key = (name, label, path, depth, self.default_task_timeout_s)
        entry = kept.get(key)
        if entry is not None and all(self._timeout(ref) == value for ref, value in entry[1][6]):
            self._replay(entry[1])
            cost: _Block = entry[0]
            return cost
        marks = self._marks()
        cost = self.fresh_cost(name, state, label, path, depth)
        kept[key] = (cost, self._since(marks))
        return cost

    def fresh_cost(self, name: str, state: JsonObject, label: str, path: str, depth: int) -> _Block:
        """The state's bounds worked out now (what state_cost keeps)."""
        readable = f"{label}{name}"
        kind = state.get("Type")
        if kind == "Task":
            cost = self.task_cost(name, state, readable, path)
        elif kind == "Wait":
            cost = self.wait_cost(state, readable)
        elif kind == "Parallel":
            cost = self.parallel_cost(state, readable, path, depth)
        elif kind == "Map":
            cost = self.map_cost(state, readable, path, depth)
        else:
            only = (readable,)
            cost = _Block(0.0, 0.0, only, only)
        self.costs[readable] = cost.hi
        self.cost_log.append((readable, cost.hi))
        return cost

    def _timeout(self, ref: TaskRef) -> float | None:
        return _non_negative(self.task_timeout(ref)) if self.task_timeout is not None else None

    def wait_cost(self, state: JsonObject, readable: str) -> _Block:
        seconds = _whole_seconds(state.get("Seconds"))
        if seconds is not None and seconds >= 0:
            return _Block(seconds, seconds, (readable,), (readable,))
        self.unbounded_waits.append(readable)
        self.note(
            f"Wait '{readable}' waits for a time known only at run time; longest is unbounded"
        )
        return _Block(0.0, INF, (readable,), (readable,))

    def task_cost(self, name: str, state: JsonObject, readable: str, path: str) -> _Block:
        ref = self.refs.get(path) or make_task_ref(path, name, state)
        bound = ref.timeout_s
        if bound is None and self.task_timeout is not None:
            bound = self._timeout(ref)
            self.timeout_log.append((ref, bound))
        if bound is None:
            bound = self.default_task_timeout_s
        if bound is None:
            self.unbounded_tasks.setdefault(readable, path)
            self.task_log.append((readable, path))
            bound = INF
        return _Block(0.0, _with_retries(bound, state.get("Retry")), (readable,), (readable,))

    def parallel_cost(self, state: JsonObject, readable: str, path: str, depth: int) -> _Block:
        blocks = [
            self.block(
                sub.machine, f"{readable}/{sub.readable}/", f"{path}.{sub.field}.", depth + 1
            )
            for sub in sub_machines(state)
        ]
        if not blocks:
            return _Block(0.0, 0.0, (readable,), (readable,))
        slow_lo = max(blocks, key=lambda b: b.lo)
        slow_hi = max(blocks, key=lambda b: b.hi)
        return _Block(
            slow_lo.lo,
            _with_retries(slow_hi.hi, state.get("Retry")),
            (readable, *slow_lo.lo_path),
            (readable, *slow_hi.hi_path),
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
        lo = _repeat(iteration.lo, lo_rounds)
        hi = _repeat(iteration.hi, hi_rounds)
        return _Block(
            lo,
            _with_retries(hi, state.get("Retry")),
            (readable, *iteration.lo_path) if lo_rounds else (readable,),
            (readable, *iteration.hi_path) if hi_rounds else (readable,),
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
        obj = as_object(retrier)
        if obj is None:
            continue
        attempts = min(_int_or(obj.get("MaxAttempts"), 3, minimum=0), _MAX_ATTEMPTS)
        if attempts == 0:
            continue
        interval = _whole_seconds(obj.get("IntervalSeconds"))
        if interval is None or interval < 1:
            interval = 1.0
        rate = as_number(obj.get("BackoffRate"))
        backoff = min(rate, sys.float_info.max) if rate is not None and rate >= 1.0 else 2.0
        cap = _whole_seconds(obj.get("MaxDelaySeconds"))
        max_delay = cap if cap is not None and 0 < cap < INF else None
        total = attempt * (attempts + 1) + retry_delays(attempts, interval, backoff, max_delay)
        worst = max(worst, total)
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
    return as_number(value) if as_int(value) is not None else None


def _repeat(per_round: float, rounds: int) -> float:
    if rounds <= 0 or per_round == 0:
        return 0.0
    return per_round * (as_number(rounds) or INF)


def _int_or(value: object, default: int, minimum: int) -> int:
    number = as_int(value)
    return number if number is not None and number >= minimum else default


def _non_negative(value: object) -> float | None:
    number = as_number(value)
    return number if number is not None and 0 <= number < INF else None


def _finite(value: float) -> float | None:
    return None if math.isinf(value) else value


def _successors(state: JsonObject, states: Mapping[str, object]) -> list[str]:
    """The states of this block the state can move to, each once, in transitions() order."""
    found: list[str] = []
    for target in next_states(state):
        if target in states and target not in found:
            found.append(target)
    return found


def _breadth_first(start: str, successors: dict[str, list[str]]) -> list[str]:
    seen = {start: None}
    queue = deque([start])
    while queue:
        for target in successors[queue.popleft()]:
            if target not in seen:
                seen[target] = None
                queue.append(target)
    return list(seen)


def _strongly_connected(nodes: list[str], successors: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's algorithm without recursion (each open state keeps an iterator over its
    successors); components come out sinks first."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in nodes:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work = [(root, iter(successors[root]))]
        while work:
            node, children = work[-1]
            for child in children:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(successors[child])))
                    break
                if child in on_stack and index[child] < low[node]:
                    low[node] = index[child]
            else:
                work.pop()
                if low[node] == index[node]:
                    component: list[str] = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(component)
                if work:
                    parent = work[-1][0]
                    if low[node] < low[parent]:
                        low[parent] = low[node]
    return components


def _cycle_through(entry: str, members: set[str], successors: dict[str, list[str]]) -> list[str]:
    """The shortest cycle from ``entry`` back to itself inside one component."""
    parent: dict[str, str] = {}
    queue = deque([entry])
    seen = {entry}
    while queue:
        node = queue.popleft()
        for child in successors[node]:
            if child == entry:
                cycle = [node]
                while cycle[-1] != entry:
                    cycle.append(parent[cycle[-1]])
                return cycle[::-1]
            if child in members and child not in seen:
                seen.add(child)
                parent[child] = node
                queue.append(child)
    return [entry]


def _shortest(
    start: str,
    successors: dict[str, list[str]],
    costs: dict[str, _Block],
    terminal: set[str],
    rank: dict[str, int],
) -> tuple[float, tuple[str, ...]]:
    best = {start: costs[start].lo}
    previous: dict[str, str] = {}
    heap = [(best[start], rank[start], start)]
    done: set[str] = set()
    while heap:
        distance, _, node = heapq.heappop(heap)
        if node in done or math.isinf(distance):
            continue
        done.add(node)
        if node in terminal:
            chain = [node]
            while chain[-1] in previous:
                chain.append(previous[chain[-1]])
            path = tuple(step for name in reversed(chain) for step in costs[name].lo_path)
            return distance, path
        for child in successors[node]:
            candidate = distance + costs[child].lo
            if candidate < best.get(child, INF):
                best[child] = candidate
                previous[child] = node
                heapq.heappush(heap, (candidate, rank[child], child))
    return INF, ()


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
        if component[0] in bounded:
            passes, cycle = bounded[component[0]]
            loop_cost = _repeat(sum(costs[name].hi for name in cycle), passes)
            members = cyclic[component[0]]
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
            continue
        if component[0] in cyclic:
            for name in component:
                total[name] = INF
                following[name] = None
            continue
        node = component[0]
        own = costs[node].hi
        best: float | None = own if node in terminal else None
        chosen: str | None = None
        for child in successors[node]:
            if child in total and (best is None or own + total[child] > best):
                best = own + total[child]
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
                path.extend(costs[name].hi_path)
            step = following[step]
            continue
        path.extend(costs[step].hi_path)
        if step in cyclic:
            cycle = cycles.get(step) or _cycle_through(step, cyclic[step], successors)
            path.extend(f"{label}{name}" for name in (*cycle[1:], step))
            break
        step = following[step]
    return total[start], tuple(path)
