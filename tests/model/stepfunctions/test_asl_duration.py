"""analyze_duration: shortest/longest execution time, paths, loops and unbounded tasks."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import pytest

from model.stepfunctions import TaskRef, analyze_duration
from model.stepfunctions.duration import retry_delays


def machine(**states: Any) -> dict[str, Any]:
    return {"StartAt": next(iter(states)), "States": states}


def wait(seconds: int, **fields: Any) -> dict[str, Any]:
    return {"Type": "Wait", "Seconds": seconds, **(fields or {"End": True})}


def task(timeout: int | None = None, **fields: Any) -> dict[str, Any]:
    state: dict[str, Any] = {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke"}
    if timeout is not None:
        state["TimeoutSeconds"] = timeout
    state.update(fields or {"End": True})
    return state


def test_waits_add_up() -> None:
    result = analyze_duration(machine(A=wait(10, Next="B"), B=wait(20)))
    assert result.shortest.seconds == 30.0
    assert result.longest.seconds == 30.0
    assert result.shortest.path == result.longest.path == ("A", "B")
    assert result.loops == () and result.unbounded_tasks == ()


def test_task_timeout_bounds_longest_only() -> None:
    result = analyze_duration(machine(T=task(10, Next="W"), W=wait(5)))
    assert result.shortest.seconds == 5.0
    assert result.longest.seconds == 15.0
    assert result.longest.path == ("T", "W")


def test_retry_arithmetic() -> None:
    retry = [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2, "IntervalSeconds": 3}]
    retry[0]["BackoffRate"] = 2
    result = analyze_duration(machine(T=task(10, Retry=retry, End=True)))
    assert result.longest.seconds == 10 * 3 + 3 + 6
    assert result.shortest.seconds == 0.0


def test_retry_defaults() -> None:
    result = analyze_duration(machine(T=task(10, Retry=[{"ErrorEquals": ["X"]}], End=True)))
    assert result.longest.seconds == 10 * 4 + (1 + 2 + 4)


def test_retry_max_delay_caps_each_wait() -> None:
    retry = [
        {
            "ErrorEquals": ["X"],
            "MaxAttempts": 5,
            "IntervalSeconds": 1,
            "BackoffRate": 2.0,
            "MaxDelaySeconds": 4,
            "JitterStrategy": "FULL",
        }
    ]
    result = analyze_duration(machine(T=task(10, Retry=retry, End=True)))
    assert result.longest.seconds == 10 * 6 + (1 + 2 + 4 + 4 + 4)


def test_costliest_retrier_wins() -> None:
    retry = [
        {"ErrorEquals": ["A"], "MaxAttempts": 1, "IntervalSeconds": 100},
        {"ErrorEquals": ["B"], "MaxAttempts": 3, "IntervalSeconds": 1, "BackoffRate": 1},
        {"ErrorEquals": ["States.ALL"], "MaxAttempts": 0},
    ]
    result = analyze_duration(machine(T=task(10, Retry=retry, End=True)))
    assert result.longest.seconds == max(10 * 2 + 100, 10 * 4 + 3)


def test_huge_max_attempts_is_computed_in_closed_form() -> None:
    capped = [{"ErrorEquals": ["X"], "MaxAttempts": 99_999_999, "MaxDelaySeconds": 60}]
    result = analyze_duration(machine(T=task(1, Retry=capped, End=True)))
    uncapped_waits = 1 + 2 + 4 + 8 + 16 + 32
    expected = 100_000_000 + uncapped_waits + (99_999_999 - 6) * 60
    assert result.longest.seconds == pytest.approx(expected)
    exploding = [{"ErrorEquals": ["X"], "MaxAttempts": 99_999_999}]
    assert analyze_duration(machine(T=task(1, Retry=exploding, End=True))).longest.seconds is None


@pytest.mark.parametrize(
    ("attempts", "interval", "backoff", "cap"),
    [
        (1500, 2, 1.001, 900.0),
        (5000, 1, 1.5, 31_622_400.0),
        (2000, 7, 1.0, None),
        (1200, 3, 1.0, 2.0),
    ],
)
def test_closed_form_retry_delays_match_the_sum(
    attempts: int, interval: int, backoff: float, cap: float | None
) -> None:
    delay, total = float(interval), 0.0
    for _ in range(attempts):
        total += delay if cap is None else min(delay, cap)
        delay *= backoff
    assert retry_delays(attempts, interval, backoff, cap) == pytest.approx(total, rel=1e-9)


def test_parallel_takes_the_slowest_branch() -> None:
    definition = machine(
        Par={
            "Type": "Parallel",
            "Branches": [
                machine(Quick=wait(5)),
                machine(Slow=task(30, Next="Tail"), Tail=wait(1)),
            ],
            "Next": "Done",
        },
        Done={"Type": "Succeed"},
    )
    result = analyze_duration(definition)
    assert result.shortest.seconds == 5.0
    assert result.longest.seconds == 31.0
    assert result.shortest.path == ("Par", "Par/Branch0/Quick", "Done")
    assert result.longest.path == ("Par", "Par/Branch1/Slow", "Par/Branch1/Tail", "Done")


def test_choice_min_and_max() -> None:
    definition = machine(
        Pick={
            "Type": "Choice",
            "Choices": [
                {"Variable": "$.fast", "BooleanEquals": True, "Next": "Short"},
                {"Variable": "$.slow", "BooleanEquals": True, "Next": "Long"},
            ],
            "Default": "Medium",
        },
        Short=wait(5),
        Medium=wait(20),
        Long=wait(50),
    )
    result = analyze_duration(definition)
    assert (result.shortest.seconds, result.shortest.path) == (5.0, ("Pick", "Short"))
    assert (result.longest.seconds, result.longest.path) == (50.0, ("Pick", "Long"))


def test_catch_is_an_extra_successor_after_the_full_state_time() -> None:
    definition = machine(
        Work=task(10, Catch=[{"ErrorEquals": ["States.ALL"], "Next": "Recover"}], Next="Done"),
        Recover=wait(100, Next="Failed"),
        Done={"Type": "Succeed"},
        Failed={"Type": "Fail"},
    )
    result = analyze_duration(definition)
    assert result.longest.seconds == 110.0
    assert result.longest.path == ("Work", "Recover", "Failed")
    assert result.shortest.path == ("Work", "Done")


def _map(**fields: Any) -> dict[str, Any]:
    iteration = machine(Item=task(10, Next="Rest"), Rest=wait(2))
    return {"Type": "Map", "ItemProcessor": iteration, "End": True, **fields}


def test_map_rounds_with_literal_items() -> None:
    definition = machine(Fan=_map(QueryLanguage="JSONata", Items=list(range(10)), MaxConcurrency=3))
    result = analyze_duration(definition)
    assert result.longest.seconds == 4 * 12.0
    assert result.shortest.seconds == 4 * 2.0
    assert result.longest.path == ("Fan", "Fan/Iteration/Item", "Fan/Iteration/Rest")
    assert result.notes == ()


def test_map_rounds_with_reader_max_items_and_batches() -> None:
    definition = machine(
        Fan=_map(
            ItemReader={
                "Resource": "arn:aws:states:::s3:getObject",
                "ReaderConfig": {"InputType": "JSON", "MaxItems": 100},
                "Parameters": {"Bucket": "b", "Key": "k"},
            },
            ItemBatcher={"MaxItemsPerBatch": 10},
            MaxConcurrency=5,
        )
    )
    result = analyze_duration(definition)
    assert result.longest.seconds == 2 * 12.0
    assert result.shortest.seconds == 0.0


def test_map_unlimited_concurrency_is_one_round() -> None:
    definition = machine(Fan=_map(QueryLanguage="JSONata", Items=list(range(50)), MaxConcurrency=0))
    assert analyze_duration(definition).longest.seconds == 12.0


def test_map_with_no_items_takes_no_time() -> None:
    definition = machine(Fan=_map(QueryLanguage="JSONata", Items=[]))
    result = analyze_duration(definition)
    assert (result.shortest.seconds, result.longest.seconds) == (0.0, 0.0)


def test_map_with_unknown_item_count_assumes_one_round() -> None:
    result = analyze_duration(machine(Fan=_map(ItemsPath="$.items", MaxConcurrency=2)))
    assert result.longest.seconds == 12.0
    assert result.shortest.seconds == 0.0
    assert any("'Fan'" in note and "one round" in note for note in result.notes)


def test_loop_makes_longest_unbounded() -> None:
    definition = machine(
        Poll=task(5, Next="Check"),
        Check={
            "Type": "Choice",
            "Choices": [{"Variable": "$.done", "BooleanEquals": True, "Next": "Done"}],
            "Default": "Pause",
        },
        Pause=wait(30, Next="Poll"),
        Done={"Type": "Succeed"},
    )
    result = analyze_duration(definition)
    assert result.longest.seconds is None
    assert result.loops == (("Poll", "Check", "Pause"),)
    assert result.longest.path == ("Poll", "Check", "Pause", "Poll")
    assert result.shortest.seconds == 0.0
    assert result.shortest.path == ("Poll", "Check", "Done")


def test_self_loop_and_nested_loops_are_listed() -> None:
    inner = machine(
        Retry={
            "Type": "Choice",
            "Choices": [{"Variable": "$.again", "BooleanEquals": True, "Next": "Retry"}],
            "Default": "Ok",
        },
        Ok={"Type": "Succeed"},
    )
    definition = machine(
        Fan={"Type": "Map", "ItemProcessor": inner, "Next": "Spin"},
        Spin={
            "Type": "Choice",
            "Choices": [{"Variable": "$.x", "IsPresent": True, "Next": "Spin"}],
            "Default": "End",
        },
        End={"Type": "Succeed"},
    )
    result = analyze_duration(definition)
    assert result.loops == (("Fan/Iteration/Retry",), ("Spin",))
    assert result.longest.seconds is None


def test_task_timeout_callback_resolves_unbounded_tasks() -> None:
    definition = machine(
        Resize={
            "Type": "Task",
            "Resource": "arn:aws:states:::lambda:invoke",
            "Parameters": {"FunctionName": "${ResizeFunctionArn}"},
            "Next": "Notify",
        },
        Notify=task(None),
    )
    seen: list[TaskRef] = []

    def lambda_timeout(ref: TaskRef) -> float | None:
        seen.append(ref)
        return 900.0 if ref.placeholders == ("ResizeFunctionArn",) else None

    result = analyze_duration(definition, task_timeout=lambda_timeout)
    assert [ref.state_name for ref in seen] == ["Resize", "Notify"]
    assert result.longest.seconds is None
    assert result.unbounded_tasks == ("Notify",)

    bounded = analyze_duration(definition, lambda_timeout, default_task_timeout_s=60)
    assert bounded.longest.seconds == 960.0
    assert bounded.unbounded_tasks == ()


def test_timeout_seconds_wins_over_the_callback() -> None:
    def never(ref: TaskRef) -> float | None:
        raise AssertionError("not consulted when TimeoutSeconds is set")

    result = analyze_duration(machine(T=task(7)), task_timeout=never)
    assert result.longest.seconds == 7.0


def test_unbounded_task_and_runtime_wait() -> None:
    definition = machine(
        T=task(None, Next="W"),
        W={"Type": "Wait", "TimestampPath": "$.until", "End": True},
    )
    result = analyze_duration(definition)
    assert result.longest.seconds is None
    assert result.unbounded_tasks == ("T",)
    assert any("'W'" in note for note in result.notes)
    assert result.shortest.seconds == 0.0


def test_top_level_timeout_caps_longest() -> None:
    looping = machine(
        Spin={
            "Type": "Choice",
            "Choices": [{"Variable": "$.x", "IsPresent": True, "Next": "Pause"}],
            "Default": "Done",
        },
        Pause=wait(10, Next="Spin"),
        Done={"Type": "Succeed"},
    )
    result = analyze_duration(looping | {"TimeoutSeconds": 300})
    assert result.longest.seconds == 300.0
    assert result.loops == (("Spin", "Pause"),)
    short = analyze_duration(machine(A=wait(500)) | {"TimeoutSeconds": 300})
    assert (short.shortest.seconds, short.longest.seconds) == (300.0, 300.0)


def test_fixture_bounds(load_fixture: Callable[[str], object]) -> None:
    classic = analyze_duration(load_fixture("order_fulfilment_classic.json"))
    reserve = 5 * 5 + (1 + 2 + 4 + 5)
    assert classic.longest.seconds == reserve + 3600 + 7200
    assert classic.longest.path[-2:] == (
        "Fulfil/Branch1/PackLines/Iteration/PickAndLabel/Branch0/PickItem",
        "ShipOrder",
    )
    mixed = analyze_duration(load_fixture("mixed_language.json"))
    assert mixed.longest.seconds == 2 * 20 + 5
    pipeline = analyze_duration(load_fixture("image_pipeline.json"))
    assert pipeline.longest.seconds == 3600.0


def test_no_terminal_means_no_shortest() -> None:
    definition = machine(A={"Type": "Pass", "Next": "B"}, B={"Type": "Pass", "Next": "A"})
    result = analyze_duration(definition)
    assert result.shortest.seconds is None
    assert result.longest.seconds is None
    assert result.loops == (("A", "B"),)


def test_wide_lattice_is_not_enumerated() -> None:
    """2**100 paths: only a DP over the graph finishes."""
    states: dict[str, Any] = {}
    layers = 100
    for layer in range(layers):
        for side in ("L", "R"):
            name = f"{side}{layer}"
            if layer == layers - 1:
                states[name] = wait(1 if side == "L" else 2)
            else:
                states[name] = {
                    "Type": "Choice",
                    "Choices": [
                        {"Variable": "$.left", "BooleanEquals": True, "Next": f"L{layer + 1}"}
                    ],
                    "Default": f"R{layer + 1}",
                }
    result = analyze_duration({"StartAt": "L0", "States": states})
    assert result.shortest.seconds == 1.0
    assert result.longest.seconds == 2.0
    assert len(result.longest.path) == layers


@pytest.mark.parametrize(
    "definition",
    [
        None,
        [],
        {},
        {"StartAt": "Missing", "States": {"A": {"Type": "Succeed"}}},
        {"StartAt": "A", "States": {"A": {"Type": "Parallel", "Branches": "x", "End": True}}},
        {"StartAt": "A", "States": {"A": {"Type": "Map", "ItemProcessor": {}, "End": True}}},
        {"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": -4, "Next": "Nowhere"}}},
    ],
)
def test_malformed_input_does_not_raise(definition: object) -> None:
    result = analyze_duration(definition, default_task_timeout_s=math.nan)
    assert result.longest.seconds is None or result.longest.seconds >= 0
