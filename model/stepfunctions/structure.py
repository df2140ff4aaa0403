"""Static checks of an Amazon States Language definition: what Step Functions would reject.

The rules follow the AWS Step Functions developer guide as of the JSONata/variables release
(QueryLanguage, Arguments, Output, Assign) and the Distributed Map fields (ItemReader,
ItemBatcher, ResultWriter, Label, tolerated failures). Anything AWS accepts must pass, so fields
whose exact shape AWS keeps extending (ReaderConfig, WriterConfig, BatchInput) are only type
checked, and ``${Name}`` DefinitionSubstitutions placeholders are accepted wherever a value goes.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from ._common import (
    JSONATA,
    JSONPATH,
    MAX_NESTING,
    QUERY_LANGUAGES,
    STATE_TYPES,
    TERMINAL_TYPES,
    JsonObject,
    as_int,
    as_list,
    as_number,
    as_object,
    is_jsonata,
    is_placeholder,
    next_states,
    state_path,
    sub_machines,
    transitions,
)
from .vocabulary import (
    BATCHER_FIELDS,
    BRANCH_FIELDS,
    CATCHER_FIELDS,
    COMPARATORS,
    JSONATA_INSTEAD,
    JSONATA_RULE_FIELDS,
    MAX_SECONDS,
    MAX_STATE_NAME,
    NEXTABLE,
    PROCESSOR_FIELDS,
    READER_FIELDS,
    RETRIER_COUNTS,
    RETRIER_FIELDS,
    RULE_COMBINATORS,
    STATE_FIELDS,
    STATIC,
    TIMESTAMP_RE,
    TOP_FIELDS,
    WRITER_FIELDS,
    Fields,
    allowed_fields,
)


@dataclass(frozen=True)
class AslProblem:
    """One reason Step Functions would reject the definition."""

    path: str
    """Dotted location, e.g. ``States.Resize.Next`` or ``States.Par.Branches[0].States.A``."""
    message: str


def check_structure(definition: object) -> list[AslProblem]:
    """Everything AWS would reject in a definition (deterministic order).

    Problems come in document order: top-level fields, then each state (its nested
    branches/processors right after it), then the graph checks of each States block.
    """
    checker = _Checker()
    checker.check_root(definition)
    return checker.problems


class _Scope:
    """One States block: the top level, a Parallel branch or a Map item processor.

    A plain class with slots: one is made per block of every definition checked."""

    __slots__ = ("prefix", "where", "names", "langs", "depth", "targets", "ends")

    def __init__(
        self, prefix: str, where: str, names: frozenset[str], langs: frozenset[str], depth: int
    ) -> None:
        self.prefix = prefix
        self.where = where
        self.names = names
        self.langs = langs
        """The languages of a state without its own QueryLanguage."""
        self.depth = depth
        self.targets: dict[str, list[str]] = {}
        """next_states() of each state that is an object, for the graph checks."""
        self.ends: set[str] = set()
        """Those states that are terminal or meant to be: End true or malformed (reported on
        its own, not as a cascade), a Succeed or a Fail state."""


class _Checker:
    __slots__ = ("problems", "top_language", "seen_names", "root", "all_names")

    def __init__(self) -> None:
        self.problems: list[AslProblem] = []
        self.top_language = JSONPATH
        self.seen_names: dict[str, str] = {}
        self.root: JsonObject = {}
        self.all_names: dict[str, str] | None = None
        """Every state name's first path, read only when a transition names no state."""

    def add(self, path: str, message: str) -> None:
        self.problems.append(AslProblem(path, message))

    def check_root(self, definition: object) -> None:
        root = as_object(definition)
        if root is None:
            self.add("", f"The definition must be a JSON object, not {_kind(definition)}")
            return
        language = root.get("QueryLanguage")
        if "QueryLanguage" in root and language not in QUERY_LANGUAGES:
            self.add(
                "QueryLanguage",
                f"Top-level QueryLanguage must be 'JSONPath' or 'JSONata', not {_show(language)}",
            )
        elif language == JSONATA:
            self.top_language = JSONATA
        if not TOP_FIELDS.issuperset(root):
            for key in root:
                if key not in TOP_FIELDS:
                    self.add(str(key), f"Top-level field '{key}' is not allowed in a state machine")
        if "Comment" in root and not isinstance(root["Comment"], str):
            self.add("Comment", "Top-level Comment must be a string")
        if "Version" in root and not isinstance(root["Version"], str):
            self.add("Version", "Top-level Version must be a string such as '1.0'")
        if "TimeoutSeconds" in root:
            self.int_field(
                "TimeoutSeconds",
                "The state machine",
                "TimeoutSeconds",
                root["TimeoutSeconds"],
                1,
                MAX_SECONDS,
                frozenset({JSONPATH}),
            )
        self.root = root
        self.check_machine(root, "", "The state machine", frozenset(), 0)

    def collect_names(
        self, names: dict[str, str], machine: JsonObject, prefix: str, depth: int
    ) -> None:
        if depth > MAX_NESTING:
            return
        for name, value in (as_object(machine.get("States")) or {}).items():
            if not isinstance(name, str):
                continue
            names.setdefault(name, state_path(prefix, name))
            state = as_object(value)
            if state is None:
                continue
            for sub in sub_machines(state):
                self.collect_names(
                    names, sub.machine, f"{state_path(prefix, name)}.{sub.field}.", depth + 1
                )

    def check_machine(
        self, machine: JsonObject, prefix: str, where: str, langs: frozenset[str], depth: int
    ) -> None:
        """Checks one States block; langs are those of the enclosing Parallel or Map state
        (none at the top level)."""
        start = machine.get("StartAt")
        if "StartAt" not in machine:
            self.add(f"{prefix}StartAt", f"{where} has no StartAt")
        elif not isinstance(start, str):
            self.add(f"{prefix}StartAt", f"{where}: StartAt must be a state name (a string)")
        states = as_object(machine.get("States"))
        if "States" not in machine:
            self.add(f"{prefix}States", f"{where} has no States")
            return
        if states is None:
            self.add(f"{prefix}States", f"{where}: States must be an object of named states")
            return
        if not states:
            self.add(f"{prefix}States", f"{where}: States is empty; at least one state is needed")
            return
        if not TOP_FIELDS.isdisjoint(states):
            states = self.misplaced_fields(states, prefix, where, depth)
        names = frozenset(states)
        if isinstance(start, str) and start not in names:
            self.add(
                f"{prefix}StartAt",
                f"{where}: StartAt names '{start}', which is not a state"
                + self.elsewhere_hint(start),
            )
        top = _ONLY[self.top_language]
        scope = _Scope(prefix, where, names, langs | top if langs else top, depth)
        for name, value in states.items():
            self.check_state(name, value, scope)
        self.check_graph(states, start if isinstance(start, str) else None, scope)

    def misplaced_fields(
        self, states: JsonObject, prefix: str, where: str, depth: int
    ) -> JsonObject:
        """States without the machine-level fields written inside States by mistake.

        A `QueryLanguage` (or `StartAt`, `TimeoutSeconds`, ...) inside States is one mistake,
        reported once; the rest is checked as if it stood where it belongs, so the states that
        rely on it do not each get an error of their own.
        """
        kept: JsonObject = {}
        for name, value in states.items():
            if name not in TOP_FIELDS or isinstance(value, dict):
                kept[name] = value
                continue
            owner = "state machine" if depth == 0 else "branch or item processor"
            self.add(
                f"{prefix}States.{name}",
                f"{where}: '{name}' belongs at the top level of the {owner}, not inside "
                "States (States holds only named states)",
            )
            if name == "QueryLanguage" and depth == 0 and value in QUERY_LANGUAGES:
                self.top_language = str(value)
        return kept

    def check_graph(self, states: JsonObject, start: str | None, scope: _Scope) -> None:
        targets = scope.targets
        if start is not None and start in targets:
            reached = _reachable(targets, start)
            if len(reached) < len(states):
                for name in states:
                    if isinstance(name, str) and name not in reached:
                        self.add(
                            state_path(scope.prefix, name),
                            f"State '{name}' is not reachable from StartAt '{start}'",
                        )
            stuck = scope.ends.isdisjoint(reached)
        else:
            stuck = not scope.ends
        if targets and stuck:
            self.add(
                f"{scope.prefix}States",
                f"{scope.where} has no reachable terminal state"
                " (a state with End: true, a Succeed or a Fail state)",
            )

    def elsewhere_hint(self, target: str) -> str:
        if self.all_names is None:
            self.all_names = {}
            self.collect_names(self.all_names, self.root, "", 0)
        other = self.all_names.get(target)
        if other is None:
            return ""
        return (
            f" in this States block (it is defined at {other}; states can only move to"
            " states of the same Parallel branch, Map processor or top level)"
        )

    def check_state(self, name: object, value: object, scope: _Scope) -> None:
        """Each check runs only when a field it reads is there (Next/End: unless the state
        has a plain Next), as most states have few of the fields and pass the checks."""
        if not isinstance(name, str):
            self.add(
                f"{scope.prefix}States", f"{scope.where}: state name {_show(name)} is not a string"
            )
            return
        path = f"{scope.prefix}States.{name}"
        if name == "":
            self.add(path, f"{scope.where}: a state has an empty name")
        elif len(name) > MAX_STATE_NAME:
            self.add(
                path,
                f"State name '{name}' is {len(name)} characters long;"
                f" the limit is {MAX_STATE_NAME}",
            )
        if name in self.seen_names:
            self.add(
                path,
                f"State name '{name}' is also used at {self.seen_names[name]};"
                " names must be unique across the whole state machine",
            )
        else:
            self.seen_names[name] = path
        if not isinstance(value, dict):
            self.add(path, f"State '{name}' must be a JSON object, not {_kind(value)}")
            return
        state: JsonObject = value
        label = f"State '{name}'"
        langs = (
            self.state_languages(state, path, label, scope)
            if "QueryLanguage" in state
            else scope.langs
        )
        given = state.get("Type")
        kind = given if isinstance(given, str) and given in STATE_TYPES else None
        if kind is None:
            if "Type" not in state:
                self.add(f"{path}.Type", f"{label} has no Type")
            elif given not in STATE_TYPES:
                self.add(
                    f"{path}.Type",
                    f"{label} has unknown Type {_show(given)};"
                    f" expected one of {', '.join(STATE_TYPES)}",
                )
        if "Comment" in state and not isinstance(state["Comment"], str):
            self.add(f"{path}.Comment", f"{label}: Comment must be a string")
        target = state.get("Next")
        if given != "Choice" and "Catch" not in state:
            targets = [target] if isinstance(target, str) else []
        else:
            targets = next_states(state)
        scope.targets[name] = targets
        if kind in TERMINAL_TYPES or ("End" in state and state["End"] is not False):
            scope.ends.add(name)
        if kind is None:
            if not scope.names.issuperset(targets):
                self.check_transitions(state, path, label, scope)
            return
        if not allowed_fields(kind, langs).issuperset(state):
            self.check_allowed_fields(state, kind, path, label, langs)
        if kind in NEXTABLE and ("End" in state or not isinstance(target, str)):
            self.check_next_end(state, path, label)
        if not scope.names.issuperset(targets):
            self.check_transitions(state, path, label, scope)
        if not _VALUE_FIELD_SET.isdisjoint(state):
            self.check_common_values(state, path, label)
        if kind == "Task":
            self.check_task(state, path, label, langs)
        elif kind == "Wait":
            self.check_wait(state, path, label, langs)
        elif kind == "Choice":
            self.check_choice(state, path, label, langs)
        elif kind == "Fail":
            self.check_fail(state, path, label)
        elif kind == "Parallel":
            self.check_parallel(state, name, path, label, langs, scope)
        elif kind == "Map":
            self.check_map(state, name, path, label, langs, scope)
        if kind in _RECOVERING:
            if "Retry" in state:
                self.check_retry(state, path, label)
            if "Catch" in state:
                self.check_catch(state, path, label, langs)

    def state_languages(
        self, state: JsonObject, path: str, label: str, scope: _Scope
    ) -> frozenset[str]:
        """The query languages the state may be read in.

        Whether a nested state without QueryLanguage follows the top level or its enclosing
        Parallel/Map state is not pinned down (statelint uses the enclosing state), so fields of
        either language are accepted there rather than risk rejecting what AWS takes.
        """
        own = state.get("QueryLanguage")
        if "QueryLanguage" in state and own not in QUERY_LANGUAGES:
            self.add(
                f"{path}.QueryLanguage",
                f"{label}: QueryLanguage must be 'JSONPath' or 'JSONata', not {_show(own)}",
            )
        elif own == JSONPATH and self.top_language == JSONATA:
            self.add(
                f"{path}.QueryLanguage",
                f"{label} sets QueryLanguage 'JSONPath', but the state machine's top-level"
                " QueryLanguage is 'JSONata'; JSONPath states are only allowed when the top"
                " level uses JSONPath",
            )
        if isinstance(own, str) and own in QUERY_LANGUAGES:
            return _ONLY[own]
        return scope.langs

    def check_allowed_fields(
        self, state: JsonObject, kind: str, path: str, label: str, langs: frozenset[str]
    ) -> None:
        fields = STATE_FIELDS[kind]
        allowed = allowed_fields(kind, langs)
        for key in state:
            if key in allowed:
                continue
            if not isinstance(key, str):
                self.add(path, f"{label} has a non-string field name {_show(key)}")
                continue
            if key in fields.jsonpath:
                instead = JSONATA_INSTEAD.get(key)
                hint = f"; use {instead} instead" if instead else ""
                self.add(
                    f"{path}.{key}",
                    f"{label} uses the JSONPath-only field '{key}', but its QueryLanguage is"
                    f" JSONata{hint}",
                )
            elif key in fields.jsonata:
                self.add(
                    f"{path}.{key}",
                    f"{label} uses the JSONata-only field '{key}', but its QueryLanguage is"
                    " JSONPath (set QueryLanguage to 'JSONata' on the state or the machine)",
                )
            elif key in ("Next", "End") and kind == "Choice":
                self.add(
                    f"{path}.{key}",
                    f"{label} is a Choice state and cannot have '{key}';"
                    " use Choices[].Next and Default",
                )
            elif key in ("Next", "End") and kind in TERMINAL_TYPES:
                self.add(
                    f"{path}.{key}",
                    f"{label} is a {kind} state, which always ends the execution;"
                    f" '{key}' is not allowed",
                )
            else:
                self.add(
                    f"{path}.{key}", f"{label}: field '{key}' is not allowed in a {kind} state"
                )

    def check_next_end(self, state: JsonObject, path: str, label: str) -> None:
        has_next, has_end = "Next" in state, "End" in state
        end = state.get("End")
        if has_end and not isinstance(end, bool):
            self.add(f"{path}.End", f"{label}: End must be true or false, not {_show(end)}")
        if has_next and not isinstance(state["Next"], str):
            self.add(f"{path}.Next", f"{label}: Next must be a state name (a string)")
        if has_next and has_end:
            self.add(f"{path}.End", f"{label} has both Next and End; use exactly one of them")
        elif not has_next and (end is False or not has_end):
            self.add(
                path,
                f"{label} has neither Next nor End: true; every {state['Type']} state must"
                " either move to a Next state or end the execution",
            )

    def check_transitions(self, state: JsonObject, path: str, label: str, scope: _Scope) -> None:
        """The transitions that name no state, with their field paths (check_state has found
        that some do)."""
        for suffix, target in transitions(state):
            if target not in scope.names:
                what = suffix.replace(".Next", " Next")
                self.add(
                    f"{path}.{suffix}",
                    f"{label}: {what} names '{target}', which is not a state"
                    + self.elsewhere_hint(target),
                )

    def check_common_values(self, state: JsonObject, path: str, label: str) -> None:
        """The state's _VALUE_FIELDS in that order (a state usually has one, so no sort)."""
        present = _VALUE_FIELD_SET.intersection(state)
        for key in sorted(present, key=_VALUE_FIELDS.index) if len(present) > 1 else present:
            value = state[key]
            if key in _PATH_FIELDS:
                if value is not None and not isinstance(value, str):
                    self.add(f"{path}.{key}", f"{label}: {key} must be a path string or null")
            elif isinstance(value, dict):
                continue
            elif key == "Assign":
                self.add(f"{path}.Assign", f"{label}: Assign must be an object of variable names")
            elif is_jsonata(value) or is_placeholder(value):
                continue
            elif key == "Arguments":
                self.add(
                    f"{path}.Arguments",
                    f"{label}: Arguments must be an object or a {{% %}} expression",
                )
            else:
                self.add(f"{path}.{key}", f"{label}: {key} must be an object")

    def check_task(self, state: JsonObject, path: str, label: str, langs: frozenset[str]) -> None:
        if "Resource" not in state:
            self.add(f"{path}.Resource", f"{label} is a Task state and needs a Resource")
        elif not isinstance(state["Resource"], str) or not state["Resource"]:
            self.add(f"{path}.Resource", f"{label}: Resource must be a non-empty ARN string")
        if "Credentials" in state and not _object_or_dynamic(state["Credentials"]):
            self.add(f"{path}.Credentials", f"{label}: Credentials must be an object")
        if _TIMER_FIELDS.isdisjoint(state):
            return
        timeout = self.timer(state, path, label, "TimeoutSeconds", "TimeoutSecondsPath", langs)
        heartbeat = self.timer(
            state, path, label, "HeartbeatSeconds", "HeartbeatSecondsPath", langs
        )
        if timeout is not None and heartbeat is not None and heartbeat >= timeout:
            self.add(
                f"{path}.HeartbeatSeconds",
                f"{label}: HeartbeatSeconds ({heartbeat}) must be lower than"
                f" TimeoutSeconds ({timeout})",
            )

    def timer(
        self,
        state: JsonObject,
        path: str,
        label: str,
        key: str,
        path_key: str,
        langs: frozenset[str],
    ) -> int | None:
        if key in state and path_key in state:
            self.add(
                f"{path}.{path_key}",
                f"{label} sets both {key} and {path_key}; use only one of them",
            )
        if path_key in state and not isinstance(state[path_key], str):
            self.add(f"{path}.{path_key}", f"{label}: {path_key} must be a reference path string")
        if key not in state:
            return None
        value = state[key]
        if type(value) is int and 1 <= value <= MAX_SECONDS:
            return value
        self.int_field(f"{path}.{key}", label, key, value, 1, MAX_SECONDS, langs)
        return as_int(value)

    def check_wait(self, state: JsonObject, path: str, label: str, langs: frozenset[str]) -> None:
        if len(_WAIT_FIELDS.intersection(state)) != 1:
            keys = [
                k for k in ("Seconds", "Timestamp", "SecondsPath", "TimestampPath") if k in state
            ]
            found = ", ".join(keys) if keys else "none"
            self.add(
                path,
                f"{label} is a Wait state and needs exactly one of Seconds, Timestamp,"
                f" SecondsPath or TimestampPath (found: {found})",
            )
        seconds = state.get("Seconds")
        if "Seconds" in state and not (type(seconds) is int and 0 <= seconds <= MAX_SECONDS):
            self.int_field(f"{path}.Seconds", label, "Seconds", seconds, 0, MAX_SECONDS, langs)
        if "Timestamp" in state:
            stamp = state["Timestamp"]
            dynamic = _dynamic(stamp, langs)
            if not dynamic and not (isinstance(stamp, str) and TIMESTAMP_RE.match(stamp)):
                self.add(
                    f"{path}.Timestamp",
                    f"{label}: Timestamp must be an RFC 3339 time such as"
                    f" '2026-01-31T12:00:00Z', not {_show(stamp)}",
                )
        for key in ("SecondsPath", "TimestampPath"):
            if key in state and not isinstance(state[key], str):
                self.add(f"{path}.{key}", f"{label}: {key} must be a reference path string")

    def check_fail(self, state: JsonObject, path: str, label: str) -> None:
        for key in ("Error", "Cause"):
            path_key = f"{key}Path"
            if key in state and path_key in state:
                self.add(f"{path}.{path_key}", f"{label} sets both {key} and {path_key}")
            for item in (key, path_key):
                if item in state and not isinstance(state[item], str):
                    self.add(f"{path}.{item}", f"{label}: {item} must be a string")

    def check_choice(self, state: JsonObject, path: str, label: str, langs: frozenset[str]) -> None:
        if "Default" in state and not isinstance(state["Default"], str):
            self.add(f"{path}.Default", f"{label}: Default must be a state name (a string)")
        if "Choices" not in state:
            self.add(f"{path}.Choices", f"{label} is a Choice state and needs Choices")
            return
        rules = state["Choices"]
        if not isinstance(rules, list) or not rules:
            self.add(f"{path}.Choices", f"{label}: Choices must be a non-empty array of rules")
            return
        for index, rule in enumerate(rules):
            self.check_rule(
                rule, f"{path}.Choices[{index}]", f"{label} Choices[{index}]", langs, True, 0
            )

    def check_rule(
        self,
        rule: object,
        path: str,
        label: str,
        langs: frozenset[str],
        top: bool,
        depth: int,
    ) -> None:
        if not isinstance(rule, dict):
            self.add(path, f"{label} must be an object")
            return
        obj: JsonObject = rule
        if depth > MAX_NESTING:
            return
        if top:
            if "Next" not in obj:
                self.add(f"{path}.Next", f"{label} has no Next")
            elif not isinstance(obj["Next"], str):
                self.add(f"{path}.Next", f"{label}: Next must be a state name (a string)")
            if "Assign" in obj and as_object(obj["Assign"]) is None:
                self.add(f"{path}.Assign", f"{label}: Assign must be an object")
        elif "Next" in obj:
            self.add(f"{path}.Next", f"{label}: only top-level Choices rules can have Next")
        if "Condition" in obj or (JSONATA in langs and JSONPATH not in langs):
            self.check_jsonata_rule(obj, path, label, langs, top)
        else:
            self.check_jsonpath_rule(obj, path, label, langs, top, depth)

    def check_jsonata_rule(
        self, rule: JsonObject, path: str, label: str, langs: frozenset[str], top: bool
    ) -> None:
        if JSONATA not in langs:
            self.add(
                f"{path}.Condition",
                f"{label} uses Condition, which needs QueryLanguage 'JSONata'",
            )
        for key in rule:
            if key not in JSONATA_RULE_FIELDS or (not top and key in ("Output", "Assign")):
                self.add(
                    f"{path}.{key}", f"{label}: field '{key}' is not allowed in a JSONata rule"
                )
        if "Condition" not in rule:
            self.add(f"{path}.Condition", f"{label} has no Condition")
        elif not isinstance(rule["Condition"], str | bool):
            self.add(f"{path}.Condition", f"{label}: Condition must be a {{% %}} expression")

    def check_jsonpath_rule(
        self,
        rule: JsonObject,
        path: str,
        label: str,
        langs: frozenset[str],
        top: bool,
        depth: int,
    ) -> None:
        """A rule's tests are read as a set when there is one (the usual case), in document
        order when there are more or none."""
        allowed = _TOP_RULE_FIELDS if top else _RULE_FIELDS
        if not allowed.issuperset(rule):
            for key in rule:
                if key not in allowed:
                    self.add(
                        f"{path}.{key}", f"{label}: field '{key}' is not allowed in a Choice rule"
                    )
        tests: Collection[str] = _RULE_TESTS.intersection(rule)
        if len(tests) != 1:
            tests = [k for k in rule if k in _RULE_TESTS]
            found = ", ".join(str(k) for k in tests) if tests else "none"
            self.add(
                path,
                f"{label} needs exactly one comparison (e.g. StringEquals) or And/Or/Not"
                f" (found: {found})",
            )
        for key in tests:
            value = rule[key]
            if key in ("And", "Or"):
                items = as_list(value)
                if not items:
                    self.add(f"{path}.{key}", f"{label}: {key} must be a non-empty array of rules")
                    continue
                for index, item in enumerate(items):
                    self.check_rule(
                        item,
                        f"{path}.{key}[{index}]",
                        f"{label}.{key}[{index}]",
                        langs,
                        False,
                        depth + 1,
                    )
            elif key == "Not":
                self.check_rule(value, f"{path}.Not", f"{label}.Not", langs, False, depth + 1)
            else:
                if "Variable" not in rule:
                    self.add(f"{path}.Variable", f"{label} compares with {key} but has no Variable")
                elif not isinstance(rule["Variable"], str):
                    self.add(f"{path}.Variable", f"{label}: Variable must be a path string")
                if not _comparator_value_ok(COMPARATORS[key], value):
                    self.add(
                        f"{path}.{key}",
                        f"{label}: {key} needs a {COMPARATORS[key]} value, not {_show(value)}",
                    )

    def check_parallel(
        self,
        state: JsonObject,
        name: str,
        path: str,
        label: str,
        langs: frozenset[str],
        scope: _Scope,
    ) -> None:
        if "Branches" not in state:
            self.add(f"{path}.Branches", f"{label} is a Parallel state and needs Branches")
            return
        branches = as_list(state["Branches"])
        if branches is None or not branches:
            self.add(f"{path}.Branches", f"{label}: Branches must be a non-empty array")
            return
        for index, branch in enumerate(branches):
            where = f"Parallel state '{name}' branch {index}"
            branch_path = f"{path}.Branches[{index}]"
            obj = as_object(branch)
            if obj is None:
                self.add(branch_path, f"{where} must be an object with StartAt and States")
                continue
            self.check_sub_machine(obj, branch_path, where, BRANCH_FIELDS, langs, scope)

    def check_sub_machine(
        self,
        machine: JsonObject,
        path: str,
        where: str,
        allowed: frozenset[str],
        langs: frozenset[str],
        scope: _Scope,
    ) -> None:
        if scope.depth >= MAX_NESTING:
            self.add(path, f"{where} is nested more than {MAX_NESTING} levels deep")
            return
        for key in machine:
            if key not in allowed:
                self.add(f"{path}.{key}", f"{where}: field '{key}' is not allowed here")
        if "Comment" in machine and not isinstance(machine["Comment"], str):
            self.add(f"{path}.Comment", f"{where}: Comment must be a string")
        self.check_machine(machine, f"{path}.", where, langs, scope.depth + 1)

    def check_map(
        self,
        state: JsonObject,
        name: str,
        path: str,
        label: str,
        langs: frozenset[str],
        scope: _Scope,
    ) -> None:
        present: list[str] = [k for k in ("ItemProcessor", "Iterator") if k in state]
        if not present:
            self.add(
                f"{path}.ItemProcessor",
                f"{label} is a Map state and needs an ItemProcessor (or the older Iterator)",
            )
        elif len(present) == 2:
            self.add(f"{path}.Iterator", f"{label} sets both ItemProcessor and Iterator")
        for key in present[:1]:
            processor = as_object(state[key])
            where = f"Map state '{name}' {key}"
            if processor is None:
                self.add(f"{path}.{key}", f"{where} must be an object with StartAt and States")
                continue
            allowed = PROCESSOR_FIELDS if key == "ItemProcessor" else BRANCH_FIELDS
            if key == "ItemProcessor":
                self.check_processor_config(processor, f"{path}.{key}", label)
            self.check_sub_machine(processor, f"{path}.{key}", where, allowed, langs, scope)
        for counter in ("MaxConcurrency", "ToleratedFailureCount"):
            self.pair(state, path, label, counter)
            if counter in state:
                self.int_field(f"{path}.{counter}", label, counter, state[counter], 0, None, langs)
        self.pair(state, path, label, "ToleratedFailurePercentage")
        if "ToleratedFailurePercentage" in state:
            value = state["ToleratedFailurePercentage"]
            percentage = as_number(value)
            if not _dynamic(value, langs) and not (
                percentage is not None and 0 <= percentage <= 100
            ):
                self.add(
                    f"{path}.ToleratedFailurePercentage",
                    f"{label}: ToleratedFailurePercentage must be a number from 0 to 100,"
                    f" not {_show(value)}",
                )
        if "Label" in state and not isinstance(state["Label"], str):
            self.add(f"{path}.Label", f"{label}: Label must be a string")
        if "ItemsPath" in state and not isinstance(state["ItemsPath"], str):
            self.add(f"{path}.ItemsPath", f"{label}: ItemsPath must be a path string")
        if "Items" in state and not (
            isinstance(state["Items"], list) or _dynamic(state["Items"], langs)
        ):
            self.add(f"{path}.Items", f"{label}: Items must be an array or a {{% %}} expression")
        self.check_map_part(state, path, label, "ItemReader", READER_FIELDS, langs)
        self.check_map_part(state, path, label, "ResultWriter", WRITER_FIELDS, langs)
        self.check_map_part(state, path, label, "ItemBatcher", BATCHER_FIELDS, langs)

    def pair(self, state: JsonObject, path: str, label: str, key: str) -> None:
        if key in state and f"{key}Path" in state:
            self.add(f"{path}.{key}Path", f"{label} sets both {key} and {key}Path")

    def check_processor_config(self, processor: JsonObject, path: str, label: str) -> None:
        if "ProcessorConfig" not in processor:
            return
        config = as_object(processor["ProcessorConfig"])
        where = f"{path}.ProcessorConfig"
        if config is None:
            self.add(where, f"{label}: ProcessorConfig must be an object")
            return
        for key in config:
            if key not in ("Mode", "ExecutionType"):
                self.add(f"{where}.{key}", f"{label}: ProcessorConfig field '{key}' is not allowed")
        mode = config.get("Mode")
        if "Mode" in config and mode not in ("INLINE", "DISTRIBUTED"):
            self.add(
                f"{where}.Mode", f"{label}: ProcessorConfig.Mode must be INLINE or DISTRIBUTED"
            )
        execution = config.get("ExecutionType")
        if "ExecutionType" in config and execution not in ("STANDARD", "EXPRESS"):
            self.add(
                f"{where}.ExecutionType",
                f"{label}: ProcessorConfig.ExecutionType must be STANDARD or EXPRESS",
            )
        if mode == "DISTRIBUTED" and "ExecutionType" not in config:
            self.add(
                f"{where}.ExecutionType",
                f"{label}: a DISTRIBUTED Map needs ProcessorConfig.ExecutionType"
                " (STANDARD or EXPRESS)",
            )

    def check_map_part(
        self,
        state: JsonObject,
        path: str,
        label: str,
        key: str,
        fields: Fields,
        langs: frozenset[str],
    ) -> None:
        if key not in state:
            return
        part = as_object(state[key])
        where = f"{path}.{key}"
        if part is None:
            self.add(where, f"{label}: {key} must be an object")
            return
        for item in part:
            if item in fields.both:
                continue
            if (JSONPATH in langs and item in fields.jsonpath) or (
                JSONATA in langs and item in fields.jsonata
            ):
                continue
            if item in fields.jsonpath or item in fields.jsonata:
                language = "JSONPath" if item in fields.jsonpath else "JSONata"
                self.add(
                    f"{where}.{item}",
                    f"{label}: {key}.{item} is {language}-only and does not match the state's"
                    " QueryLanguage",
                )
            else:
                self.add(f"{where}.{item}", f"{label}: {key} field '{item}' is not allowed")
        if key == "ItemReader":
            if "Resource" not in part:
                self.add(f"{where}.Resource", f"{label}: ItemReader needs a Resource")
            config = part.get("ReaderConfig")
            if "ReaderConfig" in part and as_object(config) is None:
                self.add(
                    f"{where}.ReaderConfig", f"{label}: ItemReader.ReaderConfig must be an object"
                )
            reader_config = as_object(config) or {}
            if "MaxItems" in reader_config:
                self.int_field(
                    f"{where}.ReaderConfig.MaxItems",
                    label,
                    "ItemReader.ReaderConfig.MaxItems",
                    reader_config["MaxItems"],
                    0,
                    100_000_000,
                    langs,
                )
        if "Resource" in part and not isinstance(part["Resource"], str):
            self.add(f"{where}.Resource", f"{label}: {key}.Resource must be an ARN string")
        if key == "ItemBatcher":
            for item in ("MaxItemsPerBatch", "MaxInputBytesPerBatch"):
                if item in part:
                    self.int_field(
                        f"{where}.{item}", label, f"ItemBatcher.{item}", part[item], 1, None, langs
                    )

    def check_retry(self, state: JsonObject, path: str, label: str) -> None:
        if "Retry" not in state:
            return
        retriers = state["Retry"]
        if not isinstance(retriers, list):
            self.add(f"{path}.Retry", f"{label}: Retry must be an array of retriers")
            return
        for index, obj in enumerate(retriers):
            where = f"{path}.Retry[{index}]"
            who = f"{label} Retry[{index}]"
            if not isinstance(obj, dict):
                self.add(where, f"{who} must be an object")
                continue
            if not RETRIER_FIELDS.issuperset(obj):
                for key in obj:
                    if key not in RETRIER_FIELDS:
                        self.add(
                            f"{where}.{key}", f"{who}: field '{key}' is not allowed in a retrier"
                        )
            self.check_error_equals(obj, where, who, index, len(retriers), "retrier")
            for key, minimum, maximum in RETRIER_COUNTS:
                if key not in obj:
                    continue
                count = obj[key]
                if type(count) is not int or not minimum <= count <= maximum:
                    self.int_field(f"{where}.{key}", who, key, count, minimum, maximum, STATIC)
            if "BackoffRate" in obj:
                rate = obj["BackoffRate"]
                number = as_number(rate)
                if not is_placeholder(rate) and not (number is not None and number >= 1.0):
                    self.add(
                        f"{where}.BackoffRate",
                        f"{who}: BackoffRate must be a number >= 1.0, not {_show(rate)}",
                    )
            if "JitterStrategy" in obj and obj["JitterStrategy"] not in ("FULL", "NONE"):
                self.add(
                    f"{where}.JitterStrategy",
                    f"{who}: JitterStrategy must be FULL or NONE, not {_show(obj['JitterStrategy'])}",
                )

    def check_catch(self, state: JsonObject, path: str, label: str, langs: frozenset[str]) -> None:
        if "Catch" not in state:
            return
        catchers = as_list(state["Catch"])
        if catchers is None:
            self.add(f"{path}.Catch", f"{label}: Catch must be an array of catchers")
            return
        for index, catcher in enumerate(catchers):
            where = f"{path}.Catch[{index}]"
            who = f"{label} Catch[{index}]"
            obj = as_object(catcher)
            if obj is None:
                self.add(where, f"{who} must be an object")
                continue
            for key in obj:
                if key in CATCHER_FIELDS.both:
                    continue
                if (JSONPATH in langs and key in CATCHER_FIELDS.jsonpath) or (
                    JSONATA in langs and key in CATCHER_FIELDS.jsonata
                ):
                    continue
                if key in CATCHER_FIELDS.jsonpath:
                    self.add(
                        f"{where}.{key}",
                        f"{who} uses the JSONPath-only field '{key}' in a JSONata state;"
                        " use Output or Assign instead",
                    )
                elif key in CATCHER_FIELDS.jsonata:
                    self.add(
                        f"{where}.{key}",
                        f"{who} uses the JSONata-only field '{key}' in a JSONPath state",
                    )
                else:
                    self.add(f"{where}.{key}", f"{who}: field '{key}' is not allowed in a catcher")
            self.check_error_equals(obj, where, who, index, len(catchers), "catcher")
            if "Next" not in obj:
                self.add(f"{where}.Next", f"{who} has no Next")
            elif not isinstance(obj["Next"], str):
                self.add(f"{where}.Next", f"{who}: Next must be a state name (a string)")
            if (
                "ResultPath" in obj
                and obj["ResultPath"] is not None
                and not isinstance(obj["ResultPath"], str)
            ):
                self.add(f"{where}.ResultPath", f"{who}: ResultPath must be a path string or null")
            if "Assign" in obj and as_object(obj["Assign"]) is None:
                self.add(f"{where}.Assign", f"{who}: Assign must be an object")

    def check_error_equals(
        self, obj: JsonObject, where: str, who: str, index: int, count: int, kind: str
    ) -> None:
        if "ErrorEquals" not in obj:
            self.add(f"{where}.ErrorEquals", f"{who} has no ErrorEquals")
            return
        errors = obj["ErrorEquals"]
        if not isinstance(errors, list) or not _error_names(errors):
            self.add(
                f"{where}.ErrorEquals",
                f"{who}: ErrorEquals must be a non-empty array of error names",
            )
            return
        if "States.ALL" in errors:
            if len(errors) != 1:
                self.add(
                    f"{where}.ErrorEquals",
                    f"{who}: States.ALL must appear alone in its ErrorEquals",
                )
            if index != count - 1:
                self.add(
                    f"{where}.ErrorEquals",
                    f"{who}: States.ALL must be in the last {kind}; later {kind}s could never"
                    " match",
                )

    def int_field(
        self,
        path: str,
        label: str,
        key: str,
        value: object,
        minimum: int,
        maximum: int | None,
        langs: frozenset[str],
    ) -> None:
        """Reports a value that is not a whole number from minimum to maximum (placeholders
        and, in JSONata states, expressions pass). The hot callers test for a plain int in
        range first, which needs no call."""
        if _dynamic(value, langs):
            return
        number = as_int(value)
        if number is not None and number >= minimum and (maximum is None or number <= maximum):
            return
        if minimum == 0:
            what = "a non-negative integer"
        elif minimum == 1:
            what = "a positive integer"
        else:
            what = f"an integer >= {minimum}"
        limit = f" no larger than {maximum}" if maximum is not None else ""
        self.add(path, f"{label}: {key} must be {what}{limit}, not {_show(value)}")


