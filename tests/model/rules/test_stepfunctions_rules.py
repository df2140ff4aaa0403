"""Step Functions rules on state machines with definitions, substitutions and invokes edges."""

from __future__ import annotations

from typing import Any

import pytest
from helpers import add, connect, design, findings, machine, none, only, poll_loop, set_config

from model.limits import default_limits

LIMITS = default_limits()
SM = "aws.stepfunctions.state_machine"
EXPRESS_MAX = LIMITS.value("SFN_MAX_DURATION_S", "EXPRESS")
STANDARD_MAX = LIMITS.value("SFN_MAX_DURATION_S", "STANDARD")
LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke"


def wait_then_task(wait_s: int, task: dict[str, Any] | None = None) -> dict[str, Any]:
    call = {
        "Type": "Task",
        "Resource": LAMBDA_INVOKE,
        "Arguments": {"FunctionName": "${Fn}"},
        "End": True,
    }
    return {
        "QueryLanguage": "JSONata",
        "StartAt": "Pause",
        "States": {
            "Pause": {"Type": "Wait", "Seconds": wait_s, "Next": "Call"},
            "Call": {**call, **(task or {})},
        },
    }


def test_asl_structure_one_finding_per_problem() -> None:
    broken = {"StartAt": "Missing", "States": {"A": {"Type": "Pass"}}}
    d, sm, _ = machine(broken)
    found = findings(d, "SFN_ASL_STRUCTURE")
    assert len(found) >= 2
    assert all(f.elements == (sm,) and f.message.startswith("“flow”: ") for f in found)
    assert any("StartAt" in f.message for f in found)
    none(machine(wait_then_task(1, {"TimeoutSeconds": 20}))[0], "SFN_ASL_STRUCTURE")


def test_express_duration_error_when_even_the_shortest_path_is_too_long() -> None:
    d, sm, _ = machine(wait_then_task(EXPRESS_MAX + 1, {"TimeoutSeconds": 20}))
    finding = only(d, "SFN_EXPRESS_DURATION")
    assert finding.severity == "error"
    assert "shortest path (Pause" in finding.message and f"{EXPRESS_MAX + 1:,} s" in finding.message
    none(
        machine(wait_then_task(EXPRESS_MAX - 30, {"TimeoutSeconds": 20}))[0], "SFN_EXPRESS_DURATION"
    )


def test_express_duration_warning_when_only_the_longest_can_exceed() -> None:
    d, _, _ = machine(wait_then_task(EXPRESS_MAX - 30, {"TimeoutSeconds": 60}))
    finding = only(d, "SFN_EXPRESS_DURATION")
    assert finding.severity == "warning" and "longest path (Pause -> Call)" in finding.message


def test_express_duration_uses_the_function_timeout_as_task_bound() -> None:
    d, _, fn = machine(wait_then_task(EXPRESS_MAX - 30), fn_timeout=10)
    none(d, "SFN_EXPRESS_DURATION")
    set_config(d, fn, timeout_s=60)
    assert only(d, "SFN_EXPRESS_DURATION").severity == "warning"


def test_express_duration_names_an_unbounded_loop() -> None:
    loop = poll_loop()
    d, _, _ = machine(loop)
    finding = only(d, "SFN_EXPRESS_DURATION")
    assert finding.severity == "warning" and "loop Poll -> Check -> Poll" in finding.message


def test_express_duration_without_definition_uses_expected_duration() -> None:
    d, _, _ = machine(None, expected_duration_s=EXPRESS_MAX + 1)
    assert only(d, "SFN_EXPRESS_DURATION").severity == "error"
    none(machine(None, expected_duration_s=EXPRESS_MAX)[0], "SFN_EXPRESS_DURATION")


def test_standard_duration() -> None:
    d, _, _ = machine(wait_then_task(STANDARD_MAX + 1, {"TimeoutSeconds": 20}), workflow="STANDARD")
    assert only(d, "SFN_STANDARD_DURATION").severity == "error"
    none(
        machine(wait_then_task(EXPRESS_MAX + 1, {"TimeoutSeconds": 20}), workflow="STANDARD")[0],
        "SFN_STANDARD_DURATION",
    )


