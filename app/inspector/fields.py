"""What a config field is, read from its pydantic annotation: shape, unit, title, help."""

from __future__ import annotations

import re
import types
from typing import Any, Union, get_args, get_origin

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from model.rules import Finding

UNIT_SUFFIXES = ("_mb", "_gb", "_s", "_ms", "_kb", "_pct", "_count", "_vcpu")


def field_shape(annotation: Any) -> tuple[Any, bool]:
    """(the annotation without None, whether None is allowed)."""
    origin = get_origin(annotation)
    if origin in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        optional = len(args) < len(get_args(annotation))
        if len(args) == 1:
            return args[0], optional
        return Union[tuple(args)], optional  # noqa: UP007
    return annotation, False


def field_unit(info: FieldInfo) -> str:
    extra = info.json_schema_extra
    if isinstance(extra, dict):
        unit = extra.get("unit")
        return str(unit) if unit else ""
    return ""


ACRONYMS = {
    "ami": "AMI", "efa": "EFA", "cpu": "CPU", "vcpu": "vCPU", "vcpus": "vCPUs", "gpus": "GPUs",
    "rps": "rate", "cidr": "CIDR", "vpc": "VPC", "dlq": "DLQ", "az": "AZ", "fifo": "FIFO",
}  # fmt: skip


def field_title(name: str) -> str:
    words = name.split("_")
    if len(words) > 1 and "_" + words[-1] in UNIT_SUFFIXES:
        words = words[:-1]
    words = [ACRONYMS.get(word, word) for word in words]
    text = " ".join(words)
    return text[:1].upper() + text[1:]


def describe_default(value: Any, unit: str) -> str:
    if value is None:
        return "not set"
    if isinstance(value, bool):
        return "on" if value else "off"
    if isinstance(value, (list, dict)) and not value:
        return "none"
    if isinstance(value, BaseModel):
        return "see JSON"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int):
        return f"{value:,} {unit}".strip()
    return f"{value} {unit}".strip()


def field_help(name: str, info: FieldInfo) -> str:
    """Rich tooltip: title and file name, what the field means, its unit and its default."""
    unit = field_unit(info)
    lines = [f"<b>{escape(field_title(name))}</b> <span style='color:gray'>{name}</span>"]
    if info.description:
        lines.append(escape(info.description))
    facts = []
    if unit:
        facts.append(f"Unit: {escape(unit)}")
    if not info.is_required():
        default = describe_default(info.get_default(call_default_factory=True), unit)
        facts.append(f"Default: {escape(default)}")
    if facts:
        lines.append("<span style='color:gray'>" + " · ".join(facts) + "</span>")
    return "<br>".join(lines)


def field_stem(name: str) -> str:
    """The words a finding's message would use for this field (timeout_s -> timeout)."""
    for suffix in UNIT_SUFFIXES:
        if name.endswith(suffix):
            name = name[: -len(suffix)]
            break
    return name.replace("_", " ")


def finding_mentions(finding: Finding, name: str) -> bool:
    text = f"{finding.message} {finding.hint}".lower()
    if name.lower() in text:
        return True
    stem = field_stem(name).lower()
    return bool(stem) and re.search(rf"\b{re.escape(stem)}", text) is not None


def common_fields(configs: list[BaseModel]) -> dict[str, FieldInfo]:
    """Fields every config has with the same name and type (all of them for one model)."""
    models = list(dict.fromkeys(type(config) for config in configs))
    if not models:
        return {}
    first, *rest = models
    return {
        name: info
        for name, info in first.model_fields.items()
        if all(
            name in model.model_fields and model.model_fields[name].annotation == info.annotation
            for model in rest
        )
    }


def escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