def _reachable(targets: dict[str, list[str]], start: str) -> dict[str, None]:
    """The states reachable from start (breadth first: a list is the queue)."""
    seen = {start: None}
    queue = [start]
    for current in queue:
        for target in targets[current]:
            if target in targets and target not in seen:
                seen[target] = None
                queue.append(target)
    return seen


def _error_names(errors: list[object]) -> bool:
    """A non-empty list of non-empty strings."""
    for error in errors:
        if not isinstance(error, str) or not error:
            return False
    return bool(errors)


_ONLY = {language: frozenset({language}) for language in QUERY_LANGUAGES}
"""One frozenset per query language, so a state's languages are not built anew each time."""
_RECOVERING = ("Task", "Parallel", "Map")
"""The state types that may have Retry and Catch."""
_VALUE_FIELDS = (
    "InputPath",
    "OutputPath",
    "ResultPath",
    "Assign",
    "Parameters",
    "ResultSelector",
    "ItemSelector",
    "Arguments",
)
"""The fields check_common_values reads, in the order of its findings."""
_VALUE_FIELD_SET = frozenset(_VALUE_FIELDS)
_PATH_FIELDS = frozenset(_VALUE_FIELDS[:3])
_TIMER_FIELDS = frozenset(
    {"TimeoutSeconds", "TimeoutSecondsPath", "HeartbeatSeconds", "HeartbeatSecondsPath"}
)
_WAIT_FIELDS = frozenset({"Seconds", "Timestamp", "SecondsPath", "TimestampPath"})
_RULE_TESTS = frozenset(COMPARATORS) | frozenset(RULE_COMBINATORS)
_RULE_FIELDS = _RULE_TESTS | {"Variable", "Comment", "Next"}
"""Next is reported by check_rule when a nested rule has it, not as an unknown field."""
_TOP_RULE_FIELDS = _RULE_FIELDS | {"Assign"}


def _dynamic(value: object, langs: frozenset[str]) -> bool:
    """Values only known at deploy time (placeholders) or run time (JSONata expressions)."""
    return is_placeholder(value) or (JSONATA in langs and is_jsonata(value))


def _object_or_dynamic(value: object) -> bool:
    return isinstance(value, dict) or is_jsonata(value) or is_placeholder(value)


def _comparator_value_ok(expected: str, value: object) -> bool:
    """Whether the value fits the comparison; a placeholder fits any (and is a string)."""
    if expected == "number":
        fits = as_number(value) is not None
    elif expected == "boolean":
        fits = isinstance(value, bool)
    elif expected == "timestamp":
        fits = isinstance(value, str) and TIMESTAMP_RE.match(value) is not None
    else:
        return isinstance(value, str)
    return fits or is_placeholder(value)


def _show(value: object) -> str:
    """A short repr for messages: values can be arbitrarily large or deeply nested."""
    try:
        text = repr(value)
    except (ValueError, RecursionError):
        return "<unprintable value>"
    return text if len(text) <= 60 else f"{text[:57]}..."


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    return type(value).__name__
