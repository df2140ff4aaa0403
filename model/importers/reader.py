"""Reads a CloudFormation or SAM template file (YAML with short-form intrinsics, or JSON)
into plain data, with the line of each resource for messages.

PyYAML (already a dependency) does the parsing; this module adds only the CloudFormation tags
(`!Ref`, `!GetAtt`, `!Sub`, ...), turned into their long form (`{"Ref": ...}`), and refuses
duplicate keys and unknown tags. cfn-lint's decoder does the same but importing it loads all of
cfn-lint (about 1,100 modules, 0.9 s), and cfn-flip is unmaintained since 2021.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from model.collector import collector_paused
from model.importers.errors import ImportFailure
from model.serialization import json_text
from model.text import shown

MAX_TEMPLATE_BYTES = 5 * 1024 * 1024
"""CloudFormation accepts templates up to 1 MB (from S3); SAM sources can be larger before the
transform, so anything up to 5 MB is read and anything bigger refused before parsing."""

MAX_VALUES = 2_000_000
"""Aliases can make a small YAML file expand without bound; stop walking past this many values."""

SHORT_TAGS = {
    "Ref": "Ref",
    "Condition": "Condition",
    "GetAtt": "Fn::GetAtt",
    "Sub": "Fn::Sub",
    "If": "Fn::If",
    "Join": "Fn::Join",
    "Select": "Fn::Select",
    "Split": "Fn::Split",
    "FindInMap": "Fn::FindInMap",
    "ImportValue": "Fn::ImportValue",
    "GetAZs": "Fn::GetAZs",
    "Base64": "Fn::Base64",
    "Cidr": "Fn::Cidr",
    "Equals": "Fn::Equals",
    "And": "Fn::And",
    "Or": "Fn::Or",
    "Not": "Fn::Not",
    "Transform": "Fn::Transform",
    "Length": "Fn::Length",
    "ToJsonString": "Fn::ToJsonString",
    "ForEach": "Fn::ForEach",
}
LONG_FORMS = frozenset(value for value in SHORT_TAGS.values() if value.startswith("Fn::"))


@dataclass
class RawTemplate:
    """A parsed template: its data and where each resource starts (1-based lines)."""

    path: Path
    data: dict[str, Any]
    lines: dict[str, int] = field(default_factory=dict)

    def where(self, logical_id: str) -> str:
        line = self.lines.get(logical_id)
        return f"{self.path}:{line}" if line else str(self.path)


_BaseLoader: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BaseLoader):  # type: ignore[valid-type,misc]
    """SafeLoader (libyaml's when installed) plus CloudFormation tags; never constructs
    Python objects from the file."""


_MERGE_TAG = "tag:yaml.org,2002:merge"


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> dict[Any, Any]:
    if any(key.tag == _MERGE_TAG for key, _ in node.value):
        loader.flatten_mapping(node)
    result: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str | int | float | bool) and key is not None:
            raise ImportFailure(
                "a mapping key must be text",
                line=key_node.start_mark.line + 1,
            )
        key = str(key) if not isinstance(key, str) else key
        if key in result:
            raise ImportFailure(
                f"duplicate key '{key}'",
                line=key_node.start_mark.line + 1,
            )
        result[key] = loader.construct_object(value_node, deep=True)
    return result


def _construct_tag(loader: _Loader, suffix: str, node: yaml.Node) -> dict[str, Any]:
    line = node.start_mark.line + 1
    name = SHORT_TAGS.get(suffix)
    if name is None:
        raise ImportFailure(f"unknown intrinsic function !{suffix}", line=line)
    value: Any
    if isinstance(node, yaml.ScalarNode):
        value = loader.construct_scalar(node)
    elif isinstance(node, yaml.SequenceNode):
        value = loader.construct_sequence(node, deep=True)
    else:
        value = _construct_mapping(loader, node)  # type: ignore[arg-type]
    if name == "Fn::GetAtt" and isinstance(value, str):
        logical_id, _, attribute = value.partition(".")
        value = [logical_id, attribute]
    return {name: value}


MAX_NUMBER_DIGITS = 40
"""No CloudFormation property takes a number this long; longer ones are refused by the reader
instead of reaching Python's own limit on converting digits, whose message suggests a fix to
Python code."""


def _construct_int(loader: _Loader, node: yaml.ScalarNode) -> int:
    digits = sum(ch.isdigit() for ch in str(node.value))
    if digits > MAX_NUMBER_DIGITS:
        raise ImportFailure(
            f"a number of {digits} digits is longer than any template value",
            line=node.start_mark.line + 1,
        )
    value: int = loader.construct_yaml_int(node)
    return value


def _construct_float(loader: _Loader, node: yaml.ScalarNode) -> float:
    value: float = loader.construct_yaml_float(node)
    if not math.isfinite(value):
        raise ImportFailure(
            f"'{node.value}' is not a number CloudFormation accepts (templates are JSON, "
            "which has no NaN or infinity)",
            line=node.start_mark.line + 1,
        )
    return value


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor("tag:yaml.org,2002:int", _construct_int)
_Loader.add_constructor("tag:yaml.org,2002:float", _construct_float)
_Loader.add_multi_constructor("!", _construct_tag)
# Timestamps stay text: CloudFormation reads `2010-09-09` as a string.
_Loader.yaml_implicit_resolvers = {
    key: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for key, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def read_template(path: str | Path) -> RawTemplate:
    """The template at path; ImportFailure names the file and line of what is wrong."""
    source = Path(path)
    try:
        size = source.stat().st_size
        if size > MAX_TEMPLATE_BYTES:
            raise ImportFailure(
                f"{source}: {size / 1024 / 1024:.1f} MB is too large to be a template "
                f"(ArchCanvas reads up to {MAX_TEMPLATE_BYTES // 1024 // 1024} MB; "
                "CloudFormation accepts 1 MB)"
            )
        raw = source.read_bytes()
    except OSError as error:
        raise ImportFailure(f"{source}: cannot read: {error.strerror or error}") from error
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportFailure(f"{source}: not a text file (not UTF-8)") from error
    return parse_template(text, source)


def parse_template(text: str, path: Path, require_resources: bool = True) -> RawTemplate:
    try:
        if text.lstrip().startswith("{"):
            data, lines = _parse_json(text)
        else:
            data, lines = _parse_yaml(text)
    except ImportFailure as failure:
        raise failure.at(path) from None
    if not isinstance(data, dict):
        raise ImportFailure(f"{path}: not a CloudFormation template (not a mapping)")
    if not require_resources:
        return RawTemplate(path, data, lines)
    if "Resources" not in data:
        hint = " (it looks like an ArchCanvas design)" if data.get("format") == "archcanvas" else ""
        raise ImportFailure(f"{path}: not a CloudFormation template: no Resources section{hint}")
    if not isinstance(data["Resources"], dict):
        raise ImportFailure(f"{path}: Resources must be a mapping of logical ids to resources")
    _check_intrinsics(data, path, lines)
    return RawTemplate(path, data, lines)


def _parse_yaml(text: str) -> tuple[Any, dict[str, int]]:
    loader = _Loader(text)
    with collector_paused():
        try:
            root = loader.get_single_node()
            if root is None:
                raise ImportFailure("the file is empty")
            lines = _resource_lines(root)
            try:
                data = loader.construct_document(root)
            except ImportFailure as failure:
                raise _in_resource(failure, root) from None
        except yaml.MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line = mark.line + 1 if mark else None
            problem = error.problem or error.context or "syntax error"
            raise ImportFailure(f"YAML syntax error: {problem}", line=line) from None
        except yaml.YAMLError as error:
            raise ImportFailure(f"YAML error: {error}") from None
        except RecursionError:
            raise ImportFailure("nesting too deep to be a template") from None
        except ImportFailure:
            raise
        except ValueError as error:  # a scalar Python refuses to convert, e.g. a 5,000-digit int
            raise ImportFailure(f"YAML value error: {shown(str(error), 200)}") from None
        finally:
            loader.dispose()
    return data, lines


def _in_resource(failure: ImportFailure, root: yaml.Node) -> ImportFailure:
    """The failure with the logical id of the resource its line falls in, named in front."""
    if failure.line is None or failure.logical_id is not None:
        return failure
    for key, value in _resource_nodes(root):
        if key.start_mark.line < failure.line <= value.end_mark.line + 1:
            logical_id = str(key.value)
            return ImportFailure(f"{logical_id}: {failure}", failure.line, logical_id)
    return failure


def _resource_nodes(root: yaml.Node) -> list[tuple[yaml.ScalarNode, yaml.Node]]:
    if not isinstance(root, yaml.MappingNode):
        return []
    for key, value in root.value:
        if (
            isinstance(key, yaml.ScalarNode)
            and key.value == "Resources"
            and isinstance(value, yaml.MappingNode)
        ):
            return [(k, v) for k, v in value.value if isinstance(k, yaml.ScalarNode)]
    return []


def _resource_lines(root: yaml.Node) -> dict[str, int]:
    return {str(key.value): key.start_mark.line + 1 for key, _ in _resource_nodes(root)}


def _parse_json(text: str) -> tuple[Any, dict[str, int]]:
    try:
        data = json_text.parse_value(text)
    except json_text.JsonError as error:
        message = f"JSON syntax error: {error.detail}" if error.line else error.detail
        raise ImportFailure(message, line=error.line) from None
    lines: dict[str, int] = {}
    resources = data.get("Resources") if isinstance(data, dict) else None
    if isinstance(resources, dict):
        offsets = [m.start() for m in re.finditer("\n", text)]
        for logical_id in resources:
            found = re.search(r'"' + re.escape(logical_id) + r'"\s*:\s*\{', text)
            if found:
                lines[logical_id] = 1 + sum(1 for o in offsets if o < found.start())
    return data, lines


def _check_intrinsics(data: dict[str, Any], path: Path, lines: dict[str, int]) -> None:
    """Refuse long-form functions CloudFormation does not know (`Fn::Foo`), naming the
    resource; also bounds the walk so alias bombs stop early."""
    seen = 0
    for section, body in data.items():
        stack: list[tuple[Any, str]] = [(body, section)]
        while stack:
            value, owner = stack.pop()
            seen += 1
            if seen > MAX_VALUES:
                raise ImportFailure(f"{path}: the template expands to too many values")
            if isinstance(value, dict):
                for key, item in value.items():
                    if key.startswith("Fn::") and key not in LONG_FORMS and len(value) == 1:
                        where = f"{path}:{lines[owner]}" if owner in lines else str(path)
                        raise ImportFailure(
                            f"{where}: {owner}: unknown intrinsic function {key}",
                            logical_id=owner if owner in lines else None,
                        )
                    child_owner = key if section == "Resources" and value is body else owner
                    stack.append((item, child_owner))
            elif isinstance(value, list):
                stack.extend((item, owner) for item in value)
