"""Review status: saved with the design; approval reset by semantic changes, not by layout."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from model.commands import Move, Rename, SetReview, UndoStack
from model.elements import Point
from model.review.status import ApprovalGuard, status_for
from model.review.values import ReviewStatus
from model.rules import dates
from model.serialization import dumps, load_design, loads

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "image-pipeline.archcanvas"


@pytest.fixture
def fixed_day(monkeypatch: pytest.MonkeyPatch) -> dt.date:
    day = dt.date(2026, 11, 30)
    monkeypatch.setattr(dates, "today", lambda: day)
    return day


def test_status_round_trips_and_describes_itself(fixed_day: dt.date) -> None:
    design = load_design(EXAMPLE)
    design.set_review(status_for("approved", "ana"))
    again = loads(dumps(design))
    assert again.review == ReviewStatus(state="approved", by="ana", on="2026-11-30")
    assert again.review.describe() == "approved by ana on 2026-11-30"


def test_a_semantic_change_resets_approval_but_layout_does_not(fixed_day: dt.date) -> None:
    design = load_design(EXAMPLE)
    guard = ApprovalGuard(design)
    stack = UndoStack(design)
    stack.push(SetReview(status_for("approved", "ana")))
    stack.push(Move({"resize": Point(10, 10)}))
    assert design.review is not None and design.review.state == "approved"
    stack.push(Rename("resize", "Resize uploads"))
    assert design.review == ReviewStatus(state="draft", on="2026-11-30")
    assert guard.resets == 1
    stack.undo()
    assert design.review.state == "draft"  # approval is given again, explicitly
    stack.undo()
    stack.undo()
    assert design.review is None


def test_in_review_is_not_reset(fixed_day: dt.date) -> None:
    design = load_design(EXAMPLE)
    ApprovalGuard(design)
    design.set_review(status_for("in review", "bo"))
    design.rename("resize", "x")
    assert design.review is not None and design.review.state == "in review"


def test_a_bad_state_names_the_field() -> None:
    from model.serialization import LoadError

    text = dumps(load_design(EXAMPLE)).replace(
        '"edges": [', '"review": {"state": "done"}, "edges": [', 1
    )
    with pytest.raises(LoadError) as error:
        loads(text, "x.archcanvas")
    assert "review" in str(error.value) and "state" in str(error.value)
