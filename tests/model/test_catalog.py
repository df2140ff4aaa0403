"""Catalog integrity: ids, kinds of the file contract, icons, diagrams classes, config models."""

from __future__ import annotations

import importlib
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel

from model.catalog import CATALOG, DuplicateKindError, KindSpec, Registry, icon_path
from model.config.edges import EdgeConfig
from model.profile import Profile
from model.serialization import dumps, from_document

REPO_ROOT = Path(__file__).resolve().parents[2]
FILE_FORMAT_CANDIDATES = [
    Path("/work/shared/reference/file-format.md"),
    REPO_ROOT.parent / "shared" / "reference" / "file-format.md",
]
CONTRACT_KINDS = {
    "aws.lambda",
    "aws.lambda_edge",
    "aws.app_runner",
    "aws.batch.compute_environment",
    "aws.batch.job_queue",
    "aws.batch.job_definition",
    "aws.ec2.instance",
    "aws.ec2.auto_scaling_group",
    "aws.ecs.service",
    "aws.ecs.task",
    "aws.eks.node_group",
    "aws.eks.fargate_profile",
    "aws.beanstalk.environment",
    "aws.lightsail.instance",
    "aws.stepfunctions.state_machine",
    "aws.region",
    "aws.availability_zone",
    "aws.vpc",
    "aws.subnet",
    "aws.ecs.cluster",
    "aws.eks.cluster",
    "aws.ec2.placement_group",
    "aws.outposts.outpost",
    "aws.cloudfront.distribution",
    "aws.apigateway.api",
    "aws.elb.load_balancer",
    "aws.sqs.queue",
    "aws.sns.topic",
    "aws.eventbridge.rule",
    "aws.s3.bucket",
    "aws.dynamodb.table",
    "aws.rds.database",
    "aws.ecr.repository",
}
SPECS = list(CATALOG)
SPEC_IDS = [spec.id for spec in SPECS]


def contract_kinds() -> set[str]:
    """Kinds listed in the file format's "Kinds" section, or the list known when writing this."""
    for candidate in FILE_FORMAT_CANDIDATES:
        if candidate.is_file():
            text = candidate.read_text(encoding="utf-8")
            section = text.split("## Kinds", 1)[1].split("\n## ", 1)[0]
            found = set(re.findall(r"`(aws\.[a-z0-9_.]+)`", section))
            if found:
                return found
    return CONTRACT_KINDS


def diagrams_class(dotted: str) -> Any:
    module_name, _, class_name = dotted.rpartition(".")
    return getattr(importlib.import_module(module_name), class_name)


def all_config_models() -> list[type[BaseModel]]:
    """Every config model with the models nested in its fields."""
    found: list[type[BaseModel]] = []
    pending: list[type[BaseModel]] = [spec.config_model for spec in SPECS]
    pending += [EdgeConfig, Profile]
    while pending:
        model = pending.pop()
        if model in found:
            continue
        found.append(model)
        for field in model.model_fields.values():
            pending.extend(_nested_models(field.annotation))
    return found


def _nested_models(annotation: Any) -> list[type[BaseModel]]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    nested: list[type[BaseModel]] = []
    for argument in getattr(annotation, "__args__", ()):
        nested.extend(_nested_models(argument))
    return nested


# ---- ids and the file contract -----------------------------------------------------------------
def test_kind_ids_are_unique() -> None:
    assert len(SPEC_IDS) == len(set(SPEC_IDS))
    assert len(CATALOG) == len(SPEC_IDS)


def test_every_contract_kind_is_registered() -> None:
    expected = contract_kinds()
    assert len(expected) >= len(CONTRACT_KINDS)
    missing = sorted(kind for kind in expected if kind not in CATALOG)
    assert missing == []


def test_preset_ids_are_unique_and_presets_make_valid_nodes() -> None:
    ids = [preset.id for preset in CATALOG.presets]
    assert len(ids) == len(set(ids))
    for preset in CATALOG.presets:
        assert preset.kind in CATALOG
        config = CATALOG.get(preset.kind).config_model.model_validate(preset.config)
        for name, value in preset.config.items():
            assert getattr(config, name) == value


