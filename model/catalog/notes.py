"""Annotation kinds: what a reviewer writes on the diagram. A note is part of the design
(saved, undoable, drawn in every picture and in the report) but not of the architecture:
rules and configuration exports skip it, it may sit in any container, and it attaches to
any node by an `annotates` connection, drawn dashed."""

from model.catalog.spec import Category, Icon, KindSpec
from model.config.notes import NoteConfig

NOTE = "note"

KINDS = [
    KindSpec(
        id=NOTE,
        display_name="Note",
        category=Category.ANNOTATIONS,
        description="A sticky note with text, anywhere on the canvas, optionally attached to "
        "elements; ignored by validation and configuration exports.",
        config_model=NoteConfig,
        icon=Icon("note.svg", source="local"),
        cfn_types=(),
        diagrams_class=None,
        aliases=("Sticky note", "Comment", "Annotation"),
        annotation=True,
        default_size=(180.0, 110.0),
    ),
]
