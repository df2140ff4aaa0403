"""The committed JSON Schema is current, well formed, and accepts what ArchCanvas saves."""

from __future__ import annotations

import copy
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from model.catalog import CATALOG
from model.design import Design, new_node
from model.elements import Edge, Point
from model.serialization import CURRENT_VERSION, dumps, to_document
from model.serialization.jsonschema import DRAFT, design_schema, schema_text

REPO_ROOT = Path(__file__).resolve().parents[2]
COMMITTED = REPO_ROOT / "docs" / "archcanvas.schema.json"
EXAMPLES = sorted((REPO_ROOT / "examples").glob("*.archcanvas"))
REGENERATE = "python -m model.serialization.jsonschema --write docs/archcanvas.schema.json"


def resolve(schema: dict[str, Any], ref: str) -> dict[str, Any]:
    assert ref.startswith("#/$defs/")
    found: dict[str, Any] = schema["$defs"][ref.removeprefix("#/$defs/")]
    return found


def every_kind_design() -> Design:
    design = Design("Every kind")
    design.add_node(new_node(design, "aws.region", node_id="region"))
    design.add_node(new_node(design, "aws.subnet", node_id="subnet", parent="region"))
    for index, spec in enumerate(CATALOG):
        parent = "subnet" if design.can_contain("subnet", spec.id) else None
        design.add_node(new_node(design, spec.id, Point(index * 10, 0), parent=parent))
    design.add_node(
        new_node(design, "aws.lambda", node_id="f", config={"memory_mb": 20_000, "layers": ["a"]})
    )
    design.add_node(new_node(design, "aws.sqs.queue", node_id="q", config={"fifo": True}))
    config = Edge("x", "q", "f", "triggers").config.model_validate({"batch_size": 10})
    design.add_edge(Edge("e1", "q", "f", "triggers", config, "orders"))
    return design


# ---- the committed file -------------------------------------------------------------------------
def test_committed_schema_is_current() -> None:
    assert COMMITTED.is_file(), f"missing {COMMITTED}; run {REGENERATE}"
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), f"stale; run {REGENERATE}"


def test_schema_output_is_deterministic() -> None:
    assert schema_text() == schema_text()
    assert design_schema() == design_schema()
    assert json.loads(schema_text()) == design_schema()


def test_module_prints_the_schema() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "model.serialization.jsonschema"],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
        cwd=REPO_ROOT,
    )
    assert result.stdout == schema_text()


# ---- its shape ----------------------------------------------------------------------------------
def test_envelope() -> None:
    schema = design_schema()
    assert schema["$schema"] == DRAFT == "https://json-schema.org/draft/2020-12/schema"
    assert schema["type"] == "object"
    assert schema["additionalProperties"] is False
    assert set(schema["required"]) == {"format", "version", "app_version", "design"}
    assert schema["properties"]["format"]["const"] == "archcanvas"
    assert schema["properties"]["version"]["maximum"] == CURRENT_VERSION


def test_each_node_is_one_of_the_kinds_with_its_own_config() -> None:
    schema = design_schema()
    design_def = resolve(schema, schema["properties"]["design"]["$ref"])
    variants = design_def["properties"]["nodes"]["items"]["oneOf"]
    assert len(variants) == len(CATALOG)
    seen: set[str] = set()
    for variant_ref in variants:
        variant = resolve(schema, variant_ref["$ref"])
        kind = variant["properties"]["kind"]
        kind_ids = [kind["const"]] if "const" in kind else kind["enum"]
        spec = CATALOG.get(kind_ids[0])
        seen.add(spec.id)
        assert variant["additionalProperties"] is False
        assert set(variant["required"]) >= {"id", "kind", "position"}
        config = resolve(schema, variant["properties"]["config"]["$ref"])
        assert config["additionalProperties"] is False
        assert set(config["properties"]) == set(spec.config_model.model_fields)
        for name, field in config["properties"].items():
            assert field.get("description"), f"{spec.id}.{name}"
    assert seen == {spec.id for spec in CATALOG}


def test_edges_carry_the_edge_config() -> None:
    schema = design_schema()
    edge_def = schema["$defs"]["EdgeDoc"]
    config = resolve(schema, edge_def["properties"]["config"]["$ref"])
    assert config["additionalProperties"] is False
    assert "expected_rps" in config["properties"]
    assert set(edge_def["properties"]["relation"].keys()) & {"$ref", "enum"}


def test_profile_is_described() -> None:
    schema = design_schema()
    profile = schema["$defs"]["Profile"]
    assert set(profile["properties"]) == {"region", "quotas"}


# ---- validation with the jsonschema package, when installed ------------------------------------
def validator() -> Any:
    jsonschema = pytest.importorskip("jsonschema")
    schema = design_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_a_saved_design_of_every_kind_is_valid() -> None:
    check = validator()
    document = json.loads(dumps(every_kind_design()))
    errors = [error.message for error in check.iter_errors(document)]
    assert errors == []


@pytest.mark.parametrize("kind", [spec.id for spec in CATALOG])
def test_every_default_config_written_in_full_is_valid(kind: str) -> None:
    check = validator()
    design = Design()
    design.add_node(new_node(design, kind, node_id="n"))
    document = to_document(design)
    config = CATALOG.get(kind).config_model.model_validate({})
    document["design"]["nodes"][0]["config"] = config.model_dump(mode="json")
    assert [error.message for error in check.iter_errors(document)] == []


def _broken(change: str) -> dict[str, Any]:
    document = copy.deepcopy(to_document(every_kind_design()))
    nodes = document["design"]["nodes"]
    lambda_node = next(n for n in nodes if n["id"] == "f")
    if change == "unknown config field":
        lambda_node["config"]["memroy_mb"] = 1
    elif change == "wrong type":
        lambda_node["config"]["memory_mb"] = "1024"
    elif change == "another kind's field":
        lambda_node["config"]["fifo"] = True
    elif change == "unknown kind":
        lambda_node["kind"] = "aws.lamda"
    elif change == "missing position":
        del lambda_node["position"]
    elif change == "unknown edge config field":
        document["design"]["edges"][0]["config"]["rps"] = 1
    elif change == "unknown relation":
        document["design"]["edges"][0]["relation"] = "eats"
    elif change == "another format":
        document["format"] = "drawio"
    elif change == "newer version":
        document["version"] = CURRENT_VERSION + 1
    return document


@pytest.mark.parametrize(
    "change",
    [
        "unknown config field",
        "wrong type",
        "another kind's field",
        "unknown kind",
        "missing position",
        "unknown edge config field",
        "unknown relation",
        "another format",
        "newer version",
    ],
)
def test_the_schema_refuses_what_loading_refuses(change: str) -> None:
    check = validator()
    assert not check.is_valid(_broken(change))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.name for p in EXAMPLES])
def test_examples_are_valid(path: Path) -> None:
    check = validator()
    document = json.loads(path.read_text(encoding="utf-8"))
    errors = [f"{list(e.absolute_path)}: {e.message}" for e in check.iter_errors(document)]
    assert errors == []
