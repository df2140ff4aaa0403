"""AWS Batch rules: each fires on a minimal design and not on the nearest compliant one."""

from __future__ import annotations

import pytest

from model.design import Design
from model.limits import default_limits
from model.rules import IncrementalValidator
from tests.model.rules.builders_b import (
    add,
    assert_incremental_matches,
    connect,
    findings,
    only,
    set_config,
)

CE = "aws.batch.compute_environment"
QUEUE = "aws.batch.job_queue"
JOB = "aws.batch.job_definition"


def queue_with(*types: str, architectures: tuple[str, ...] = ()) -> tuple[Design, str, list[str]]:
    design = Design()
    queue = add(design, QUEUE, "jobs")
    environments = []
    for index, ce_type in enumerate(types):
        arch = architectures[index] if architectures else "x86_64"
        ce = add(design, CE, f"ce-{index}-{ce_type.lower()}", type=ce_type, architecture=arch)
        connect(design, queue, ce, "uses", order=index + 1)
        environments.append(ce)
    return design, queue, environments


# ---- BATCH_QUEUE_MIXED_CE --------------------------------------------------------------


@pytest.mark.parametrize(("ec2", "fargate"), [("EC2", "FARGATE"), ("SPOT", "FARGATE_SPOT")])
def test_queue_mixing_ec2_and_fargate(ec2: str, fargate: str) -> None:
    design, queue, environments = queue_with(ec2, fargate)
    finding = only(design, "BATCH_QUEUE_MIXED_CE")
    assert "ce-0" in finding.message and "ce-1" in finding.message
    assert queue in finding.elements and set(environments) <= set(finding.elements)
    assert len(finding.elements) == 5


def test_queue_mixing_architectures() -> None:
    design, _, _ = queue_with("EC2", "SPOT", architectures=("x86_64", "arm64"))
    finding = only(design, "BATCH_QUEUE_MIXED_CE")
    assert "arm64" in finding.message and "x86_64" in finding.message


@pytest.mark.parametrize("types", [("EC2", "SPOT"), ("FARGATE", "FARGATE_SPOT"), ("EC2",)])
def test_queue_with_one_family_passes(types: tuple[str, ...]) -> None:
    design, _, _ = queue_with(*types)
    assert findings(design, "BATCH_QUEUE_MIXED_CE") == []


def test_changing_an_environment_type_updates_the_queue_incrementally() -> None:
    design, _, environments = queue_with("EC2", "SPOT")
    validator = IncrementalValidator(design)
    assert not [f for f in validator.findings() if f.rule == "BATCH_QUEUE_MIXED_CE"]
    set_config(design, environments[1], type="FARGATE")
    assert_incremental_matches(design, validator)
    assert [f for f in validator.findings() if f.rule == "BATCH_QUEUE_MIXED_CE"]


# ---- BATCH_QUEUE_TOO_MANY_CE / BATCH_QUEUE_NO_CE ---------------------------------------


def test_queue_with_too_many_environments() -> None:
    maximum = default_limits().value("RULE_BATCH_QUEUE_TOO_MANY_CE")
    design, queue, environments = queue_with(*["FARGATE"] * (maximum + 1))
    finding = only(design, "BATCH_QUEUE_TOO_MANY_CE")
    assert f"uses {maximum + 1} compute environments" in finding.message
    assert f"at most {maximum}" in finding.message
    assert set(environments) | {queue} <= set(finding.elements)


def test_queue_at_the_environment_limit_passes() -> None:
    maximum = default_limits().value("RULE_BATCH_QUEUE_TOO_MANY_CE")
    design, _, _ = queue_with(*["FARGATE"] * maximum)
    assert findings(design, "BATCH_QUEUE_TOO_MANY_CE") == []


def test_queue_without_environment() -> None:
    design = Design()
    queue = add(design, QUEUE, "orphan")
    finding = only(design, "BATCH_QUEUE_NO_CE")
    assert finding.elements == (queue,) and "orphan" in finding.message


def test_queue_with_an_environment_has_one() -> None:
    design, _, _ = queue_with("FARGATE")
    assert findings(design, "BATCH_QUEUE_NO_CE") == []


