"""The rule engine: registration, findings, ordering, read tracking and incremental re-runs."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from helpers import add, connect, design, set_config

from model.design import Design
from model.elements import Node
from model.limits import default_limits
from model.rules import RULES, IncrementalValidator, RuleContext, RuleRegistry, rule, validate
from model.rules.engine import DesignView, DuplicateRuleError, Finding, first_url


def make_registry() -> RuleRegistry:
    registry = RuleRegistry()

    @rule(
        "TEST_TIMEOUT",
        severity="warning",
        title="t",
        source="https://example.com/a ; https://example.com/b",
        hint="h",
        kinds=("aws.lambda",),
        registry=registry,
    )
    def timeout(ctx: RuleContext, node: Node) -> Iterator[Finding]:
        if node.config.timeout_s > ctx.limit("LAMBDA_TIMEOUT_DEFAULT"):  # type: ignore[attr-defined]
            yield ctx.finding(f"{ctx.label(node.id)} slow", [node.id, node.id])

    @rule(
        "TEST_COUNT",
        severity="error",
        title="c",
        source="s",
        hint="h",
        scope="design",
        kinds=("aws.sqs.queue",),
        registry=registry,
    )
    def count(ctx: RuleContext) -> Iterator[Finding]:
        queues = [n.id for n in ctx.design.iter_nodes() if n.kind == "aws.sqs.queue"]
        if len(queues) > 1:
            yield ctx.finding("too many queues", queues)

    return registry


def test_duplicate_rule_ids_are_refused() -> None:
    registry = make_registry()
    with pytest.raises(DuplicateRuleError):
        rule("TEST_TIMEOUT", severity="info", title="", source="", hint="", registry=registry)(
            lambda ctx: []
        )


def test_finding_carries_spec_fields_and_unique_elements() -> None:
    d = design()
    fn = add(d, "aws.lambda", "slow", timeout_s=10)
    [finding] = validate(d, registry=make_registry())
    assert finding.to_json() == {
        "rule": "TEST_TIMEOUT",
        "severity": "warning",
        "message": "“slow” slow",
        "elements": [fn],
        "source": "https://example.com/a",
        "hint": "h",
    }


def test_first_url_strips_notes() -> None:
    assert (
        first_url("https://github.com/aws-cloudformation/cfn-lint (rule E3685)")
        == "https://github.com/aws-cloudformation/cfn-lint"
    )
    assert first_url("catalog data") == "catalog data"


def test_order_is_deterministic_errors_first() -> None:
    d = design()
    for name in ("b", "a"):
        add(d, "aws.lambda", name, timeout_s=10)
    add(d, "aws.sqs.queue")
    add(d, "aws.sqs.queue")
    found = validate(d, registry=make_registry())
    assert [f.severity for f in found] == ["error", "warning", "warning"]
    assert [f.elements for f in found[1:]] == sorted(f.elements for f in found[1:])
    assert validate(d, registry=make_registry()) == found


def test_limits_can_be_swapped_without_code_change() -> None:
    d = design()
    add(d, "aws.lambda", "slow", timeout_s=10)
    lenient = default_limits().replaced("LAMBDA_TIMEOUT_DEFAULT", 10)
    assert validate(d, lenient, make_registry()) == []
    validator = IncrementalValidator(d, registry=make_registry())
    assert len(validator.findings()) == 1
    validator.set_limits(lenient)
    assert validator.findings() == []


def test_view_records_reads_and_refuses_writes() -> None:
    d = design()
    region = add(d, "aws.region", name="eu-west-1")
    fn = add(d, "aws.lambda", parent=region)
    view = DesignView(d)
    assert view.effective_region(fn) == "eu-west-1"
    assert view.reads == {fn, region} and not view.reads_all
    list(view.iter_nodes())
    assert view.reads_all
    with pytest.raises(AttributeError):
        view.rename(fn, "x")
    assert d.node(fn).label != "x"


def test_unknown_design_attributes_count_as_whole_design_reads() -> None:
    view = DesignView(design())
    assert view.profile.region == "us-east-1" and not view.reads_all
    assert view.is_empty()
    assert view.reads_all
    d = design()
    fn = add(d, "aws.lambda")
    for read in (lambda v: v.node_index(fn), lambda v: v.waivers, lambda v: v.imported):
        view = DesignView(d)
        read(view)
        assert view.reads_all


def big_design(count: int) -> tuple[Design, list[str]]:
    d = design()
    api = add(d, "aws.apigateway.api", "api")
    functions = []
    for i in range(count):
        fn = add(d, "aws.lambda", f"fn{i}", timeout_s=3)
        connect(d, api, fn, "invokes")
        functions.append(fn)
    for i in range(count):
        add(d, "aws.sqs.queue", f"q{i}")
    return d, functions


def test_config_edit_reruns_only_the_node_and_its_readers() -> None:
    d, functions = big_design(50)
    validator = IncrementalValidator(d)
    assert validator.findings() == validate(d)
    assert validator.last_run.full
    assert validator.prepare()
    set_config(d, functions[7], timeout_s=60)
    found = validator.findings()
    assert found == validate(d)
    assert any(f.rule == "APIGW_REST_LAMBDA_TIMEOUT" for f in found)
    assert validator.last_run.nodes == 2
    assert validator.last_run.design_rules < len(RULES.design_rules())


def test_an_edit_before_prepare_makes_a_full_run_that_records() -> None:
    d, functions = big_design(20)
    validator = IncrementalValidator(d)
    validator.findings()
    assert not validator.prepared and validator.can_prepare
    set_config(d, functions[3], timeout_s=60)
    assert validator.findings() == validate(d)
    assert validator.last_run.full and validator.prepared
    set_config(d, functions[4], timeout_s=60)
    assert validator.findings() == validate(d)
    assert validator.last_run.nodes == 2


def test_prepare_goes_in_steps_and_records_what_a_recording_run_does() -> None:
    d, _ = big_design(250)
    stepped = IncrementalValidator(d)
    stepped.findings()
    steps = 1
    while not stepped.prepare(seconds=0):
        steps += 1
    assert steps > 3
    recorded = IncrementalValidator(d)
    recorded.findings()
    recorded._run_all(record=True)
    assert stepped._readers_index() == recorded._readers_index()
    assert stepped._node_reads.keys() == recorded._node_reads.keys()
    assert all(
        set(stepped._node_reads[n]) == set(recorded._node_reads[n]) for n in stepped._node_reads
    )
    assert stepped._reads_everything == recorded._reads_everything
    assert stepped._design_reads == recorded._design_reads
    assert stepped.findings() == recorded.findings() == validate(d)


def test_findings_that_did_not_change_keep_their_objects_across_full_runs() -> None:
    d, functions = big_design(30)
    validator = IncrementalValidator(d)
    opened = validator.findings()
    assert validator.prepare()
    assert all(a is b for a, b in zip(validator.findings(), opened, strict=True))
    unprepared = IncrementalValidator(d)
    before = unprepared.findings()
    set_config(d, functions[0], timeout_s=60)
    after = unprepared.findings()
    assert unprepared.last_run.full
    kept = {id(f) for f in before}
    changed = [f for f in after if id(f) not in kept]
    assert changed and all(functions[0] in f.elements for f in changed)
    d.set_profile(d.profile.model_copy(update={"region": "eu-west-1"}))
    again = unprepared.findings()
    assert sum(id(f) in {id(g) for g in after} for f in again) > len(again) // 2


def test_prepare_waits_for_pending_edits_and_restarts_after_a_full_run() -> None:
    d, functions = big_design(150)
    validator = IncrementalValidator(d)
    validator.findings()
    assert not validator.prepare(seconds=0)
    set_config(d, functions[0], timeout_s=60)
    assert not validator.can_prepare and not validator.prepare()
    assert validator.findings() == validate(d)
    assert validator.last_run.full and validator.prepared
    d.set_profile(d.profile.model_copy(update={"region": "eu-west-1"}))
    assert validator.findings() == validate(d)
    assert validator.last_run.full and not validator.prepared
    assert validator.prepare()
    set_config(d, functions[1], timeout_s=60)
    assert validator.findings() == validate(d)
    assert validator.last_run.nodes == 2


def test_no_edit_no_work() -> None:
    d, _ = big_design(3)
    validator = IncrementalValidator(d)
    validator.findings()
    runs = validator.runs
    d.move(d.nodes[0].id, d.nodes[0].position)
    validator.findings()
    assert validator.runs == runs and validator.last_run.nodes == 0


def test_two_hops_through_substitutions_are_followed() -> None:
    d = design()
    api = add(d, "aws.apigateway.api", "api")
    fn = add(d, "aws.lambda", "worker", timeout_s=10)
    definition = {
        "StartAt": "C",
        "States": {
            "C": {
                "Type": "Task",
                "Resource": "arn:aws:states:::lambda:invoke",
                "Parameters": {"FunctionName": "${F}"},
                "End": True,
            }
        },
    }
    sm = add(
        d,
        "aws.stepfunctions.state_machine",
        workflow_type="EXPRESS",
        invocation="sync",
        definition=definition,
        definition_substitutions={"F": fn},
    )
    connect(d, api, sm, "invokes")
    validator = IncrementalValidator(d)
    assert not [f for f in validator.findings() if f.rule == "APIGW_SFN_SYNC_EXPRESS_TIMEOUT"]
    set_config(d, fn, timeout_s=120)
    assert [f for f in validator.findings() if f.rule == "APIGW_SFN_SYNC_EXPRESS_TIMEOUT"]
    assert validator.findings() == validate(d)
