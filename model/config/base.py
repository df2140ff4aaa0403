"""Base class and field helper for service configuration models."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from model.text import visible_strings

CHECKED_TEXT: dict[str, bool] = {"text_checked": True}
"""Validation context of a value whose strings have passed the text policy already."""


class ServiceConfig(BaseModel):
    """Settings of one service.

    Types are strict and unknown fields are refused, but values beyond AWS limits are
    accepted: limits belong to validation, which reports them as findings.
    """

    model_config = ConfigDict(
        strict=True, extra="forbid", frozen=True, allow_inf_nan=False, defer_build=True
    )

    @model_validator(mode="before")
    @classmethod
    def _visible_text(cls, data: Any, info: ValidationInfo) -> Any:
        """Unsafe characters of an edit become visible escapes (files refuse them at load, so
        a loader that has checked the text passes CHECKED_TEXT and skips this)."""
        if info.context is CHECKED_TEXT:
            return data
        return visible_strings(data)


def setting(default: Any, description: str, unit: str | None = None, **kwargs: Any) -> Any:
    """A config field with its description, unit and AWS default, visible in the JSON Schema.
    An empty list or dict default is made by a factory: pydantic deep-copies a mutable default
    for every instance, which doubles the cost of validating a config at load."""
    extra: dict[str, Any] = {}
    if unit:
        extra["unit"] = unit
    if type(default) in (list, dict) and not default:
        extra["default"] = default
        return Field(
            default_factory=type(default),
            description=description,
            json_schema_extra=extra,
            **kwargs,
        )
    return Field(default=default, description=description, json_schema_extra=extra, **kwargs)
