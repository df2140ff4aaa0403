"""Findings about workflow states say which states, by definition path, so editors place their
badges without reading messages; the JSON contract gains the field only where it applies."""

from __future__ import annotations

import json
from typing import Any

from helpers import findings, machine, only, poll_loop

from model.rules import StateRef, validate

SM = "aws.stepfunctions.state_machine"
LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke"


def task(following: str | None = None, **extra: Any) -> dict[str, Any]:
    state: dict[str, Any] = {
        "Type": "Task",
        "Resource": LAMBDA_INVOKE,
        "Parameters": {"FunctionName": "${Fn}"},
        **extra,
    }
    state.update({"Next": following} if following else {"End": True})
    return state


def fan_out(inner: dict[str, Any]) -> dict[str, Any]:
    """A Parallel named with a dot whose one branch holds the state 'Work'."""
    return {
        "StartAt": "Fan.out",
        "States": {
            "Fan.out": {
                "Type": "Parallel",
                "Branches": [{"StartAt": "Work", "States": {"Work": inner}}],
                "End": True,
            }
        },
    }


WORK = "States.Fan.out.Branches[0].States.Work"


def test_structure_problem_inside_a_nested_state_points_at_that_state() -> None:
    d, sm, _ = machine(fan_out(task(TimeoutSeconds=20, Retry=[{"MaxAttempts": 2}])))
    found = findings(d, "SFN_ASL_STRUCTURE")
    assert found
    assert all(f.states == (StateRef(sm, WORK),) for f in found), [f.message for f in found]


def test_top_level_structure_problem_names_no_state() -> None:
    d, _, _ = machine({"StartAt": "Missing", "States": {"A": {"Type": "Pass", "End": True}}})
    start = [f for f in findings(d, "SFN_ASL_STRUCTURE") if "StartAt:" in f.message]
    assert start and start[0].states == ()


def test_task_rules_point_at_their_task() -> None:
    d, sm, _ = machine(fan_out(task(TimeoutSeconds=10)), fn_timeout=30)
    assert only(d, "SFN_LAMBDA_TASK_TIMEOUT").states == (StateRef(sm, WORK),)
    assert only(d, "SFN_PAYLOAD").states == (StateRef(sm, WORK),)
    sync = task(TimeoutSeconds=40)
    sync["Resource"] = "arn:aws:states:::ecs:runTask.sync"
    d, sm, _ = machine(fan_out(sync))
    assert only(d, "SFN_EXPRESS_INTEGRATION_PATTERN").states == (StateRef(sm, WORK),)


def test_loop_and_unbounded_task_findings_point_at_their_states() -> None:
    loop = poll_loop()
    d, sm, _ = machine(loop)
    express = only(d, "SFN_EXPRESS_DURATION")
    assert express.states == (StateRef(sm, "States.Poll"), StateRef(sm, "States.Check"))
    d, sm, _ = machine(loop, workflow="STANDARD")
    assert StateRef(sm, "States.Poll") in only(d, "SFN_STANDARD_HISTORY").states
    callback = task(Resource="arn:aws:states:::sqs:sendMessage.waitForTaskToken")
    d, sm, _ = machine(fan_out(callback), workflow="STANDARD")
    causes = [f for f in findings(d, "SFN_STANDARD_DURATION") if f.states]
    assert causes and causes[0].states == (StateRef(sm, WORK),)


def test_json_has_states_only_when_a_finding_is_about_states() -> None:
    d, sm, _ = machine(fan_out(task(TimeoutSeconds=10)), fn_timeout=30)
    documents = [f.to_json() for f in validate(d)]
    timeout = next(doc for doc in documents if doc["rule"] == "SFN_LAMBDA_TASK_TIMEOUT")
    assert timeout["states"] == [{"element": sm, "path": WORK}]
    assert list(timeout)[:6] == ["rule", "severity", "message", "elements", "source", "hint"]
    d, _, _ = machine({"StartAt": "Missing", "States": {"A": {"Type": "Pass", "End": True}}})
    start = next(f.to_json() for f in validate(d) if "StartAt:" in f.message)
    assert set(start) == {"rule", "severity", "message", "elements", "source", "hint"}
    json.dumps(documents)
