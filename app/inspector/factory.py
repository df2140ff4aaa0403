"""Picks the editor for a field from its annotation."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal, get_args, get_origin

from pydantic.fields import FieldInfo

from app.inspector.base import FieldEditor, Push
from app.inspector.fields import field_shape, field_unit
from app.inspector.scalar import (
    BoolEditor,
    ChoiceEditor,
    MultilineTextEditor,
    NumberEditor,
    TextEditor,
)
from app.inspector.structured import AslFieldEditor, JsonFieldEditor, json_value
from app.inspector.tables import TableEditor


def make_editor(
    name: str, info: FieldInfo, push: Push, finish: Callable[[], None]
) -> tuple[FieldEditor, bool]:
    """An editor for one field and whether it needs a full-width row."""
    base, optional = field_shape(info.annotation)
    origin = get_origin(base)
    args = get_args(base)
    if base is bool:
        return BoolEditor(push, finish), False
    if base is int or base is float:
        return NumberEditor(push, finish, base is int, optional, field_unit(info)), False
    if base is str:
        extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
        if extra.get("multiline") and not optional:
            return MultilineTextEditor(push, finish), True
        return TextEditor(push, finish, optional), False
    if origin is Literal:
        return ChoiceEditor(push, finish, list(args), optional), False
    if origin is list and args == (str,):
        return TableEditor(push, finish, is_map=False), True
    if origin is dict and args == (str, str):
        return TableEditor(push, finish, is_map=True), True
    if name == "definition" and origin is dict:
        return AslFieldEditor(push, finish), True
    return JsonFieldEditor(push, finish, json_value), True
