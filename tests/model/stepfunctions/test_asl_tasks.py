"""task_refs: every Task, nested ones too, with its integration pattern and placeholders."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from model.stepfunctions import CALLBACK, REQUEST_RESPONSE, SYNC, TaskRef, task_refs
from model.stepfunctions.tasks import integration_pattern, is_activity_arn


def test_fixture_tasks_in_definition_order(load_fixture: Callable[[str], object]) -> None:
    refs = task_refs(load_fixture("order_fulfilment_classic.json"))
    assert [r.state_name for r in refs] == [
        "ReserveStock",
        "ChargeCard",
        "PickItem",
        "PrintLabel",
        "ShipOrder",
        "ReleaseStock",
    ]
    by_name = {r.state_name: r for r in refs}
    assert by_name["ChargeCard"].integration_pattern == CALLBACK
    assert by_name["PrintLabel"].integration_pattern == SYNC
    assert by_name["ShipOrder"].integration_pattern == SYNC
    assert by_name["ReleaseStock"].integration_pattern == REQUEST_RESPONSE
    assert by_name["PickItem"].is_activity
    assert by_name["PickItem"].state_path == (
        "States.Fulfil.Branches[1].States.PackLines.ItemProcessor"
        ".States.PickAndLabel.Branches[0].States.PickItem"
    )
    assert by_name["PrintLabel"].placeholders == ("LabelClusterArn", "LabelTaskDefinitionArn")
    assert by_name["ChargeCard"].timeout_s == 900.0
    assert by_name["ChargeCard"].heartbeat_s == 300.0


def test_placeholder_resource_and_activity_with_placeholders(
    load_fixture: Callable[[str], object],
) -> None:
    refs = {r.state_name: r for r in task_refs(load_fixture("image_pipeline.json"))}
    assert refs["ValidateUpload"] == TaskRef(
        state_path="States.ValidateUpload",
        state_name="ValidateUpload",
        resource="${ValidateFunctionArn}",
        integration_pattern=REQUEST_RESPONSE,
        is_activity=False,
        placeholders=("ValidateFunctionArn",),
        timeout_s=30.0,
        heartbeat_s=None,
    )
    review = refs["ManualReview"]
    assert review.is_activity
    assert review.placeholders == ("Region", "AccountId")
    assert refs["ResizeSmall"].placeholders == ("ResizeFunctionArn",)
    assert refs["ResizeSmall"].state_path == "States.ResizeAll.Branches[0].States.ResizeSmall"


def test_jsonata_arguments_and_dynamic_timeout(load_fixture: Callable[[str], object]) -> None:
    refs = {r.state_name: r for r in task_refs(load_fixture("jsonata_orders.json"))}
    approver = refs["AskApprover"]
    assert approver.integration_pattern == CALLBACK
    assert approver.placeholders == ("ApprovalFunctionArn",)
    assert approver.timeout_s is None
    assert refs["ShipLine"].state_path == "States.ShipLines.ItemProcessor.States.ShipLine"


@pytest.mark.parametrize(
    ("resource", "pattern"),
    [
        ("arn:aws:states:::ecs:runTask.sync", SYNC),
        ("arn:aws:states:::states:startExecution.sync:2", SYNC),
        ("arn:aws:states:::glue:startJobRun.sync", SYNC),
        ("arn:aws:states:::sqs:sendMessage.waitForTaskToken", CALLBACK),
        ("arn:aws:states:::lambda:invoke.waitForTaskToken", CALLBACK),
        ("arn:aws:states:::lambda:invoke", REQUEST_RESPONSE),
        ("arn:aws:lambda:us-east-1:123456789012:function:sync", REQUEST_RESPONSE),
        ("${FunctionArn}", REQUEST_RESPONSE),
        ("", REQUEST_RESPONSE),
    ],
)
def test_integration_pattern(resource: str, pattern: str) -> None:
    assert integration_pattern(resource) == pattern


@pytest.mark.parametrize(
    ("resource", "expected"),
    [
        ("arn:aws:states:us-east-1:123456789012:activity:review", True),
        ("arn:aws-cn:states:cn-north-1:123456789012:activity:review", True),
        ("arn:aws:states:${AWS::Region}:${AWS::AccountId}:activity:review", True),
        ("arn:aws:states:${Region}:${Account}:activity:${Name}", True),
        ("arn:aws:states:::lambda:invoke", False),
        ("arn:aws:states:us-east-1:123456789012:stateMachine:flow", False),
        ("${ActivityArn}", False),
    ],
)
def test_activity_arns(resource: str, expected: bool) -> None:
    assert is_activity_arn(resource) is expected


def test_placeholders_from_resource_parameters_and_arguments_only() -> None:
    definition = {
        "StartAt": "T",
        "States": {
            "T": {
                "Type": "Task",
                "Resource": "arn:aws:states:::${Service}:invoke",
                "Parameters": {"FunctionName": "${Fn}", "Nested": ["${Fn}", {"${Key}": 1}]},
                "Comment": "${NotCounted}",
                "End": True,
            }
        },
    }
    assert task_refs(definition)[0].placeholders == ("Service", "Fn", "Key")


@pytest.mark.parametrize(
    "definition",
    [None, [], {"States": []}, {"States": {"T": "not a state"}}, {"States": {1: {}}}],
)
def test_malformed_definitions_give_no_refs(definition: object) -> None:
    assert task_refs(definition) == []


def test_task_without_resource_still_listed() -> None:
    refs = task_refs({"StartAt": "T", "States": {"T": {"Type": "Task", "TimeoutSeconds": "9"}}})
    assert refs == [
        TaskRef("States.T", "T", "", REQUEST_RESPONSE, False, (), None, None),
    ]


def test_pattern_choices_follow_the_integration() -> None:
    from model.stepfunctions.tasks import (
        CALLBACK,
        REQUEST_RESPONSE,
        SYNC,
        patterns_for,
        with_pattern,
    )

    ecs = "arn:aws:states:::ecs:runTask"
    assert patterns_for(ecs) == (REQUEST_RESPONSE, SYNC, CALLBACK)
    assert with_pattern(ecs, SYNC) == ecs + ".sync"
    assert with_pattern(ecs + ".sync", CALLBACK) == ecs + ".waitForTaskToken"
    assert with_pattern(ecs + ".waitForTaskToken", REQUEST_RESPONSE) == ecs
    nested = "arn:aws:states:::states:startExecution"
    assert with_pattern(nested, SYNC) == nested + ".sync:2"
    assert with_pattern(nested + ".sync", SYNC) == nested + ".sync"
    assert patterns_for("arn:aws:states:::lambda:invoke") == (REQUEST_RESPONSE, CALLBACK)
    assert patterns_for("arn:aws:states:::dynamodb:putItem") == (REQUEST_RESPONSE,)
    assert patterns_for("arn:aws:states:::aws-sdk:s3:getObject") == (REQUEST_RESPONSE, CALLBACK)
    assert patterns_for("arn:aws:lambda:us-east-1:123456789012:function:f") == ()
    assert patterns_for(None) == ()
    assert with_pattern("not an arn", SYNC) == "not an arn"
