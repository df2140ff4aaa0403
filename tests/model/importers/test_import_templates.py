"""Importing the templates of tests/fixtures/cfn: kinds, relations, containment and findings as
tests/fixtures/cfn_expected/expected.yaml says, and the round trip loses nothing."""

from __future__ import annotations

import copy
from pathlib import Path

import pytest
import yaml

from model.exporters import cloudformation
from model.importers import import_template
from model.importers.reader import parse_template, read_template
from model.rules import validate
from model.serialization import dumps, loads

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "cfn"
EXPECTED = yaml.safe_load(
    (FIXTURES.parent / "cfn_expected" / "expected.yaml").read_text(encoding="utf-8")
)
TEMPLATES = sorted(p for p in FIXTURES.iterdir() if p.suffix in (".yaml", ".json"))


def test_there_are_at_least_thirty_templates_each_with_expectations() -> None:
    assert len(TEMPLATES) >= 30
    assert sorted(EXPECTED) == sorted(p.name for p in TEMPLATES)


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_import_gives_the_expected_kinds_relations_parents_and_findings(template: Path) -> None:
    expected = EXPECTED[template.name]
    design = import_template(template).design
    label = {n.id: n.label for n in design.iter_nodes()}
    assert {n.label: n.kind for n in design.iter_nodes() if n.origin is not None} == expected[
        "kinds"
    ]
    assert (
        sorted(f"{n.label}: {n.kind}" for n in design.iter_nodes() if n.origin is None)
        == (expected["implicit"])
    )
    assert (
        sorted(f"{label[e.source]} {e.relation} {label[e.target]}" for e in design.iter_edges())
        == expected["relations"]
    )
    assert {n.label: label[n.parent] for n in design.iter_nodes() if n.parent} == expected[
        "parents"
    ]
    findings = sorted({f.rule for f in validate(design) if f.severity != "info"})
    assert findings == expected["findings"]


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_every_resource_is_kept_exactly_once(template: Path) -> None:
    raw = read_template(template).data
    design = import_template(template).design
    kept = [lid for n in design.iter_nodes() if n.origin for lid in n.origin.resources]
    assert sorted(kept) == sorted(raw["Resources"])


@pytest.mark.parametrize("template", TEMPLATES, ids=lambda p: p.name)
def test_export_without_edits_gives_the_template_back(template: Path) -> None:
    raw = read_template(template).data
    design = import_template(template).design
    again = loads(dumps(design))
    for version in (design, again):
        text = cloudformation.render(version)
        assert parse_template(text, Path("exported.yaml")).data == raw


def test_an_edited_setting_is_written_into_the_template_and_nothing_else_changes() -> None:
    template = FIXTURES / "sam-orders-api.yaml"
    raw = read_template(template).data
    design = import_template(template).design
    worker = next(n for n in design.iter_nodes() if n.label == "Worker")
    design.set_config(
        worker.id, worker.config.model_copy(update={"memory_mb": 2048, "timeout_s": 60})
    )
    exported = parse_template(cloudformation.render(design), Path("out.yaml")).data
    expected = copy.deepcopy(raw)
    expected["Resources"]["Worker"]["Properties"]["MemorySize"] = 2048
    expected["Resources"]["Worker"]["Properties"]["Timeout"] = 60
    assert exported == expected


def test_an_edited_task_size_goes_to_the_task_definition_of_the_service() -> None:
    template = FIXTURES / "ecs-fargate-alb.yaml"
    design = import_template(template).design
    service = next(n for n in design.iter_nodes() if n.label == "Service")
    assert (service.config.cpu, service.config.memory_mb) == (512, 1024)
    design.set_config(service.id, service.config.model_copy(update={"cpu": 1024}))
    exported = parse_template(cloudformation.render(design), Path("out.yaml")).data
    assert exported["Resources"]["TaskDefinition"]["Properties"]["Cpu"] == "1024"
    assert exported["Resources"]["Service"] == read_template(template).data["Resources"]["Service"]


def test_sam_globals_apply_before_the_function_and_parameters_resolve_through_defaults() -> None:
    design = import_template(FIXTURES / "sam-orders-api.yaml").design
    create = next(n for n in design.iter_nodes() if n.label == "CreateOrder")
    config = create.config
    assert (config.runtime, config.timeout_s, config.memory_mb) == ("python3.12", 10, 512)
    assert config.architecture == "arm64"
    assert config.environment == {"TABLE": "${OrdersTable}"}


def test_definition_uri_and_substitutions_become_the_definition_and_node_ids() -> None:
    design = import_template(FIXTURES / "sfn-definitionuri.yaml").design
    flow = next(n for n in design.iter_nodes() if n.label == "OrderWorkflow")
    validate_id = next(n.id for n in design.iter_nodes() if n.label == "ValidateFunction")
    assert flow.config.definition["StartAt"] == "Validate"
    assert flow.config.definition_substitutions["ValidateFunctionArn"] == validate_id