def test_relation_and_containment_rules_name_only_known_kinds() -> None:
    for rule in CATALOG.relation_rules:
        assert rule.sources <= set(SPEC_IDS), rule
        assert rule.targets <= set(SPEC_IDS), rule
    for spec in SPECS:
        assert spec.contains <= set(SPEC_IDS), spec.id
        assert bool(spec.contains) == spec.is_container, spec.id
        if spec.is_container:
            assert spec.default_size is not None, spec.id


def test_relation_rules_answer_queries() -> None:
    assert "triggers" in CATALOG.allowed_relations("aws.sqs.queue", "aws.lambda")
    assert CATALOG.allowed_relations("aws.lambda", "aws.region") == []
    assert CATALOG.can_contain("aws.subnet", "aws.lambda")
    assert not CATALOG.can_contain("aws.lambda", "aws.subnet")
    assert not CATALOG.can_contain("aws.eks.cluster", "aws.lambda")


# ---- icons and diagrams classes ---------------------------------------------------------------
@pytest.mark.parametrize("spec", SPECS, ids=SPEC_IDS)
def test_icon_resolves_to_a_file(spec: KindSpec) -> None:
    path = icon_path(spec.icon)
    assert path is not None
    assert path.is_file()
    assert path.name != "fallback.svg"


@pytest.mark.parametrize("preset", CATALOG.presets, ids=[p.id for p in CATALOG.presets])
def test_preset_icon_resolves_to_a_file(preset: Any) -> None:
    path = icon_path(preset.icon)
    assert path is not None and path.is_file()
    assert path.name != "fallback.svg"


DIAGRAMS_SPECS = [spec for spec in SPECS if spec.diagrams_class]


@pytest.mark.parametrize("spec", DIAGRAMS_SPECS, ids=[s.id for s in DIAGRAMS_SPECS])
def test_diagrams_class_exists_and_matches_the_icon(spec: KindSpec) -> None:
    pytest.importorskip("diagrams")
    assert spec.diagrams_class is not None
    cls = diagrams_class(spec.diagrams_class)
    if spec.icon.source != "diagrams":
        return
    import diagrams

    expected = Path(diagrams.__file__).resolve().parent.parent / cls._icon_dir / cls._icon
    path = icon_path(spec.icon)
    assert path is not None
    assert path.resolve() == expected.resolve()


def test_diagrams_icon_check_can_fail() -> None:
    """A class whose icon differs from the spec's is told apart."""
    pytest.importorskip("diagrams")
    lambda_cls = diagrams_class("diagrams.aws.compute.Lambda")
    queue_cls = diagrams_class("diagrams.aws.integration.SimpleQueueServiceSqs")
    assert (lambda_cls._icon_dir, lambda_cls._icon) != (queue_cls._icon_dir, queue_cls._icon)


# ---- config models ----------------------------------------------------------------------------
@pytest.mark.parametrize("spec", SPECS, ids=SPEC_IDS)
def test_config_defaults_are_valid_and_round_trip(spec: KindSpec) -> None:
    model = spec.config_model
    default = model.model_validate({})
    assert model.model_validate(default.model_dump()) == default
    assert model.model_validate_json(default.model_dump_json()) == default


def test_edge_config_and_profile_defaults_round_trip() -> None:
    for model in (EdgeConfig, Profile):
        default = model.model_validate({})
        assert model.model_validate(default.model_dump()) == default


def test_every_config_field_has_a_description() -> None:
    undocumented = [
        f"{model.__name__}.{name}"
        for model in all_config_models()
        for name, field in model.model_fields.items()
        if not (field.description and field.description.strip())
    ]
    assert undocumented == []
    assert len(all_config_models()) > len(SPECS) // 2


def test_config_models_refuse_unknown_fields_and_wrong_types() -> None:
    for spec in SPECS:
        with pytest.raises(ValueError):
            spec.config_model.model_validate({"no_such_field": 1})
    lambda_model = CATALOG.get("aws.lambda").config_model
    with pytest.raises(ValueError):
        lambda_model.model_validate({"memory_mb": "1024"})


def test_lambda_edge_defaults_to_us_east_1() -> None:
    config = CATALOG.get("aws.lambda_edge").config_model.model_validate({})
    assert config.region == "us-east-1"  # type: ignore[attr-defined]