# ---- BATCH_JOB_LIMITS ------------------------------------------------------------------


def job_limit(key: str) -> int:
    value: int = default_limits().value("RULE_BATCH_JOB_LIMITS", key)
    return value


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ({"timeout_s": job_limit("timeout_min_s") - 1}, "timeout"),
        ({"array_size": job_limit("array_min") - 1}, "array job"),
        ({"array_size": job_limit("array_max") + 1}, "array job"),
        ({"depends_on": job_limit("depends_on_max") + 1}, "depends on"),
    ],
)
def test_job_limits_violations(config: dict[str, int], expected: str) -> None:
    design = Design()
    job = add(design, JOB, "render", **config)
    finding = only(design, "BATCH_JOB_LIMITS")
    assert expected in finding.message and finding.elements == (job,)
    assert f"{next(iter(config.values())):,}" in finding.message


def test_job_limits_at_the_bounds_pass() -> None:
    design = Design()
    add(design, JOB, "low", timeout_s=job_limit("timeout_min_s"), array_size=job_limit("array_min"))
    add(
        design,
        JOB,
        "high",
        array_size=job_limit("array_max"),
        depends_on=job_limit("depends_on_max"),
    )
    add(design, JOB, "plain")
    assert findings(design, "BATCH_JOB_LIMITS") == []


# ---- BATCH_FARGATE_JOBDEF --------------------------------------------------------------


@pytest.mark.parametrize(
    ("config", "expected"),
    [
        ({"multi_node": True}, "multi-node"),
        ({"gpus": 1}, "GPU"),
        ({"vcpus": 0.25, "memory_mb": 4096}, "4,096 MiB is not allowed"),
        ({"vcpus": 3.0, "memory_mb": 8192}, "not a Fargate size"),
    ],
)
def test_fargate_job_definition_features(config: dict[str, object], expected: str) -> None:
    design = Design()
    job = add(design, JOB, "train", platform="FARGATE", **config)
    finding = only(design, "BATCH_FARGATE_JOBDEF")
    assert expected in finding.message and finding.elements == (job,)


def test_ec2_job_definition_may_use_gpus_and_multi_node() -> None:
    design = Design()
    add(design, JOB, "train", platform="EC2", gpus=4, multi_node=True, vcpus=3.0)
    add(design, JOB, "small", platform="FARGATE", vcpus=0.5, memory_mb=1024)
    assert findings(design, "BATCH_FARGATE_JOBDEF") == []


@pytest.mark.parametrize(("platform", "ce_type"), [("FARGATE", "EC2"), ("EC2", "FARGATE_SPOT")])
def test_job_definition_on_a_queue_of_the_other_platform(platform: str, ce_type: str) -> None:
    design, queue, environments = queue_with(ce_type)
    job = add(design, JOB, "train", platform=platform)
    runs_on = connect(design, job, queue, "runs_on")
    finding = only(design, "BATCH_FARGATE_JOBDEF")
    assert platform in finding.message and ce_type in finding.message
    assert {job, runs_on, queue, environments[0]} <= set(finding.elements)


def test_job_definition_directly_on_an_environment_of_the_other_platform() -> None:
    design = Design()
    ce = add(design, CE, "gpu-fleet", type="SPOT")
    job = add(design, JOB, "train", platform="FARGATE")
    edge = connect(design, job, ce, "runs_on")
    assert set(only(design, "BATCH_FARGATE_JOBDEF").elements) == {job, edge, ce}


def test_job_definition_on_a_matching_queue_passes_and_reacts_to_environment_changes() -> None:
    design, queue, environments = queue_with("FARGATE", "FARGATE_SPOT")
    job = add(design, JOB, "train", platform="FARGATE")
    connect(design, job, queue, "runs_on")
    validator = IncrementalValidator(design)
    assert not [f for f in validator.findings() if f.rule == "BATCH_FARGATE_JOBDEF"]
    set_config(design, environments[0], type="EC2")
    assert_incremental_matches(design, validator)
    assert [f for f in validator.findings() if f.rule == "BATCH_FARGATE_JOBDEF"]
