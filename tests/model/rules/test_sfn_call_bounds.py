"""Duration rules bound each Task by what it calls; one finding per cause (loops, misplaced keys)."""

from __future__ import annotations

from typing import Any

from helpers import add, design, findings, machine, none, only, set_config

from model.limits import default_limits
from model.rules import validate

SM = "aws.stepfunctions.state_machine"
LIMITS = default_limits()
EXPRESS_MAX = LIMITS.value("SFN_MAX_DURATION_S", "EXPRESS")
DURATION = ("SFN_STANDARD_DURATION", "SFN_EXPRESS_DURATION", "SFN_STANDARD_HISTORY")


def chain(*tasks: dict[str, Any]) -> dict[str, Any]:
    """A loop-free chain of Task states T0 -> T1 -> ... in the given order."""
    states: dict[str, Any] = {}
    for index, task in enumerate(tasks):
        state = {"Type": "Task", **task}
        if index + 1 < len(tasks):
            state["Next"] = f"T{index + 1}"
        else:
            state["End"] = True
        states[f"T{index}"] = state
    return {"StartAt": "T0", "States": states}


LAMBDA = {"Resource": "arn:aws:states:::lambda:invoke", "Parameters": {"FunctionName": "f"}}
SNS = {"Resource": "arn:aws:states:::sns:publish", "Parameters": {"TopicArn": "t", "Message": "m"}}
DDB = {"Resource": "arn:aws:states:::dynamodb:putItem", "Parameters": {"TableName": "t"}}
SDK = {"Resource": "arn:aws:states:::aws-sdk:s3:getObject", "Parameters": {"Bucket": "b"}}
CALLBACK = {
    "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
    "Parameters": {"QueueUrl": "q", "MessageBody": {"Token.$": "$$.Task.Token"}},
}


def test_lambda_invoke_and_quick_calls_are_bounded_in_standard() -> None:
    d, _, _ = machine(chain(LAMBDA, SNS, DDB, SDK), workflow="STANDARD")
    none(d, "SFN_STANDARD_DURATION")
    d, _, _ = machine(chain(LAMBDA, SNS, CALLBACK), workflow="STANDARD")
    finding = only(d, "SFN_STANDARD_DURATION")
    assert "Task T2 waits for a task token" in finding.message
    assert "set TimeoutSeconds" in finding.message and "T0" not in finding.message


def test_callback_with_timeout_is_bounded_and_heartbeat_alone_is_not() -> None:
    none(
        machine(chain(LAMBDA, {**CALLBACK, "TimeoutSeconds": 3600}), workflow="STANDARD")[0],
        "SFN_STANDARD_DURATION",
    )
    d, _, _ = machine(chain({**CALLBACK, "HeartbeatSeconds": 60}), workflow="STANDARD")
    assert "HeartbeatSeconds only catches" in only(d, "SFN_STANDARD_DURATION").message


def test_activity_stays_unbounded() -> None:
    activity = {"Resource": "arn:aws:states:us-east-1:123456789012:activity:review"}
    assert (
        "Activity"
        in only(machine(chain(activity), workflow="STANDARD")[0], "SFN_STANDARD_DURATION").message
    )
    none(
        machine(chain({**activity, "TimeoutSeconds": 60}), workflow="STANDARD")[0],
        "SFN_STANDARD_DURATION",
    )


def test_express_with_only_quick_calls_gives_no_duration_warning() -> None:
    d, _, _ = machine(chain(SNS, DDB, SDK), workflow="EXPRESS")
    none(d, "SFN_EXPRESS_DURATION")
    slow = {"Type": "Wait", "Seconds": EXPRESS_MAX, "Next": "T0"}
    definition = chain(SNS, DDB)
    definition["States"]["Pause"] = slow
    definition["StartAt"] = "Pause"
    assert only(machine(definition, workflow="EXPRESS")[0], "SFN_EXPRESS_DURATION")


def test_unbound_lambda_invoke_counts_lambdas_maximum_timeout() -> None:
    d, _, _ = machine(chain(LAMBDA), workflow="EXPRESS")
    finding = only(d, "SFN_EXPRESS_DURATION")
    assert finding.severity == "warning" and "900 s" in finding.message


def test_bound_lambda_invoke_uses_the_functions_timeout() -> None:
    d = design()
    fn = add(d, "aws.lambda", "worker", timeout_s=30)
    invoke = {
        "Resource": "arn:aws:states:::lambda:invoke",
        "Parameters": {"FunctionName": "${Fn}"},
    }
    add(
        d,
        SM,
        "flow",
        workflow_type="EXPRESS",
        definition=chain(invoke),
        definition_substitutions={"Fn": fn},
    )
    none(d, "SFN_EXPRESS_DURATION")
    set_config(d, fn, timeout_s=EXPRESS_MAX + 1)
    assert only(d, "SFN_EXPRESS_DURATION").severity == "warning"


def test_nested_sync_execution_is_bounded_by_the_child_workflow_type() -> None:
    d = design()
    child = add(d, SM, "child", workflow_type="EXPRESS")
    start = {
        "Resource": "arn:aws:states:::states:startExecution.sync:2",
        "Parameters": {"StateMachineArn": "${Child}"},
    }
    parent = add(
        d, SM, "parent", definition=chain(start), definition_substitutions={"Child": child}
    )
    none(d, "SFN_STANDARD_DURATION")
    set_config(d, parent, definition_substitutions={})
    assert "child execution" in only(d, "SFN_STANDARD_DURATION").message


