"""Review status upkeep: an approval covers the design as it was approved, so any semantic
change resets it to draft; moving or resizing (layout) does not."""

from __future__ import annotations

from model.design import Design
from model.events import (
    EdgeAdded,
    EdgeRemoved,
    EdgeUpdated,
    Event,
    NodeAdded,
    NodeConfigChanged,
    NodeRemoved,
    NodeRenamed,
    NodeReparented,
    ProfileChanged,
    PropertiesChanged,
    WaiverAdded,
    WaiverRemoved,
)
from model.review.values import ReviewStatus
from model.rules import dates

SEMANTIC_EVENTS = (
    NodeAdded,
    NodeRemoved,
    NodeConfigChanged,
    NodeRenamed,
    NodeReparented,
    EdgeAdded,
    EdgeRemoved,
    EdgeUpdated,
    ProfileChanged,
    PropertiesChanged,
    WaiverAdded,
    WaiverRemoved,
)


def is_semantic(event: Event) -> bool:
    return isinstance(event, SEMANTIC_EVENTS)


class ApprovalGuard:
    """Watches a design and puts an approved review status back to draft on the first
    semantic change. Undoing the change does not restore the approval: it was given to
    content that has since been edited, so the design is approved again explicitly."""

    def __init__(self, design: Design) -> None:
        self.design = design
        self.resets = 0
        design.subscribe(self._on_event)

    def close(self) -> None:
        self.design.unsubscribe(self._on_event)

    def _on_event(self, event: Event) -> None:
        review = self.design.review
        if review is None or review.state != "approved" or not is_semantic(event):
            return
        self.resets += 1
        self.design.set_review(ReviewStatus(state="draft", on=dates.today().isoformat()))


def status_for(state: str, author: str) -> ReviewStatus:
    """The status a reviewer sets now: who and today."""
    return ReviewStatus.model_validate(
        {"state": state, "by": author, "on": dates.today().isoformat()}
    )