def test_express_integration_pattern_in_resource_and_on_edges() -> None:
    sync = {
        "StartAt": "Run",
        "States": {
            "Run": {"Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync", "End": True}
        },
    }
    d, sm, _ = machine(sync)
    assert "runTask.sync" in only(d, "SFN_EXPRESS_INTEGRATION_PATTERN").message
    none(machine(sync, workflow="STANDARD")[0], "SFN_EXPRESS_INTEGRATION_PATTERN")
    d, sm, fn = machine(None)
    edge = connect(d, sm, fn, "invokes", integration_pattern="callback")
    assert only(d, "SFN_EXPRESS_INTEGRATION_PATTERN").elements == (sm, edge, fn)
    d, sm, fn = machine(None)
    connect(d, sm, fn, "invokes", integration_pattern="request_response")
    none(d, "SFN_EXPRESS_INTEGRATION_PATTERN")


def test_express_activity() -> None:
    activity = {
        "StartAt": "Do",
        "States": {
            "Do": {
                "Type": "Task",
                "Resource": "arn:aws:states:us-east-1:123456789012:activity:review",
                "TimeoutSeconds": 10,
                "End": True,
            }
        },
    }
    assert "Activit" in only(machine(activity)[0], "SFN_EXPRESS_ACTIVITY").message
    none(machine(activity, workflow="STANDARD")[0], "SFN_EXPRESS_ACTIVITY")


def test_lambda_task_timeout_missing_or_shorter() -> None:
    d, sm, fn = machine(wait_then_task(1), fn_timeout=30)
    assert "without TimeoutSeconds" in only(d, "SFN_LAMBDA_TASK_TIMEOUT").message
    d, sm, fn = machine(wait_then_task(1, {"TimeoutSeconds": 20}), fn_timeout=30)
    finding = only(d, "SFN_LAMBDA_TASK_TIMEOUT")
    assert (
        "20 s" in finding.message
        and "30 s" in finding.message
        and set(finding.elements) == {sm, fn}
    )
    none(
        machine(wait_then_task(1, {"TimeoutSeconds": 30}), fn_timeout=30)[0],
        "SFN_LAMBDA_TASK_TIMEOUT",
    )


def test_lambda_task_found_through_an_invokes_edge() -> None:
    plain = {
        "StartAt": "Call",
        "States": {
            "Call": {
                "Type": "Task",
                "Resource": "arn:aws:lambda:us-east-1:123456789012:function:worker",
                "End": True,
            }
        },
    }
    d = design()
    fn = add(d, "aws.lambda", "worker", timeout_s=30)
    sm = add(d, SM, "flow", definition=plain)
    none(d, "SFN_LAMBDA_TASK_TIMEOUT")
    edge = connect(d, sm, fn, "invokes")
    assert only(d, "SFN_LAMBDA_TASK_TIMEOUT").elements == (sm, fn, edge)


def test_standard_history_loop_and_large_inline_map() -> None:
    limit = LIMITS.value("SFN_STANDARD_HISTORY_EVENTS")
    loop = {
        "StartAt": "A",
        "States": {
            "A": {"Type": "Pass", "Next": "B"},
            "B": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.more", "BooleanEquals": True, "Next": "A"}],
                "Default": "Done",
            },
            "Done": {"Type": "Succeed"},
        },
    }
    assert (
        "loop A -> B -> A"
        in only(machine(loop, workflow="STANDARD")[0], "SFN_STANDARD_HISTORY").message
    )
    none(machine(loop)[0], "SFN_STANDARD_HISTORY")

    def mapped(count: int, mode: str = "INLINE") -> dict[str, Any]:
        return {
            "StartAt": "Each",
            "States": {
                "Each": {
                    "Type": "Map",
                    "ItemReader": {
                        "Resource": "arn:aws:states:::s3:getObject",
                        "ReaderConfig": {"MaxItems": count},
                    },
                    "ItemProcessor": {
                        "ProcessorConfig": {"Mode": mode},
                        "StartAt": "P",
                        "States": {"P": {"Type": "Pass", "End": True}},
                    },
                    "End": True,
                }
            },
        }

    assert (
        "Inline Map Each"
        in only(machine(mapped(limit), workflow="STANDARD")[0], "SFN_STANDARD_HISTORY").message
    )
    none(machine(mapped(limit - 1), workflow="STANDARD")[0], "SFN_STANDARD_HISTORY")
    none(machine(mapped(limit, "DISTRIBUTED"), workflow="STANDARD")[0], "SFN_STANDARD_HISTORY")


