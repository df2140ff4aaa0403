"""Intrinsic functions of a template: evaluated where the template says enough (parameter
defaults, mappings, conditions), references to other resources collected, and cycles refused."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from model.mapping.errors import ImportFailure

if TYPE_CHECKING:
    import networkx as nx

_SUB_VARIABLE = re.compile(r"\$\{([^!}][^}]*)\}")
PSEUDO_PARAMETERS = frozenset(
    {
        "AWS::AccountId",
        "AWS::NotificationARNs",
        "AWS::NoValue",
        "AWS::Partition",
        "AWS::Region",
        "AWS::StackId",
        "AWS::StackName",
        "AWS::URLSuffix",
    }
)


class Unresolved(Exception):
    """A value the template does not fix (a resource attribute, a parameter without default)."""


class _NoValue:
    def __repr__(self) -> str:
        return "AWS::NoValue"


NO_VALUE = _NoValue()


@dataclass(frozen=True)
class Reference:
    """A reference from one place of the template to a resource (attribute '' for Ref)."""

    logical_id: str
    attribute: str = ""


def is_intrinsic(value: Any) -> bool:
    return (
        isinstance(value, dict)
        and len(value) == 1
        and next(iter(value)) in ("Ref", "Condition")
        or isinstance(value, dict)
        and len(value) == 1
        and str(next(iter(value))).startswith("Fn::")
    )


class Resolver:
    """Evaluates intrinsics of one template; resources' attributes stay unresolved."""

    def __init__(self, template: dict[str, Any]) -> None:
        self.parameters: dict[str, Any] = _mapping(template.get("Parameters"))
        self.mappings: dict[str, Any] = _mapping(template.get("Mappings"))
        self.conditions: dict[str, Any] = _mapping(template.get("Conditions"))
        self.resources: dict[str, Any] = _mapping(template.get("Resources"))
        self._condition_values: dict[str, bool] = {}
        self._evaluating: list[str] = []

    # ---- evaluation -----------------------------------------------------------------------
    def value(self, value: Any) -> Any:
        """The literal value, with every intrinsic evaluated; raises Unresolved."""
        if isinstance(value, dict):
            if is_intrinsic(value):
                ((name, argument),) = value.items()
                return self._function(name, argument)
            result = {}
            for key, item in value.items():
                resolved = self.value(item)
                if resolved is not NO_VALUE:
                    result[key] = resolved
            return result
        if isinstance(value, list):
            return [item for item in (self.value(v) for v in value) if item is not NO_VALUE]
        return value

    def try_value(self, value: Any) -> tuple[bool, Any]:
        try:
            return True, self.value(value)
        except Unresolved:
            return False, None

    def _function(self, name: str, argument: Any) -> Any:
        if name == "Ref":
            return self._ref(str(argument))
        if name == "Condition":
            return self.condition(str(argument))
        if name == "Fn::GetAtt":
            raise Unresolved(f"attribute of {_getatt_text(argument)}")
        if name == "Fn::ImportValue":
            ok, export = self.try_value(argument)
            raise Unresolved(f"value imported from another stack ({export if ok else '?'})")
        if name == "Fn::Sub":
            return self._sub(argument)
        if name == "Fn::Join":
            separator, items = _pair(name, argument)
            values = self.value(items)
            if not isinstance(values, list):
                raise Unresolved("Fn::Join of a non-list")
            return str(self.value(separator)).join(str(v) for v in values)
        if name == "Fn::Select":
            index, items = _pair(name, argument)
            values = self.value(items)
            try:
                return values[int(self.value(index))]
            except (IndexError, TypeError, ValueError, KeyError):
                raise Unresolved("Fn::Select out of range") from None
        if name == "Fn::Split":
            separator, text = _pair(name, argument)
            return str(self.value(text)).split(str(self.value(separator)))
        if name == "Fn::FindInMap":
            if not isinstance(argument, list) or len(argument) < 3:
                raise Unresolved("Fn::FindInMap needs three arguments")
            keys = [self.value(a) for a in argument[:3]]
            try:
                return self.value(self.mappings[keys[0]][keys[1]][keys[2]])
            except (KeyError, TypeError):
                if len(argument) > 3 and isinstance(argument[3], dict):
                    return self.value(argument[3].get("DefaultValue"))
                raise Unresolved(f"no mapping entry {'/'.join(map(str, keys))}") from None
        if name == "Fn::If":
            if not isinstance(argument, list) or len(argument) != 3:
                raise Unresolved("Fn::If needs three arguments")
            return self.value(argument[1] if self.condition(str(argument[0])) else argument[2])
        if name in ("Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not"):
            return self._boolean(name, argument)
        if name == "Fn::GetAZs":
            raise Unresolved("the Region's Availability Zones")
        if name == "Fn::Length":
            values = self.value(argument)
            return len(values) if isinstance(values, list) else 0
        raise Unresolved(f"{name} is not evaluated at import")

    def _ref(self, name: str) -> Any:
        if name == "AWS::NoValue":
            return NO_VALUE
        if name in PSEUDO_PARAMETERS:
            raise Unresolved(f"pseudo parameter {name}")
        if name in self.parameters:
            parameter = self.parameters[name]
            if isinstance(parameter, dict) and "Default" in parameter:
                default = parameter["Default"]
                kind = str(parameter.get("Type", ""))
                listed = kind == "CommaDelimitedList" or kind.startswith("List<")
                if listed and isinstance(default, str):
                    return [item.strip() for item in default.split(",")]
                if kind == "Number" and isinstance(default, str):
                    try:
                        return float(default) if "." in default else int(default)
                    except ValueError:
                        return default
                return default
            raise Unresolved(f"parameter {name} has no default")
        if name in self.resources:
            raise Unresolved(f"resource {name}")
        raise Unresolved(f"unknown name {name}")

    def _sub(self, argument: Any) -> str:
        if isinstance(argument, list):
            if len(argument) != 2 or not isinstance(argument[1], dict):
                raise Unresolved("Fn::Sub with a malformed variable map")
            text, variables = str(argument[0]), argument[1]
        else:
            text, variables = str(argument), {}

        def replace(match: re.Match[str]) -> str:
            name = match.group(1).strip()
            if name in variables:
                return str(self.value(variables[name]))
            if "." in name and name.split(".", 1)[0] in self.resources:
                raise Unresolved(f"attribute of {name}")
            return str(self._ref(name))

        return _SUB_VARIABLE.sub(replace, text).replace("${!", "${")

    def condition(self, name: str) -> bool:
        if name in self._condition_values:
            return self._condition_values[name]
        if name not in self.conditions:
            raise Unresolved(f"unknown condition {name}")
        if name in self._evaluating:
            raise ImportFailure(
                f"condition {name} refers to itself through "
                + " -> ".join([*self._evaluating, name])
            )
        self._evaluating.append(name)
        try:
            result = bool(self.value(self.conditions[name]))
        finally:
            self._evaluating.pop()
        self._condition_values[name] = result
        return result

    def _boolean(self, name: str, argument: Any) -> bool:
        values = argument if isinstance(argument, list) else [argument]
        if name == "Fn::Equals":
            if len(values) != 2:
                raise Unresolved("Fn::Equals needs two values")
            return bool(self.value(values[0]) == self.value(values[1]))
        resolved = [bool(self.value(v)) for v in values]
        if name == "Fn::And":
            return all(resolved)
        if name == "Fn::Or":
            return any(resolved)
        return not resolved[0] if resolved else False

    # ---- references --------------------------------------------------------------------
    def references(self, value: Any) -> Iterator[Reference]:
        """Every resource value refers to, through Ref, GetAtt, Sub or DependsOn-free nesting."""
        stack = [value]
        while stack:
            current = stack.pop()
            if isinstance(current, dict):
                if len(current) == 1:
                    ((name, argument),) = current.items()
                    if name == "Ref":
                        target, _, suffix = str(argument).partition(".")
                        if target in self.resources and suffix in ("", "Version", "Alias"):
                            yield Reference(target, suffix)
                        continue
                    if name == "Fn::GetAtt":
                        logical_id, attribute = _getatt_parts(argument)
                        if logical_id in self.resources:
                            yield Reference(logical_id, attribute)
                        continue
                    if name == "Fn::Sub":
                        text = argument[0] if isinstance(argument, list) else argument
                        variables = (
                            argument[1]
                            if isinstance(argument, list)
                            and len(argument) > 1
                            and isinstance(argument[1], dict)
                            else {}
                        )
                        for match in _SUB_VARIABLE.finditer(str(text)):
                            variable = match.group(1).strip()
                            if variable in variables:
                                continue
                            logical_id, _, attribute = variable.partition(".")
                            if logical_id in self.resources:
                                yield Reference(logical_id, attribute)
                        stack.extend(variables.values())
                        continue
                stack.extend(current.values())
            elif isinstance(current, list):
                stack.extend(current)

    def check_cycles(self, where: dict[str, int], path: str) -> None:
        """CloudFormation refuses a circular dependency between resources; so does the import.
        networkx is imported here, not with the module: exporters (and the rule that counts
        their resources) use the mapping without it."""
        import networkx as nx

        graph: nx.DiGraph = nx.DiGraph()
        for logical_id, resource in self.resources.items():
            graph.add_node(logical_id)
            if not isinstance(resource, dict):
                continue
            depends = resource.get("DependsOn", [])
            for target in [depends] if isinstance(depends, str) else depends or []:
                if isinstance(target, str) and target in self.resources:
                    graph.add_edge(logical_id, target)
            for reference in self.references(resource.get("Properties", {})):
                graph.add_edge(logical_id, reference.logical_id)
        try:
            cycle = nx.find_cycle(graph)
        except nx.NetworkXNoCycle:
            return
        first = cycle[0][0]
        chain = " -> ".join([edge[0] for edge in cycle] + [first])
        line = where.get(first)
        raise ImportFailure(
            f"{path}{f':{line}' if line else ''}: {first}: circular reference ({chain})",
            line=line,
            logical_id=first,
        )


