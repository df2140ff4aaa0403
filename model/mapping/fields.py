"""The building blocks of the kind mapping: where a config field lives in a template resource,
and how its value converts in each direction."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from model.mapping.intrinsics import Unresolved, display, is_intrinsic
from model.serialization import json_text

Segment = str | int | Mapping[str, str]
"""A step into a resource's properties: a key, a list index, or the list item whose keys
have these values (e.g. {"Type": "VCPU"} in ResourceRequirements)."""
PropertyPath = tuple[Segment, ...]
Dialect = Literal["both", "cfn", "sam"]
OMIT: Any = object()
"""What a codec writes when the property should not be there (e.g. an empty list)."""


class ReadContext(Protocol):
    """What a codec may ask while reading a template: evaluate intrinsics, find the node a
    resource became, read a file next to the template."""

    def value(self, value: Any) -> Any: ...

    def node_of(self, value: Any) -> str | None: ...

    def read_file(self, value: Any) -> Any: ...


class WriteContext(Protocol):
    """What a codec may ask while writing: the logical id of a node's resource, and whether
    the resource is generated from a drawn node (its text is then the user's, never an
    intrinsic) or written back into an imported template."""

    generated: bool

    def ref(self, node_id: str) -> Any: ...


@dataclass(frozen=True)
class Codec:
    """Converts one property value to a config value (read) and back (write)."""

    read: Callable[[Any, ReadContext], Any]
    write: Callable[[Any, WriteContext], Any]


@dataclass(frozen=True)
class Field:
    """Config field `name` is the property at `path` of the kind's resource (part '') or of
    one of its parts (e.g. the task definition of an ECS service).

    `absent` is what AWS assumes when the property is missing, when it differs from the
    config default (a DynamoDB table without BillingMode is PROVISIONED).
    `terraform` names the same setting of the Terraform resource (dotted attribute path), and
    `terraform_codec` writes it there when the provider spells the value differently.
    """

    name: str
    path: PropertyPath
    codec: Codec
    part: str = ""
    dialect: Dialect = "both"
    absent: Any = None
    terraform: str | None = None
    writable: bool = True
    terraform_codec: Codec | None = None


_SEGMENT = re.compile(r"\[([^\]]*)\]|([^.\[]+)")


def parse_path(text: str) -> PropertyPath:
    """'A.B[0].C' or 'A[Type=VCPU].Value' as a PropertyPath (the reverse of path_text)."""
    segments: list[Segment] = []
    for match in _SEGMENT.finditer(text):
        item, key = match.groups()
        if key is not None:
            segments.append(key)
        elif item.isdigit():
            segments.append(int(item))
        else:
            pairs = (pair.split("=", 1) for pair in item.split(","))
            segments.append({name: value for name, value in pairs})
    return tuple(segments)


def at(
    name: str,
    path: str,
    codec: Codec,
    *,
    part: str = "",
    dialect: Dialect = "both",
    absent: Any = None,
    tf: str | None = None,
    tf_codec: Codec | None = None,
    readonly: bool = False,
) -> Field:
    """One line of a kind's mapping: config field `name` is the property at `path` (dotted,
    as parse_path reads it); `tf` is the Terraform attribute (`tf_codec` its value when it
    differs from the template's), `readonly` a property that is read on import but has no
    single place to be written back."""
    return Field(name, parse_path(path), codec, part, dialect, absent, tf, not readonly, tf_codec)


@dataclass(frozen=True)
class KindMapping:
    """Which template resources a kind is, and which property each of its config fields is.

    `cfn_type` is the resource a node of the kind is; `sam_type` its SAM form, when SAM has
    one. `parts` are the other resources whose settings belong to the node (role -> types).
    """

    kind: str
    cfn_type: str
    sam_type: str | None = None
    terraform_type: str | None = None
    fields: tuple[Field, ...] = ()
    parts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    constants: Mapping[str, Any] = field(default_factory=dict)
    """Config values the resource type itself says (an AWS::ApiGatewayV2::Api is an HTTP API)."""

    @property
    def types(self) -> tuple[str, ...]:
        return tuple(t for t in (self.cfn_type, self.sam_type) if t)


# ---- codecs -------------------------------------------------------------------------------
def _same(value: Any, ctx: Any) -> Any:
    return value


def _resolved(value: Any, ctx: ReadContext) -> Any:
    return ctx.value(value)


PLAIN = Codec(_resolved, _same)


def _int(value: Any, ctx: ReadContext) -> int:
    resolved = ctx.value(value)
    if isinstance(resolved, bool):
        raise ValueError("a number was expected")
    return int(float(str(resolved)))


INT = Codec(_int, _same)
INT_TEXT = Codec(_int, lambda value, ctx: str(value))
"""A whole number the resource specification types as a string (AllocatedStorage, MinSize)."""


def number_text(value: float) -> str:
    """A number as templates write it: 2 not 2.0, 0.25 as is."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _float(value: Any, ctx: ReadContext) -> float:
    return float(str(ctx.value(value)))


FLOAT = Codec(_float, _same)
FLOAT_TEXT = Codec(_float, lambda value, ctx: number_text(value))
"""A number the resource specification types as a string (a Batch job's VCPU value)."""


def _bool(value: Any, ctx: ReadContext) -> bool:
    resolved = ctx.value(value)
    if isinstance(resolved, bool):
        return resolved
    if str(resolved).lower() in ("true", "false"):
        return str(resolved).lower() == "true"
    raise ValueError(f"'{resolved}' is not true or false")


BOOL = Codec(_bool, _same)


def _text(value: Any, ctx: ReadContext) -> str:
    try:
        resolved = ctx.value(value)
    except Unresolved:
        return display(value)
    return display(resolved)


_DISPLAYED_REF = re.compile(r"^\$\{([A-Za-z0-9]+)(?:\.([A-Za-z0-9.]+))?\}$")


def undisplay(text: Any) -> Any:
    """The intrinsic a ${...} text stands for (the reverse of display): ${Name} is a Ref,
    ${Name.Attribute} a GetAtt, other text with ${ a Fn::Sub."""
    if not isinstance(text, str) or "${" not in text:
        return text
    match = _DISPLAYED_REF.match(text)
    if match:
        if match.group(2):
            return {"Fn::GetAtt": [match.group(1), match.group(2)]}
        return {"Ref": match.group(1)}
    return {"Fn::Sub": text}


def _text_back(value: Any, ctx: WriteContext) -> Any:
    return value if ctx.generated else undisplay(value)


TEXT = Codec(_text, _text_back)
"""Free text; an intrinsic the import cannot evaluate is kept as ${Name} text, and the
template's own value is written back unless the text is edited."""


def _first_item(value: Any, ctx: ReadContext) -> Any:
    resolved = ctx.value(value)
    if not isinstance(resolved, list) or not resolved:
        raise ValueError("a one-item list was expected")
    return resolved[0]


FIRST_ITEM = Codec(_first_item, lambda value, ctx: [value])


def enum(table: Mapping[str, str]) -> Codec:
    """Template values to config values (case-insensitive), and back."""
    lowered = {k.lower(): v for k, v in table.items()}
    reverse = {v: k for k, v in table.items()}

    def read(value: Any, ctx: ReadContext) -> str:
        resolved = str(ctx.value(value))
        if resolved.lower() not in lowered:
            raise ValueError(f"'{resolved}' is not one of {', '.join(table)}")
        return lowered[resolved.lower()]

    return Codec(read, lambda value, ctx: reverse.get(value, value))


def enum_of_first(table: Mapping[str, str]) -> Codec:
    inner = enum(table)
    return Codec(
        lambda value, ctx: inner.read(_first_item(value, ctx), ctx),
        lambda value, ctx: [inner.write(value, ctx)],
    )


def _text_list(value: Any, ctx: ReadContext) -> list[str]:
    try:
        resolved = ctx.value(value)
    except Unresolved:
        resolved = value
    if not isinstance(resolved, list):
        raise ValueError("a list was expected")
    return [_text(item, ctx) for item in resolved]


TEXT_LIST = Codec(
    _text_list, lambda value, ctx: [_text_back(v, ctx) for v in value] if value else OMIT
)


def _text_map(value: Any, ctx: ReadContext) -> dict[str, str]:
    if not isinstance(value, dict) or is_intrinsic(value):
        raise ValueError("a mapping was expected")
    return {str(k): _text(v, ctx) for k, v in value.items()}


TEXT_MAP = Codec(
    _text_map,
    lambda value, ctx: {k: _text_back(v, ctx) for k, v in value.items()} if value else OMIT,
)


def _node_list(value: Any, ctx: ReadContext) -> list[str]:
    items = value if isinstance(value, list) else ctx.value(value)
    if not isinstance(items, list):
        raise ValueError("a list was expected")
    found = [ctx.node_of(item) for item in items]
    return [node for node in found if node is not None]


NODE_IDS = Codec(_node_list, lambda value, ctx: [ctx.ref(node) for node in value])
"""References to resources that became nodes, as node ids (e.g. an ECS service's subnets)."""


def _node_map(value: Any, ctx: ReadContext) -> dict[str, str]:
    if not isinstance(value, dict):
        raise ValueError("a mapping was expected")
    found = {str(k): ctx.node_of(v) for k, v in value.items()}
    return {k: v for k, v in found.items() if v is not None}


NODE_MAP = Codec(_node_map, lambda value, ctx: {k: ctx.ref(v) for k, v in value.items()})


def _json_text(value: Any, ctx: ReadContext) -> str:
    resolved = ctx.value(value)
    if isinstance(resolved, str):
        return resolved
    return json_text.dump(resolved, indent=None, sort_keys=True).rstrip("\n")


def _json_back(value: Any, ctx: WriteContext) -> Any:
    if not value:
        return OMIT
    try:
        return json_text.parse_value(value)
    except json_text.JsonError:
        return value


JSON_TEXT = Codec(_json_text, _json_back)


def _json_object(value: Any, ctx: ReadContext) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError("a mapping was expected")
    return value


JSON_OBJECT = Codec(_json_object, lambda value, ctx: value if value is not None else OMIT)


def _json_string(value: Any, ctx: ReadContext) -> dict[str, Any]:
    text = value
    if isinstance(value, dict) and "Fn::Sub" in value:
        argument = value["Fn::Sub"]
        text = argument[0] if isinstance(argument, list) else argument
    elif isinstance(value, dict) and "Fn::Join" in value:
        separator, items = value["Fn::Join"]
        text = str(separator).join(display(item) for item in items)
    if not isinstance(text, str):
        raise ValueError("a JSON text was expected")
    try:
        parsed = json_text.parse_value(text)
    except json_text.JsonError:
        quoted = _quote_placeholders(text)
        try:
            parsed = json_text.parse_value(quoted)
        except json_text.JsonError as error:
            raise ValueError(f"not JSON: {error.detail}") from None
    if not isinstance(parsed, dict):
        raise ValueError("the definition is not a JSON object")
    return parsed


def _quote_placeholders(text: str) -> str:
    """Unquoted ${X} placeholders (numbers in Fn::Sub'd JSON) become strings for parsing."""
    return re.sub(r'(?<!")(\$\{[^}]+\})(?!")', r'"\1"', text)


JSON_STRING = Codec(_json_string, lambda value, ctx: json_text.dump(value).rstrip("\n"))


def _file(value: Any, ctx: ReadContext) -> Any:
    return ctx.read_file(value)


FILE = Codec(_file, _same)


def _present(value: Any, ctx: ReadContext) -> bool:
    return value is not None and value != {} and value != []


PRESENT = Codec(_present, _same)


def units(unit: str, per: float, as_type: type = int) -> Codec:
    """Numbers that templates write bare or with a unit ('1 vCPU', '2 GB', '1024')."""

    def read(value: Any, ctx: ReadContext) -> Any:
        text = str(ctx.value(value)).strip()
        number, _, suffix = text.partition(" ")
        amount = float(number)
        if suffix.strip().lower() == unit.lower():
            amount *= per
        return as_type(amount)

    return Codec(read, lambda value, ctx: str(value))


def scaled(factor: float, as_type: type = float) -> Codec:
    """A number in other units (milliseconds in the template, seconds in the config)."""
    return Codec(
        lambda value, ctx: as_type(float(str(ctx.value(value))) / factor),
        lambda value, ctx: int(value * factor),
    )


def custom(
    read: Callable[[Any, ReadContext], Any], write: Callable[[Any, WriteContext], Any]
) -> Codec:
    return Codec(read, write)
