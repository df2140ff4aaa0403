"""Settings of annotation kinds: the sticky note a reviewer writes on the canvas."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from model.config.base import ServiceConfig, setting

NoteColor = Literal["yellow", "blue", "green", "pink", "orange", "grey"]


class NoteConfig(ServiceConfig):
    text: str = Field(
        default="",
        description="What the note says; several lines.",
        json_schema_extra={"multiline": True},
    )
    color: NoteColor = setting("yellow", "Colour of the sticky note.")
