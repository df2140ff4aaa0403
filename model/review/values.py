"""Values a design carries for its review: waivers of findings and the review status."""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

DAY_PATTERN = r"^\d{4}-\d{2}-\d{2}$"
ReviewState = Literal["draft", "in review", "approved"]
REVIEW_STATES: tuple[ReviewState, ...] = ("draft", "in review", "approved")


def _real_day(value: str | None) -> str | None:
    if value is not None:
        dt.date.fromisoformat(value)
    return value


class Waiver(BaseModel):
    """A reviewer's acceptance of a known finding, with the reason, until an optional expiry.

    It covers a finding of `rule` whose elements include all of `elements` (an empty list
    covers every finding of the rule)."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    rule: str = Field(min_length=1, description="Id of the rule whose findings it waives.")
    elements: tuple[str, ...] = Field(
        default=(),
        strict=False,
        description="Node and edge ids; a finding is covered when it names all of them.",
    )
    reason: str = Field(min_length=1, description="Why the finding is accepted (required).")
    author: str = Field(default="", description="Who waived it.")
    created: str = Field(pattern=DAY_PATTERN, description="Day the waiver was made, YYYY-MM-DD.")
    expires: str | None = Field(
        default=None,
        pattern=DAY_PATTERN,
        description="Last day the waiver applies, YYYY-MM-DD, or null for no expiry.",
    )

    _check_created = field_validator("created")(_real_day)
    _check_expires = field_validator("expires")(_real_day)

    @property
    def key(self) -> tuple[str, tuple[str, ...]]:
        """What the waiver waives; a design holds one waiver per key."""
        return (self.rule, tuple(sorted(self.elements)))

    def expired(self, today: dt.date) -> bool:
        return self.expires is not None and dt.date.fromisoformat(self.expires) < today

    def covers(self, rule: str, elements: tuple[str, ...]) -> bool:
        return rule == self.rule and set(self.elements) <= set(elements)

    def to_json(self) -> dict[str, object]:
        return {
            "rule": self.rule,
            "elements": list(self.elements),
            "reason": self.reason,
            "author": self.author,
            "created": self.created,
            "expires": self.expires,
        }


class ReviewStatus(BaseModel):
    """Where the design stands in review, who set it and when."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    state: ReviewState = Field(default="draft", description="draft, in review or approved.")
    by: str = Field(default="", description="Who set the state (the approver, for approved).")
    on: str | None = Field(
        default=None, pattern=DAY_PATTERN, description="Day the state was set, YYYY-MM-DD."
    )

    _check_on = field_validator("on")(_real_day)

    def describe(self) -> str:
        """For the title bar and the report: 'approved by ana on 2026-11-30'."""
        text: str = self.state
        if self.by:
            text += f" by {self.by}"
        if self.on:
            text += f" on {self.on}"
        return text