def test_payload_info_for_tasks_returning_lambda_output() -> None:
    d, sm, fn = machine(wait_then_task(1, {"TimeoutSeconds": 20}))
    finding = only(d, "SFN_PAYLOAD")
    assert finding.severity == "info" and finding.elements == (sm, fn)
    assert f"{LIMITS.value('SFN_PAYLOAD'):,} bytes" in finding.message
    none(
        machine({"StartAt": "P", "States": {"P": {"Type": "Pass", "End": True}}})[0], "SFN_PAYLOAD"
    )


def test_payload_quiet_when_the_task_trims_its_result() -> None:
    for trimming in ({"ResultSelector": {"key.$": "$.Payload.key"}}, {"ResultPath": None}):
        none(machine(wait_then_task(1, {"TimeoutSeconds": 20, **trimming}))[0], "SFN_PAYLOAD")


def test_express_idempotency_only_for_async_express() -> None:
    task = wait_then_task(1, {"TimeoutSeconds": 20})
    assert only(machine(task)[0], "SFN_EXPRESS_IDEMPOTENCY").severity == "info"
    none(machine(task, invocation="sync")[0], "SFN_EXPRESS_IDEMPOTENCY")
    none(machine(task, workflow="STANDARD")[0], "SFN_EXPRESS_IDEMPOTENCY")


def test_substitution_to_a_missing_node_is_reported() -> None:
    d, sm, fn = machine(wait_then_task(1, {"TimeoutSeconds": 20}))
    none(d, "SFN_SUBSTITUTION_UNKNOWN")
    d.set_config(
        sm, d.node(sm).config.model_copy(update={"definition_substitutions": {"Fn": "gone"}})
    )
    finding = only(d, "SFN_SUBSTITUTION_UNKNOWN")
    assert finding.elements == (sm,) and "'gone'" in finding.message


def test_substitution_keys_may_be_written_with_the_dollar_braces() -> None:
    plain, _, _ = machine(wait_then_task(1), fn_timeout=400)
    braced, sm, fn = machine(wait_then_task(1), fn_timeout=400)
    config = braced.node(sm).config.model_copy(update={"definition_substitutions": {"${Fn}": fn}})
    braced.set_config(sm, config)
    assert (
        only(braced, "SFN_EXPRESS_DURATION").message == only(plain, "SFN_EXPRESS_DURATION").message
    )
    none(braced, "SFN_SUBSTITUTION_UNKNOWN")


def test_forgetting_the_analyses_forgets_the_kept_state_bounds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The benchmark's cold pass starts from nothing, as opening a file does."""
    from model.rules import validate
    from model.rules.stepfunctions_rules import forget_definition_analyses
    from model.stepfunctions import duration

    monkeypatch.setattr(duration, "KEEP_STATE_COSTS_FROM", 0)
    forget_definition_analyses()
    validate(machine(poll_loop())[0])
    assert len(duration._STATE_COSTS) > 0
    forget_definition_analyses()
    assert len(duration._STATE_COSTS) == 0


def test_a_duration_analysis_is_kept_by_the_bounds_of_untimed_tasks_only() -> None:
    """Machines that share a definition share its duration analysis when the Tasks without
    TimeoutSeconds have the same call bounds, whatever the timed Tasks call."""
    from model.rules.stepfunctions_rules import DefinitionAnalyses

    timed = {"Type": "Task", "Resource": LAMBDA_INVOKE, "TimeoutSeconds": 30, "Next": "B"}
    untimed = {"Type": "Task", "Resource": LAMBDA_INVOKE, "End": True}
    analyses = DefinitionAnalyses({"StartAt": "A", "States": {"A": timed, "B": untimed}})
    first = analyses.duration((("States.A", 5.0), ("States.B", 10.0)))
    assert first.longest.seconds == 40
    assert analyses.duration((("States.A", 900.0), ("States.B", 10.0))) is first
    other = analyses.duration((("States.A", 5.0), ("States.B", 60.0)))
    assert other is not first and other.longest.seconds == 90
