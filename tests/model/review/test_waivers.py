"""Waivers: matching, expiry on a fixed clock, staleness, undo, and the file round trip."""

from __future__ import annotations

import datetime as dt

import pytest

from model.commands import AddWaiver, RemoveNodes, RemoveWaiver, SetConfig, UndoStack
from model.design import Design, ModelError, new_node
from model.review.values import Waiver
from model.review.waivers import apply_waivers, open_findings, waiver_for
from model.rules import validate
from model.serialization import LoadError, dumps, loads

DAY = dt.date(2026, 6, 1)


def _design() -> Design:
    design = Design("Waivers")
    for node_id, memory in (("resize", 20000), ("thumb", 30000)):
        design.add_node(
            new_node(
                design, "aws.lambda", label=node_id, config={"memory_mb": memory}, node_id=node_id
            )
        )
    return design


def _waiver(elements: tuple[str, ...] = ("resize",), expires: str | None = None) -> Waiver:
    return Waiver(
        rule="LAMBDA_MEMORY_RANGE",
        elements=elements,
        reason="Quota raised by AWS support case 123",
        author="ana",
        created="2026-05-01",
        expires=expires,
    )


def _reviewed(design: Design, day: dt.date = DAY) -> list:  # type: ignore[type-arg]
    return apply_waivers(design, validate(design), today=day)


def _by_rule(findings: list, rule: str) -> list:  # type: ignore[type-arg]
    return [f for f in findings if f.rule == rule]


def test_a_waiver_covers_only_findings_naming_all_its_elements() -> None:
    design = _design()
    design.add_waiver(_waiver())
    memory = _by_rule(_reviewed(design), "LAMBDA_MEMORY_RANGE")
    waived = {f.elements: f.waiver for f in memory}
    assert waived[("resize",)] == _waiver()
    assert waived[("thumb",)] is None
    assert [f.elements for f in open_findings(memory)] == [("thumb",)]


def test_a_waiver_with_an_element_the_finding_lacks_covers_nothing() -> None:
    design = _design()
    design.add_waiver(_waiver(("resize", "thumb")))
    findings = _reviewed(design)
    assert all(f.waiver is None for f in findings)
    assert [f.rule for f in findings if f.rule.startswith("WAIVER")] == ["WAIVER_STALE"]


def test_a_waiver_waives_until_its_expiry_day_inclusive_then_warns() -> None:
    design = _design()
    design.add_waiver(_waiver(expires="2026-06-01"))
    on_the_day = _reviewed(design, dt.date(2026, 6, 1))
    assert not _by_rule(on_the_day, "WAIVER_EXPIRED")
    assert _by_rule(on_the_day, "LAMBDA_MEMORY_RANGE")[0].waiver is not None
    after = _reviewed(design, dt.date(2026, 6, 2))
    expired = _by_rule(after, "WAIVER_EXPIRED")
    assert [(f.severity, f.elements) for f in expired] == [("warning", ("resize",))]
    assert "expired on 2026-06-01" in expired[0].message
    assert all(f.waiver is None for f in after)


def test_the_default_clock_is_the_replaceable_one(monkeypatch: pytest.MonkeyPatch) -> None:
    from model.rules import dates

    design = _design()
    design.add_waiver(_waiver(expires="2026-06-01"))
    monkeypatch.setattr(dates, "today", lambda: dt.date(2027, 1, 1))
    assert _by_rule(apply_waivers(design, validate(design)), "WAIVER_EXPIRED")


def test_deleting_the_waived_element_makes_the_waiver_stale() -> None:
    design = _design()
    design.add_waiver(_waiver())
    UndoStack(design).push(RemoveNodes(["resize"]))
    stale = _by_rule(_reviewed(design), "WAIVER_STALE")
    assert [(f.severity, f.elements) for f in stale] == [("info", ())]
    assert "no longer in the design: resize" in stale[0].message


def test_fixing_the_config_makes_the_waiver_stale() -> None:
    design = _design()
    design.add_waiver(_waiver())
    stack = UndoStack(design)
    stack.push(SetConfig.field(design, "resize", "memory_mb", 1024))
    stale = _by_rule(_reviewed(design), "WAIVER_STALE")
    assert [f.elements for f in stale] == [("resize",)]
    assert "no longer fires" in stale[0].message
    stack.undo()
    assert not _by_rule(_reviewed(design), "WAIVER_STALE")


def test_expired_and_no_longer_firing_is_stale_not_expired() -> None:
    design = _design()
    design.add_waiver(_waiver(expires="2026-01-01"))
    design.set_config("resize", design.node("resize").config.model_copy(update={"memory_mb": 512}))
    findings = _reviewed(design)
    assert not _by_rule(findings, "WAIVER_EXPIRED")
    assert len(_by_rule(findings, "WAIVER_STALE")) == 1


def test_waiver_commands_undo_and_redo() -> None:
    design = _design()
    stack = UndoStack(design)
    finding = _by_rule(validate(design), "LAMBDA_MEMORY_RANGE")[0]
    waiver = waiver_for(finding, "accepted", "ana", DAY, dt.date(2026, 12, 31))
    assert waiver.elements == finding.elements and waiver.expires == "2026-12-31"
    stack.push(AddWaiver(waiver))
    assert design.waivers == [waiver]
    stack.undo()
    assert design.waivers == []
    stack.redo()
    other = _waiver(("thumb",))
    stack.push(AddWaiver(other))
    stack.push(RemoveWaiver(waiver.key))
    assert design.waivers == [other]
    stack.undo()
    assert design.waivers == [waiver, other]
    with pytest.raises(ModelError):
        design.add_waiver(waiver)


def test_waivers_and_review_status_round_trip_byte_stable() -> None:
    design = _design()
    design.add_waiver(_waiver(expires="2026-12-31"))
    text = dumps(design)
    again = loads(text)
    assert again.waivers == design.waivers
    assert dumps(again) == text
    assert '"waivers"' not in dumps(_design())


def test_a_bad_waiver_names_the_waiver_and_field() -> None:
    text = dumps(_design()).replace(
        '"edges": []',
        '"edges": [], "waivers": [{"rule": "X", "elements": [], "reason": "", "created": "2026-01-01"}]',
    )
    with pytest.raises(LoadError) as error:
        loads(text, "bad.archcanvas")
    assert "bad.archcanvas" in str(error.value) and "waiver #1" in str(error.value)
    assert "reason" in str(error.value)
