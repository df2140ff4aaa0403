"""The inspector: a form generated from the selected element's pydantic config model.

Editors are split by field shape (`scalar`, `tables`, `structured`), chosen by `factory`;
`panel` holds the Inspector widget that builds the form for a node, an edge, a multiple
selection or the design.
"""

from app.inspector.base import MIXED, SEVERITY_COLORS, FieldEditor
from app.inspector.factory import make_editor
from app.inspector.fields import common_fields, field_help, field_shape, field_title
from app.inspector.findings_box import FindingsBox
from app.inspector.panel import Inspector
from app.inspector.scalar import (
    BoolEditor,
    ChoiceEditor,
    MultilineTextEditor,
    NumberEditor,
    TextEditor,
)
from app.inspector.structured import AslFieldEditor, JsonFieldEditor
from app.inspector.tables import TableEditor

__all__ = [
    "MIXED",
    "SEVERITY_COLORS",
    "AslFieldEditor",
    "BoolEditor",
    "ChoiceEditor",
    "FieldEditor",
    "FindingsBox",
    "Inspector",
    "JsonFieldEditor",
    "NumberEditor",
    "TableEditor",
    "TextEditor",
    "MultilineTextEditor",
    "common_fields",
    "field_help",
    "field_shape",
    "field_title",
    "make_editor",
]
