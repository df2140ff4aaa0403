"""Loops a counter bounds get a finite longest time (passes x one pass); every other loop
stays unbounded, so a changed value flips the verdict."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from model.design import Design, new_node
from model.rules import validate
from model.stepfunctions import analyze_duration


def counted(limit: int = 5, step: int = 1) -> dict[str, Any]:
    return {
        "StartAt": "Init",
        "States": {
            "Init": {
                "Type": "Pass",
                "Result": {"count": 0},
                "ResultPath": "$.iter",
                "Next": "Work",
            },
            "Work": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "TimeoutSeconds": 10,
                "ResultPath": "$.out",
                "Next": "Increment",
            },
            "Increment": {
                "Type": "Pass",
                "Parameters": {"count.$": f"States.MathAdd($.iter.count, {step})"},
                "ResultPath": "$.iter",
                "Next": "Check",
            },
            "Check": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.iter.count", "NumericLessThan": limit, "Next": "Work"}],
                "Default": "Done",
            },
            "Done": {"Type": "Succeed"},
        },
    }


def test_a_counted_loop_is_bounded_by_its_passes() -> None:
    analysis = analyze_duration(counted(limit=5))
    assert analysis.loops == ()
    assert analysis.bounded_loops == ((("Work", "Increment", "Check"), 6),)
    assert analysis.longest.seconds == 60
    assert any("at most 6 passes" in note for note in analysis.notes)
    assert analyze_duration(counted(limit=50, step=10)).longest.seconds == 60


@pytest.mark.parametrize(
    "breaks",
    [
        lambda d: d["States"]["Work"].pop("ResultPath"),  # the Task's output replaces $
        lambda d: d["States"]["Init"].update(Result={"count.$": "$.start"}),  # not a literal
        lambda d: d["States"].pop("Init") and d.update(StartAt="Work"),  # from the input
        lambda d: d["States"]["Increment"]["Parameters"].update(
            {"count.$": "States.MathAdd($.iter.count, $.step)"}
        ),
        lambda d: d["States"]["Check"]["Choices"][0].update(
            NumericLessThan=None, NumericLessThanPath="$.limit"
        ),
    ],
)
def test_anything_less_than_a_literal_counter_stays_unbounded(breaks: Any) -> None:
    definition = copy.deepcopy(counted())
    breaks(definition)
    analysis = analyze_duration(definition)
    assert analysis.longest.seconds is None and analysis.bounded_loops == ()


def test_jsonata_variables_count_too() -> None:
    definition = {
        "QueryLanguage": "JSONata",
        "StartAt": "Init",
        "States": {
            "Init": {"Type": "Pass", "Assign": {"n": 0}, "Next": "Work"},
            "Work": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "TimeoutSeconds": 30,
                "Assign": {"n": "{% $n + 1 %}"},
                "Next": "More?",
            },
            "More?": {
                "Type": "Choice",
                "Choices": [{"Condition": "{% $n >= 3 %}", "Next": "Done"}],
                "Default": "Work",
            },
            "Done": {"Type": "Succeed"},
        },
    }
    assert analyze_duration(definition).longest.seconds == 120
    definition["States"]["Work"]["Assign"] = {"n": "{% $n + $states.input.step %}"}
    assert analyze_duration(definition).longest.seconds is None


def machine(definition: dict[str, Any]) -> Design:
    design = Design()
    node = new_node(
        design,
        "aws.stepfunctions.state_machine",
        label="flow",
        config={"workflow_type": "STANDARD", "definition": definition},
    )
    design.add_node(node)
    return design


def rules_of(design: Design) -> set[str]:
    return {f.rule for f in validate(design) if f.rule.startswith("SFN_")}


def test_rules_see_the_bound_and_its_history() -> None:
    assert rules_of(machine(counted(limit=5))) == set()
    broken = counted(limit=5)
    del broken["States"]["Work"]["ResultPath"]
    assert "SFN_STANDARD_HISTORY" in rules_of(machine(broken))
    assert "SFN_STANDARD_HISTORY" in rules_of(machine(counted(limit=10_000)))


def test_a_counter_written_with_a_non_string_key_is_skipped_not_an_error() -> None:
    """Definitions built in code (not parsed JSON) can hold non-string keys; the analysis
    never raises on them (it raised AttributeError on key.removesuffix)."""
    definition = counted(limit=5)
    definition["States"]["Increment"]["Parameters"][7] = "States.MathAdd($.iter.count, 1)"
    definition["States"]["Work"]["Assign"] = {3: "{% $count + 1 %}"}
    analysis = analyze_duration(definition)
    assert analysis.longest.seconds == analyze_duration(counted(limit=5)).longest.seconds