def _mapping(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _pair(name: str, argument: Any) -> tuple[Any, Any]:
    if not isinstance(argument, list) or len(argument) != 2:
        raise Unresolved(f"{name} needs two arguments")
    return argument[0], argument[1]


def _getatt_parts(argument: Any) -> tuple[str, str]:
    if isinstance(argument, list) and argument:
        attribute = argument[1] if len(argument) > 1 and isinstance(argument[1], str) else ""
        return str(argument[0]), attribute
    logical_id, _, attribute = str(argument).partition(".")
    return logical_id, attribute


def _getatt_text(argument: Any) -> str:
    logical_id, attribute = _getatt_parts(argument)
    return f"{logical_id}.{attribute}"


def display(value: Any) -> str:
    """Text for a value the config must hold as a string: intrinsics become ${...} forms."""
    if isinstance(value, str):
        return value
    if isinstance(value, dict) and len(value) == 1:
        ((name, argument),) = value.items()
        if name == "Ref":
            return "${" + str(argument) + "}"
        if name == "Fn::GetAtt":
            return "${" + _getatt_text(argument) + "}"
        if name == "Fn::Sub":
            return str(argument[0] if isinstance(argument, list) else argument)
        if name == "Fn::ImportValue":
            return "${ImportValue:" + display(argument) + "}"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return str(value)
    return json.dumps(value, sort_keys=True)