def test_batch_sync_job_is_bounded_by_the_job_timeout() -> None:
    d = design()
    job = add(d, "aws.batch.job_definition", "job", timeout_s=3600)
    submit = {
        "Resource": "arn:aws:states:::batch:submitJob.sync",
        "Parameters": {"JobDefinition": "${Job}", "JobName": "n", "JobQueue": "q"},
    }
    add(d, SM, "flow", definition=chain(submit), definition_substitutions={"Job": job})
    none(d, "SFN_STANDARD_DURATION")
    set_config(d, job, timeout_s=None)
    assert "job timeout" in only(d, "SFN_STANDARD_DURATION").message


def test_ecs_sync_task_stays_unbounded() -> None:
    run = {"Resource": "arn:aws:states:::ecs:runTask.sync", "Parameters": {"Cluster": "c"}}
    assert (
        "no maximum run time"
        in only(machine(chain(run), workflow="STANDARD")[0], "SFN_STANDARD_DURATION").message
    )
    none(
        machine(chain({**run, "TimeoutSeconds": 7200}), workflow="STANDARD")[0],
        "SFN_STANDARD_DURATION",
    )


GLUE = {"Resource": "arn:aws:states:::glue:startJobRun.sync", "Parameters": {"JobName": "etl"}}


def test_a_sync_job_with_a_service_maximum_is_bounded_by_it() -> None:
    longest = LIMITS.value("SFN_SYNC_JOB_MAX_S", "glue:startJobRun")
    assert longest == 7 * 24 * 3600
    none(machine(chain(GLUE), workflow="STANDARD")[0], "SFN_STANDARD_DURATION")
    finding = only(machine(chain(GLUE), workflow="EXPRESS")[0], "SFN_EXPRESS_DURATION")
    assert "glue:startJobRun job runs at most" in finding.message
    emr = {**GLUE, "Resource": "arn:aws:states:::elasticmapreduce:addStep.sync"}
    finding = only(machine(chain(emr), workflow="STANDARD")[0], "SFN_STANDARD_DURATION")
    assert "no limit ArchCanvas knows" in finding.message


def test_a_sync_job_bound_comes_from_the_limits_data() -> None:
    limits = LIMITS.replaced("SFN_SYNC_JOB_MAX_S", {"glue:startJobRun": 40 * 365 * 24 * 3600})
    d, _, _ = machine(chain(GLUE), workflow="STANDARD")
    assert "SFN_STANDARD_DURATION" in {f.rule for f in validate(d, limits=limits)}


def polling_loop(task: dict[str, Any]) -> dict[str, Any]:
    return {
        "StartAt": "Check",
        "States": {
            "Check": {"Type": "Task", **task, "Next": "Done?"},
            "Done?": {
                "Type": "Choice",
                "Choices": [{"Variable": "$.done", "BooleanEquals": True, "Next": "Done"}],
                "Default": "Pause",
            },
            "Pause": {"Type": "Wait", "Seconds": 30, "Next": "Check"},
            "Done": {"Type": "Succeed"},
        },
    }


def test_a_loop_in_a_standard_workflow_gives_one_finding_naming_both_limits() -> None:
    d, _, _ = machine(polling_loop(LAMBDA), workflow="STANDARD")
    found = [f for f in validate(d) if f.rule in DURATION]
    assert len(found) == 1, [f.message for f in found]
    assert found[0].rule == "SFN_STANDARD_HISTORY"
    assert "25,000 events" in found[0].message and "Standard limit" in found[0].message
    assert "Check -> Done? -> Pause -> Check" in found[0].message


def test_a_loop_and_an_unbounded_task_are_two_causes() -> None:
    d, _, _ = machine(polling_loop(CALLBACK), workflow="STANDARD")
    assert only(d, "SFN_STANDARD_HISTORY")
    assert "Task Check waits for a task token" in only(d, "SFN_STANDARD_DURATION").message


def test_misplaced_query_language_is_one_structure_finding() -> None:
    jsonata = {
        "StartAt": "A",
        "States": {
            "QueryLanguage": "JSONata",
            "A": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Arguments": {"FunctionName": "f"},
                "Output": "{% $states.result.Payload %}",
                "Next": "B",
            },
            "B": {"Type": "Pass", "Output": {"ok": True}, "Next": "C"},
            "C": {
                "Type": "Choice",
                "Choices": [{"Condition": "{% $states.input.ok %}", "Next": "D"}],
                "Default": "D",
            },
            "D": {"Type": "Succeed"},
        },
    }
    finding = only(machine(jsonata, workflow="STANDARD")[0], "SFN_ASL_STRUCTURE")
    assert "'QueryLanguage' belongs at the top level" in finding.message
    fixed = {"QueryLanguage": "JSONata", **jsonata, "States": dict(jsonata["States"])}
    del fixed["States"]["QueryLanguage"]
    none(machine(fixed, workflow="STANDARD")[0], "SFN_ASL_STRUCTURE")


def test_states_as_an_array_is_one_structure_finding() -> None:
    wrong = {"StartAt": "A", "States": [{"Name": "A", "Type": "Pass", "End": True}]}
    assert (
        "States must be an object"
        in only(machine(wrong, workflow="STANDARD")[0], "SFN_ASL_STRUCTURE").message
    )
    assert [
        f for f in findings(machine(wrong, workflow="STANDARD")[0], "SFN_STANDARD_DURATION")
    ] == []