def test_definition_string_with_sub_is_read() -> None:
    design = import_template(FIXTURES / "sfn-definitionstring-sub.yaml").design
    flow = next(n for n in design.iter_nodes() if n.label == "ExportWorkflow")
    assert flow.config.workflow_type == "EXPRESS"
    assert flow.config.definition["States"]["Export"]["Resource"] == "${ExportFunction.Arn}"


def test_nested_intrinsics_resolve_through_mappings_conditions_and_defaults() -> None:
    result = import_template(FIXTURES / "nested-intrinsics.yaml")
    worker = next(n for n in result.design.iter_nodes() if n.label == "Worker").config
    assert (worker.memory_mb, worker.reserved_concurrency, worker.timeout_s) == (2048, 50, 60)
    assert (worker.runtime, worker.architecture) == ("python3.13", "arm64")
    assert worker.environment["STAGE"] == "prod"
    assert worker.environment["BUS"].startswith('{"Fn::Select"')
    jobs = next(n for n in result.design.iter_nodes() if n.label == "Jobs").config
    assert (jobs.visibility_timeout_s, jobs.fifo) == (360, True)
    edge = next(iter(result.design.iter_edges()))
    assert edge.config.batch_size == 10


def test_what_cannot_be_resolved_is_reported_with_its_logical_id() -> None:
    text = (
        "Parameters:\n  Size:\n    Type: Number\n"
        "Resources:\n  Fn:\n    Type: AWS::Lambda::Function\n    Properties:\n"
        "      MemorySize: !Ref Size\n      Timeout: !ImportValue shared-timeout\n"
    )
    from model.importers import import_text

    result = import_text(text, "inline.yaml")
    messages = [(e.logical_id, e.text) for e in result.report.unresolved]
    assert any(lid == "Fn" and "memory_mb" in text and "Size" in text for lid, text in messages)
    assert any(
        lid == "Fn" and "timeout_s" in text and "another stack" in text for lid, text in messages
    )
    node = next(iter(result.design.iter_nodes()))
    assert node.config.memory_mb == 128
    exported = parse_template(cloudformation.render(result.design), Path("x.yaml")).data
    assert exported["Resources"]["Fn"]["Properties"]["MemorySize"] == {"Ref": "Size"}


def test_unmapped_types_become_generic_resources_with_their_service_icon() -> None:
    from model.catalog import node_icon

    design = import_template(FIXTURES / "generic-heavy.yaml").design
    key = next(n for n in design.iter_nodes() if n.label == "DataKey")
    assert key.kind == "aws.resource"
    assert key.config.resource_type == "AWS::KMS::Key"
    assert key.config.properties["EnableKeyRotation"] is True
    assert node_icon(key.kind, key.config).path.endswith("key-management-service.png")
    assert key.origin is not None
    assert key.origin.resources["DataKey"]["DeletionPolicy"] == "Retain"


LINTED = [
    "ecs-fargate-alb.yaml",
    "sam-orders-api.yaml",
    "cloudfront-edge.yaml",
    "batch-mixed-queues.yaml",
    "nested-intrinsics.yaml",
    "sfn-definitionstring-sub.yaml",
]


@pytest.mark.parametrize("name", LINTED)
def test_cfn_lint_finds_no_new_error_in_the_re_export(name: str) -> None:
    from cfnlint.api import ManualArgs, lint

    def errors(text: str) -> set[str]:
        found = lint(text, config=ManualArgs(regions=["us-east-1"]))
        return {f"{m.rule.id} {m.message}" for m in found if m.rule.id.startswith("E")}

    source = (FIXTURES / name).read_text(encoding="utf-8")
    exported = cloudformation.render(import_template(FIXTURES / name).design)
    assert errors(exported) <= errors(source)


def test_an_edit_with_no_place_in_the_template_is_named_in_the_export_notes() -> None:
    design = import_template(FIXTURES / "sfn-definitionuri.yaml").design
    flow = next(n for n in design.iter_nodes() if n.label == "OrderWorkflow")
    definition = dict(flow.config.definition or {}, Comment="edited")
    design.set_config(flow.id, flow.config.model_copy(update={"definition": definition}))
    text = cloudformation.render(design)
    assert "the edited setting definition has no place in the template" in text
    exported = parse_template(text, Path("out.yaml")).data
    kept = read_template(FIXTURES / "sfn-definitionuri.yaml").data["Resources"]["OrderWorkflow"]
    assert exported["Resources"]["OrderWorkflow"] == kept
