"""The account profile a design is validated against: home Region and quota overrides."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from model.text import visible_strings


class Profile(BaseModel):
    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, allow_inf_nan=False)

    @model_validator(mode="before")
    @classmethod
    def _visible_text(cls, data: Any) -> Any:
        return visible_strings(data)

    region: str = Field(default="us-east-1", description="Region of services placed nowhere else.")
    quotas: dict[str, int | float] = Field(
        default_factory=dict,
        description=(
            "The account's adjustable quotas where they differ from AWS defaults, by snake_case"
            " name (e.g. lambda_concurrent_executions)."
        ),
    )