# ---- registration -----------------------------------------------------------------------------
def _spec(kind_id: str, replaces: tuple[str, ...] = ()) -> KindSpec:
    return replace(CATALOG.get("aws.sqs.queue"), id=kind_id, replaces=replaces)


def test_registering_a_kind_twice_is_refused() -> None:
    registry = Registry()
    registry.register(_spec("test.queue"))
    with pytest.raises(DuplicateKindError):
        registry.register(_spec("test.queue"))
    assert len(registry) == 1


def test_replacing_a_registered_id_is_refused() -> None:
    registry = Registry()
    registry.register(_spec("test.queue"))
    with pytest.raises(DuplicateKindError):
        registry.register(_spec("test.other", replaces=("test.queue",)))
    assert "test.other" not in registry


def test_registering_an_id_another_kind_replaces_is_refused() -> None:
    registry = Registry()
    registry.register(_spec("test.new", replaces=("test.old",)))
    with pytest.raises(DuplicateKindError):
        registry.register(_spec("test.old"))
    with pytest.raises(DuplicateKindError):
        registry.register(_spec("test.newer", replaces=("test.old",)))


def test_registering_the_catalog_twice_is_refused() -> None:
    registry = Registry()
    registry.register(SPECS[0])
    with pytest.raises(DuplicateKindError):
        registry.register(SPECS[0])


def test_a_replaced_id_loads_as_the_new_kind() -> None:
    registry = Registry()
    for spec in SPECS:
        registry.register(spec)
    registry.register(_spec("test.message_queue", replaces=("test.legacy_queue",)))
    document = {
        "format": "archcanvas",
        "version": 1,
        "app_version": "0.0.1",
        "design": {
            "name": "renamed kinds",
            "nodes": [
                {
                    "id": "q",
                    "kind": "test.legacy_queue",
                    "label": "Q",
                    "position": {"x": 0, "y": 0},
                    "config": {"visibility_timeout_s": 45},
                }
            ],
        },
    }
    design = from_document(document, "renamed.archcanvas", catalog=registry)
    node = design.node("q")
    assert node.kind == "test.message_queue"
    assert node.config.visibility_timeout_s == 45  # type: ignore[attr-defined]
    assert '"kind": "test.message_queue"' in dumps(design)
    assert "test.legacy_queue" not in dumps(design)
    assert registry.resolve("test.legacy_queue") == "test.message_queue"
    assert CATALOG.resolve("test.legacy_queue") is None


# ---- search aliases ---------------------------------------------------------------------------
def _entries_for(alias: str) -> set[str]:
    wanted = alias.casefold()
    found = {spec.id for spec in SPECS if wanted in (a.casefold() for a in spec.aliases)}
    found |= {
        f"preset:{preset.id}"
        for preset in CATALOG.presets
        if wanted in (a.casefold() for a in preset.aliases)
    }
    return found


@pytest.mark.parametrize(
    ("alias", "entry"),
    [
        ("Fargate", "preset:fargate"),
        ("SFN", "aws.stepfunctions.state_machine"),
        ("L@E", "aws.lambda_edge"),
        ("ALB", "aws.elb.load_balancer"),
        ("AZ", "aws.availability_zone"),
    ],
)
def test_search_aliases(alias: str, entry: str) -> None:
    assert entry in _entries_for(alias)


def test_fargate_presets_make_each_form_of_fargate() -> None:
    presets = {p.id: p for p in CATALOG.presets}
    assert presets["fargate"].kind == "aws.ecs.service"
    assert presets["fargate"].config["launch_type"] == "FARGATE"
    assert presets["fargate-task"].kind == "aws.ecs.task"
    assert presets["fargate-task"].config["launch_type"] == "FARGATE"
    assert presets["fargate-batch"].kind == "aws.batch.compute_environment"
    assert presets["fargate-batch"].config["type"] == "FARGATE"
    assert {"preset:fargate", "preset:fargate-task", "preset:fargate-batch"} <= _entries_for(
        "Fargate"
    )


def test_every_kind_has_display_name_description_and_cfn_or_group() -> None:
    for spec in SPECS:
        assert spec.display_name.strip(), spec.id
        assert spec.description.strip(), spec.id
        assert (
            spec.cfn_types or spec.is_container or spec.annotation or spec.id == "aws.resource"
        ), spec.id
