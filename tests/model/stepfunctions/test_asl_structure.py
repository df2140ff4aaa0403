"""One negative test per kind of problem check_structure reports, plus what it must accept."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from model.stepfunctions import AslProblem, check_structure

Definition = dict[str, Any]


def machine(**states: Any) -> Definition:
    """A definition whose StartAt is the first state given."""
    return {"StartAt": next(iter(states)), "States": states}


def task(**fields: Any) -> dict[str, Any]:
    return {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": True, **fields}


def only(problems: list[AslProblem]) -> AslProblem:
    assert len(problems) == 1, problems
    return problems[0]


def assert_problem(definition: object, path: str, *words: str) -> AslProblem:
    """Exactly one problem, at ``path``, whose message contains every word."""
    problem = only(check_structure(definition))
    assert problem.path == path
    for word in words:
        assert word in problem.message, (word, problem.message)
    return problem


# -- the machine ---------------------------------------------------------------------------------


@pytest.mark.parametrize("definition", [[], "{}", None, 3])
def test_definition_must_be_an_object(definition: object) -> None:
    assert_problem(definition, "", "JSON object")


def test_missing_states() -> None:
    assert_problem({"StartAt": "A"}, "States", "no States")


def test_states_must_be_an_object() -> None:
    assert_problem({"StartAt": "A", "States": [{"Type": "Pass"}]}, "States", "States must be")


def test_missing_start_at() -> None:
    assert_problem({"States": {"A": {"Type": "Succeed"}}}, "StartAt", "no StartAt")


def test_start_at_must_name_a_state() -> None:
    assert_problem(machine(A={"Type": "Succeed"}) | {"StartAt": "B"}, "StartAt", "'B'", "StartAt")


def test_unknown_top_level_field() -> None:
    definition = machine(A={"Type": "Succeed"}) | {"Timeout": 5}
    assert_problem(definition, "Timeout", "'Timeout'", "not allowed")


def test_top_level_timeout_must_be_positive() -> None:
    definition = machine(A={"Type": "Succeed"}) | {"TimeoutSeconds": 0}
    assert_problem(definition, "TimeoutSeconds", "TimeoutSeconds", "positive integer")


# -- transitions ---------------------------------------------------------------------------------


def test_next_names_no_state() -> None:
    resize = {
        "Type": "Task",
        "Resource": "${ResizeFunctionArn}",
        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Done"}],
        "Next": "Foo",
    }
    problem = only(check_structure(machine(Resize=resize, Done={"Type": "Succeed"})))
    assert problem == AslProblem(
        "States.Resize.Next", "State 'Resize': Next names 'Foo', which is not a state"
    )


def test_default_names_no_state() -> None:
    definition = machine(
        Pick={
            "Type": "Choice",
            "Choices": [{"Variable": "$.x", "IsPresent": True, "Next": "Done"}],
            "Default": "Missing",
        },
        Done={"Type": "Succeed"},
    )
    assert_problem(definition, "States.Pick.Default", "'Pick'", "Default", "'Missing'")


def test_choice_rule_next_names_no_state() -> None:
    definition = machine(
        Pick={
            "Type": "Choice",
            "Choices": [{"Variable": "$.x", "IsPresent": True, "Next": "Gone"}],
            "Default": "Done",
        },
        Done={"Type": "Succeed"},
    )
    assert_problem(definition, "States.Pick.Choices[0].Next", "'Pick'", "Choices[0] Next", "'Gone'")


def test_catch_next_names_no_state() -> None:
    definition = machine(Work=task(Catch=[{"ErrorEquals": ["States.ALL"], "Next": "Handler"}]))
    assert_problem(definition, "States.Work.Catch[0].Next", "'Work'", "Catch[0] Next", "'Handler'")


def test_next_into_another_branch_is_explained() -> None:
    definition = machine(
        Par={
            "Type": "Parallel",
            "Branches": [
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"}}},
                {"StartAt": "B", "States": {"B": {"Type": "Pass", "End": True}}},
            ],
            "End": True,
        }
    )
    problems = check_structure(definition)
    next_problem = next(p for p in problems if p.path == "States.Par.Branches[0].States.A.Next")
    assert "'B'" in next_problem.message
    assert "States.Par.Branches[1].States.B" in next_problem.message


# -- graph ---------------------------------------------------------------------------------------


def test_no_terminal_state() -> None:
    definition = machine(A={"Type": "Pass", "Next": "B"}, B={"Type": "Pass", "Next": "A"})
    assert_problem(definition, "States", "no reachable terminal state", "End: true")


def test_unreachable_state() -> None:
    definition = machine(A={"Type": "Succeed"}, Orphan={"Type": "Pass", "End": True})
    assert_problem(definition, "States.Orphan", "'Orphan'", "not reachable", "'A'")


def test_catch_makes_a_state_reachable() -> None:
    definition = machine(
        Work=task(Catch=[{"ErrorEquals": ["States.ALL"], "Next": "Recover"}]),
        Recover={"Type": "Fail", "Error": "Broken"},
    )
    assert check_structure(definition) == []


def test_next_and_end_together() -> None:
    definition = machine(A={"Type": "Pass", "Next": "B", "End": True}, B={"Type": "Succeed"})
    assert_problem(definition, "States.A.End", "'A'", "both Next and End")


def test_neither_next_nor_end() -> None:
    definition = machine(A={"Type": "Pass"}, B={"Type": "Succeed"})
    problems = check_structure(definition)
    neither = next(p for p in problems if p.path == "States.A")
    assert "'A'" in neither.message and "neither Next nor End" in neither.message


def test_end_false_without_next() -> None:
    definition = machine(A={"Type": "Pass", "End": False}, B={"Type": "Succeed"})
    assert any(
        p.path == "States.A" and "neither Next nor End" in p.message
        for p in check_structure(definition)
    )


# -- state types and required fields -------------------------------------------------------------


def test_unknown_type() -> None:
    definition = machine(A={"Type": "Lambda", "End": True})
    problems = check_structure(definition)
    assert problems[0].path == "States.A.Type"
    assert "'A'" in problems[0].message and "'Lambda'" in problems[0].message


def test_missing_type() -> None:
    definition = machine(A={"End": True})
    assert problems_at(definition, "States.A.Type")


def problems_at(definition: object, path: str) -> list[AslProblem]:
    return [p for p in check_structure(definition) if p.path == path]


def test_task_needs_resource() -> None:
    definition = machine(A={"Type": "Task", "End": True})
    assert_problem(definition, "States.A.Resource", "'A'", "Resource")


@pytest.mark.parametrize(
    ("fields", "found"),
    [
        ({}, "none"),
        ({"Seconds": 5, "Timestamp": "2026-01-01T00:00:00Z"}, "Seconds, Timestamp"),
        ({"SecondsPath": "$.s", "TimestampPath": "$.t"}, "SecondsPath, TimestampPath"),
    ],
)
def test_wait_needs_exactly_one_time(fields: dict[str, Any], found: str) -> None:
    definition = machine(Pause={"Type": "Wait", "End": True, **fields})
    assert_problem(definition, "States.Pause", "'Pause'", "exactly one of Seconds", found)


def test_wait_seconds_must_be_non_negative() -> None:
    definition = machine(Pause={"Type": "Wait", "Seconds": -1, "End": True})
    assert_problem(definition, "States.Pause.Seconds", "'Pause'", "Seconds", "non-negative")


def test_wait_zero_seconds_is_fine() -> None:
    assert check_structure(machine(Pause={"Type": "Wait", "Seconds": 0, "End": True})) == []


def test_wait_timestamp_format() -> None:
    definition = machine(Pause={"Type": "Wait", "Timestamp": "tomorrow", "End": True})
    assert_problem(definition, "States.Pause.Timestamp", "'Pause'", "RFC 3339")


def test_jsonata_wait_accepts_expressions() -> None:
    definition = machine(
        Pause={"Type": "Wait", "Seconds": "{% $states.input.delay %}", "End": True}
    ) | {"QueryLanguage": "JSONata"}
    assert check_structure(definition) == []


def test_jsonata_expression_needs_jsonata() -> None:
    definition = machine(Pause={"Type": "Wait", "Seconds": "{% $delay %}", "End": True})
    assert_problem(definition, "States.Pause.Seconds", "'Pause'", "Seconds")


def test_choice_needs_choices() -> None:
    definition = machine(Pick={"Type": "Choice", "Default": "Done"}, Done={"Type": "Succeed"})
    assert_problem(definition, "States.Pick.Choices", "'Pick'", "Choices")


def test_choice_choices_must_not_be_empty() -> None:
    definition = machine(
        Pick={"Type": "Choice", "Choices": [], "Default": "Done"}, Done={"Type": "Succeed"}
    )
    assert_problem(definition, "States.Pick.Choices", "'Pick'", "non-empty")


@pytest.mark.parametrize("extra", [{"Next": "Done"}, {"End": True}])
def test_choice_cannot_have_next_or_end(extra: dict[str, Any]) -> None:
    definition = machine(
        Pick={
            "Type": "Choice",
            "Choices": [{"Variable": "$.x", "BooleanEquals": True, "Next": "Done"}],
            "Default": "Done",
            **extra,
        },
        Done={"Type": "Succeed"},
    )
    key = next(iter(extra))
    assert_problem(definition, f"States.Pick.{key}", "'Pick'", "Choice state", f"'{key}'")


def test_choice_rule_needs_one_comparison() -> None:
    definition = machine(
        Pick={"Type": "Choice", "Choices": [{"Variable": "$.x", "Next": "Done"}]},
        Done={"Type": "Succeed"},
    )
    assert_problem(definition, "States.Pick.Choices[0]", "'Pick'", "exactly one comparison")


def test_choice_comparison_value_type() -> None:
    definition = machine(
        Pick={
            "Type": "Choice",
            "Choices": [{"Variable": "$.n", "NumericEquals": "5", "Next": "Done"}],
        },
        Done={"Type": "Succeed"},
    )
    assert_problem(definition, "States.Pick.Choices[0].NumericEquals", "'Pick'", "number")


def test_nested_choice_rule_cannot_have_next() -> None:
    definition = machine(
        Pick={
            "Type": "Choice",
            "Choices": [
                {"Not": {"Variable": "$.x", "IsNull": True, "Next": "Done"}, "Next": "Done"}
            ],
        },
        Done={"Type": "Succeed"},
    )
    assert_problem(definition, "States.Pick.Choices[0].Not.Next", "'Pick'", "Next")


def test_jsonata_choice_rule_needs_condition() -> None:
    definition = machine(
        Pick={"Type": "Choice", "Choices": [{"Next": "Done"}]}, Done={"Type": "Succeed"}
    ) | {"QueryLanguage": "JSONata"}
    assert_problem(definition, "States.Pick.Choices[0].Condition", "'Pick'", "Condition")


def test_parallel_needs_branches() -> None:
    assert_problem(
        machine(Par={"Type": "Parallel", "End": True}), "States.Par.Branches", "'Par'", "Branches"
    )


def test_parallel_branches_are_checked_recursively() -> None:
    definition = machine(
        Par={
            "Type": "Parallel",
            "Branches": [
                {"StartAt": "A", "States": {"A": {"Type": "Pass", "End": True}}},
                {"States": {"B": {"Type": "Task", "End": True}}},
            ],
            "End": True,
        }
    )
    paths = [p.path for p in check_structure(definition)]
    assert paths == ["States.Par.Branches[1].StartAt", "States.Par.Branches[1].States.B.Resource"]
    start_problem = check_structure(definition)[0]
    assert "'Par'" in start_problem.message and "branch 1" in start_problem.message


def test_map_needs_item_processor() -> None:
    definition = machine(Fan={"Type": "Map", "End": True})
    assert_problem(definition, "States.Fan.ItemProcessor", "'Fan'", "ItemProcessor")


def test_map_processor_is_checked_and_scoped() -> None:
    definition = machine(
        Fan={
            "Type": "Map",
            "ItemProcessor": {
                "StartAt": "Inner",
                "States": {
                    "Inner": {"Type": "Pass", "End": True},
                    "Lonely": {"Type": "Pass", "End": True},
                },
            },
            "Next": "Inner",
        }
    )
    paths = [p.path for p in check_structure(definition)]
    assert "States.Fan.Next" in paths
    assert "States.Fan.ItemProcessor.States.Lonely" in paths


def test_distributed_map_needs_execution_type() -> None:
    definition = machine(
        Fan={
            "Type": "Map",
            "ItemProcessor": {
                "ProcessorConfig": {"Mode": "DISTRIBUTED"},
                "StartAt": "Inner",
                "States": {"Inner": {"Type": "Pass", "End": True}},
            },
            "End": True,
        }
    )
    assert_problem(
        definition, "States.Fan.ItemProcessor.ProcessorConfig.ExecutionType", "'Fan'", "EXPRESS"
    )


def test_iterator_map_is_still_accepted() -> None:
    definition = machine(
        Fan={
            "Type": "Map",
            "ItemsPath": "$.items",
            "Parameters": {"item.$": "$$.Map.Item.Value"},
            "Iterator": {"StartAt": "Inner", "States": {"Inner": {"Type": "Pass", "End": True}}},
            "End": True,
        }
    )
    assert check_structure(definition) == []


# -- field types ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("TimeoutSeconds", 0, "positive integer"),
        ("TimeoutSeconds", "10", "positive integer"),
        ("TimeoutSeconds", 1.5, "positive integer"),
        ("HeartbeatSeconds", -3, "positive integer"),
        ("End", "yes", "true or false"),
        ("Comment", 5, "Comment must be a string"),
        ("Retry", {"ErrorEquals": ["States.ALL"]}, "Retry must be an array"),
        ("Catch", "States.ALL", "Catch must be an array"),
    ],
)
def test_state_field_types(field: str, value: object, expected: str) -> None:
    definition = machine(Work=task(**{field: value}))
    assert_problem(definition, f"States.Work.{field}", "'Work'", field, expected)


@pytest.mark.parametrize(
    ("retrier", "field", "expected"),
    [
        ({"ErrorEquals": []}, "ErrorEquals", "non-empty array"),
        ({"ErrorEquals": [1]}, "ErrorEquals", "non-empty array"),
        ({"ErrorEquals": ["X"], "MaxAttempts": -1}, "MaxAttempts", "non-negative integer"),
        ({"ErrorEquals": ["X"], "IntervalSeconds": 0}, "IntervalSeconds", "positive integer"),
        ({"ErrorEquals": ["X"], "BackoffRate": 0.5}, "BackoffRate", ">= 1.0"),
        ({"ErrorEquals": ["X"], "BackoffRate": "2"}, "BackoffRate", ">= 1.0"),
        ({"ErrorEquals": ["X"], "BackoffRate": True}, "BackoffRate", ">= 1.0"),
        ({"ErrorEquals": ["X"], "MaxDelaySeconds": 0}, "MaxDelaySeconds", "positive integer"),
        ({"ErrorEquals": ["X"], "JitterStrategy": "RANDOM"}, "JitterStrategy", "FULL or NONE"),
        ({"ErrorEquals": ["X"], "Interval": 3}, "Interval", "not allowed"),
    ],
)
def test_retrier_field_types(retrier: dict[str, Any], field: str, expected: str) -> None:
    definition = machine(Work=task(Retry=[retrier]))
    assert_problem(definition, f"States.Work.Retry[0].{field}", "'Work'", field, expected)


def test_retrier_must_be_an_object() -> None:
    definition = machine(Work=task(Retry=["States.ALL"]))
    assert_problem(definition, "States.Work.Retry[0]", "'Work'", "Retry[0]", "object")


def test_integer_backoff_rate_is_valid() -> None:
    retrier = {"ErrorEquals": ["States.ALL"], "BackoffRate": 2, "MaxDelaySeconds": 30}
    assert check_structure(machine(Work=task(Retry=[retrier]))) == []


def test_heartbeat_must_be_below_timeout() -> None:
    definition = machine(Work=task(TimeoutSeconds=60, HeartbeatSeconds=60))
    assert_problem(definition, "States.Work.HeartbeatSeconds", "'Work'", "HeartbeatSeconds", "60")


@pytest.mark.parametrize("field", ["TimeoutSeconds", "HeartbeatSeconds"])
def test_seconds_and_path_together(field: str) -> None:
    definition = machine(Work=task(**{field: 30, f"{field}Path": "$.limit"}))
    assert_problem(definition, f"States.Work.{field}Path", "'Work'", field, f"{field}Path")


# -- names ---------------------------------------------------------------------------------------


def test_state_name_longer_than_80_characters() -> None:
    name = "N" * 81
    assert_problem(machine(**{name: {"Type": "Succeed"}}), f"States.{name}", name, "80")


def test_state_name_of_80_characters_is_fine() -> None:
    assert check_structure(machine(**{"N" * 80: {"Type": "Succeed"}})) == []


def test_empty_state_name() -> None:
    assert_problem(machine(**{"": {"Type": "Succeed"}}), "States.", "empty name")


def test_duplicate_state_names_across_branches() -> None:
    definition = machine(
        Par={
            "Type": "Parallel",
            "Branches": [
                {"StartAt": "Same", "States": {"Same": {"Type": "Pass", "End": True}}},
                {"StartAt": "Same", "States": {"Same": {"Type": "Pass", "End": True}}},
            ],
            "End": True,
        }
    )
    assert_problem(
        definition,
        "States.Par.Branches[1].States.Same",
        "'Same'",
        "States.Par.Branches[0].States.Same",
        "unique",
    )


# -- Retry / Catch ordering ----------------------------------------------------------------------


def test_states_all_must_be_alone_in_retry() -> None:
    definition = machine(Work=task(Retry=[{"ErrorEquals": ["States.ALL", "Custom"]}]))
    assert_problem(definition, "States.Work.Retry[0].ErrorEquals", "'Work'", "States.ALL", "alone")


def test_states_all_must_be_last_retrier() -> None:
    retry = [{"ErrorEquals": ["States.ALL"]}, {"ErrorEquals": ["States.Timeout"]}]
    definition = machine(Work=task(Retry=retry))
    assert_problem(definition, "States.Work.Retry[0].ErrorEquals", "'Work'", "States.ALL", "last")


def test_states_all_must_be_last_catcher() -> None:
    catch = [
        {"ErrorEquals": ["States.ALL"], "Next": "Recover"},
        {"ErrorEquals": ["States.Timeout"], "Next": "Recover"},
    ]
    definition = machine(Work=task(Catch=catch), Recover={"Type": "Fail"})
    assert_problem(definition, "States.Work.Catch[0].ErrorEquals", "'Work'", "States.ALL", "last")


def test_catcher_needs_next() -> None:
    definition = machine(Work=task(Catch=[{"ErrorEquals": ["States.ALL"]}]))
    assert_problem(definition, "States.Work.Catch[0].Next", "'Work'", "Next")


# -- fields allowed per type and query language --------------------------------------------------


def test_resource_on_a_pass_state() -> None:
    definition = machine(Skip={"Type": "Pass", "Resource": "arn:aws:lambda:x", "End": True})
    assert_problem(definition, "States.Skip.Resource", "'Skip'", "'Resource'", "Pass")


def test_retry_on_a_wait_state() -> None:
    definition = machine(
        Pause={"Type": "Wait", "Seconds": 1, "Retry": [{"ErrorEquals": ["X"]}], "End": True}
    )
    assert_problem(definition, "States.Pause.Retry", "'Pause'", "'Retry'", "Wait")


def test_next_on_a_succeed_state() -> None:
    definition = machine(Done={"Type": "Succeed", "Next": "Done"})
    assert problems_at(definition, "States.Done.Next")


@pytest.mark.parametrize(
    "field",
    ["InputPath", "Parameters", "ResultSelector", "ResultPath", "OutputPath", "ItemsPath"],
)
def test_jsonata_state_with_jsonpath_field(field: str) -> None:
    value: object = {"a": 1} if field in ("Parameters", "ResultSelector") else "$.x"
    state: dict[str, Any] = {
        "Type": "Map",
        "QueryLanguage": "JSONata",
        "ItemProcessor": {"StartAt": "In", "States": {"In": {"Type": "Pass", "End": True}}},
        "End": True,
        field: value,
    }
    assert_problem(machine(Fan=state), f"States.Fan.{field}", "'Fan'", field, "JSONPath-only")


@pytest.mark.parametrize("field", ["Arguments", "Output"])
def test_jsonpath_state_with_jsonata_field(field: str) -> None:
    definition = machine(Work=task(**{field: {"a": 1}}))
    assert_problem(definition, f"States.Work.{field}", "'Work'", field, "JSONata-only")


def test_invalid_query_language() -> None:
    definition = machine(Work=task(QueryLanguage="JMESPath"))
    assert_problem(definition, "States.Work.QueryLanguage", "'Work'", "QueryLanguage")


def test_jsonpath_state_in_a_jsonata_machine() -> None:
    definition = machine(Work=task(QueryLanguage="JSONPath")) | {"QueryLanguage": "JSONata"}
    assert_problem(definition, "States.Work.QueryLanguage", "'Work'", "top-level", "JSONata")


def test_jsonata_catcher_rejects_result_path() -> None:
    catch = [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.e", "Next": "Recover"}]
    definition = machine(Work=task(Catch=catch), Recover={"Type": "Fail"}) | {
        "QueryLanguage": "JSONata"
    }
    assert_problem(definition, "States.Work.Catch[0].ResultPath", "'Work'", "JSONPath-only")


def test_everything_aws_accepts_on_a_distributed_map() -> None:
    state = {
        "Type": "Map",
        "Comment": "all optional fields",
        "QueryLanguage": "JSONPath",
        "Label": "Fan",
        "ItemReader": {
            "Resource": "arn:aws:states:::s3:getObject",
            "ReaderConfig": {"InputType": "JSONL", "MaxItems": 10},
            "Parameters": {"Bucket": "b", "Key": "k"},
        },
        "ItemSelector": {"v.$": "$$.Map.Item.Value"},
        "ItemBatcher": {"MaxItemsPerBatchPath": "$.batch", "BatchInput": {"x": 1}},
        "ResultWriter": {"Resource": "arn:aws:states:::s3:putObject", "Parameters": {}},
        "MaxConcurrencyPath": "$.concurrency",
        "ToleratedFailurePercentagePath": "$.pct",
        "ToleratedFailureCountPath": "$.count",
        "ItemProcessor": {
            "ProcessorConfig": {"Mode": "DISTRIBUTED", "ExecutionType": "STANDARD"},
            "StartAt": "In",
            "States": {"In": {"Type": "Pass", "End": True}},
        },
        "ResultPath": "$.out",
        "ResultSelector": {"n.$": "$.ProcessedItemCount"},
        "Assign": {"ran": True},
        "Retry": [{"ErrorEquals": ["States.ALL"], "BackoffRate": 3}],
        "End": True,
    }
    definition = machine(Fan=state) | {"Version": "1.0", "TimeoutSeconds": 60, "Comment": "c"}
    assert check_structure(definition) == []


def test_everything_aws_accepts_on_jsonata_states() -> None:
    definition = {
        "QueryLanguage": "JSONata",
        "StartAt": "Work",
        "States": {
            "Work": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Arguments": "{% $states.input %}",
                "Output": "{% $states.result.Payload %}",
                "Assign": {"last": "{% $states.result %}"},
                "Credentials": {"RoleArn": "arn:aws:iam::123456789012:role/x"},
                "TimeoutSeconds": "{% $timeout %}",
                "HeartbeatSeconds": 10,
                "Next": "Fan",
            },
            "Fan": {
                "Type": "Map",
                "Items": [1, 2, 3],
                "ItemSelector": "{% $states.context.Map.Item.Value %}",
                "MaxConcurrency": "{% $max %}",
                "ToleratedFailureCount": "{% $tolerated %}",
                "ItemReader": {
                    "Resource": "arn:aws:states:::s3:getObject",
                    "Arguments": {"Bucket": "b", "Key": "k"},
                },
                "ItemProcessor": {"StartAt": "In", "States": {"In": {"Type": "Pass", "End": True}}},
                "Output": {"n": "{% $count($states.result) %}"},
                "Next": "Both",
            },
            "Both": {
                "Type": "Parallel",
                "Arguments": {"x": 1},
                "Branches": [{"StartAt": "B", "States": {"B": {"Type": "Succeed"}}}],
                "Next": "Stop",
            },
            "Stop": {"Type": "Fail", "Error": "{% $err %}", "Cause": "cause"},
        },
    }
    assert check_structure(definition) == []


# -- placeholders --------------------------------------------------------------------------------


def test_placeholders_are_valid_everywhere() -> None:
    definition = machine(
        Work={
            "Type": "Task",
            "Resource": "${ResizeFunctionArn}",
            "TimeoutSeconds": "${ResizeTimeout}",
            "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": "${Attempts}"}],
            "Next": "Notify",
        },
        Notify={
            "Type": "Task",
            "Resource": "arn:aws:states:::sns:publish",
            "Parameters": {"TopicArn": "${TopicArn}", "Message": "done"},
            "End": True,
        },
    )
    assert check_structure(definition) == []


# -- determinism and robustness ------------------------------------------------------------------


def test_order_is_deterministic_and_input_untouched() -> None:
    definition = machine(
        A={"Type": "Pass", "Next": "Nope", "End": True, "Resource": "x"},
        B={"Type": "Bogus"},
    )
    before = copy.deepcopy(definition)
    first = check_structure(definition)
    assert first == check_structure(copy.deepcopy(definition))
    assert definition == before
    assert [p.path for p in first] == [
        "States.A.Resource",
        "States.A.End",
        "States.A.Next",
        "States.B.Type",
        "States.B",
    ]
