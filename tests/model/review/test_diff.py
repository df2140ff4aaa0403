"""Semantic diff: every change kind, by id and dotted field path, layout apart."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from model.review.diff import diff_designs, render_markdown, render_text
from model.serialization import dumps, from_document, loads

EXAMPLE = Path(__file__).resolve().parents[3] / "examples" / "image-pipeline.archcanvas"


def _doc() -> dict[str, Any]:
    return json.loads(EXAMPLE.read_text(encoding="utf-8"))  # type: ignore[no-any-return]


def _node(doc: dict[str, Any], node_id: str) -> dict[str, Any]:
    return next(n for n in doc["design"]["nodes"] if n["id"] == node_id)


def _diff(change: Any) -> Any:
    old = _doc()
    new = copy.deepcopy(old)
    change(new)
    return diff_designs(from_document(old), from_document(new))


def test_a_design_equals_itself_after_save_and_reload() -> None:
    design = from_document(_doc())
    again = loads(dumps(design))
    diff = diff_designs(design, again)
    assert not diff.semantic and not diff.layout
    assert diff.to_json() == {
        "nodes": {"added": [], "removed": [], "changed": {}},
        "edges": {"added": [], "removed": [], "changed": {}},
        "profile": {},
        "design": {},
        "waivers": {"added": [], "removed": []},
        "findings": {"introduced": [], "resolved": []},
    }


def test_config_change_is_a_dotted_field_with_old_and_new_and_units() -> None:
    def change(doc: dict[str, Any]) -> None:
        _node(doc, "resize")["config"]["memory_mb"] = 2048

    diff = _diff(change)
    assert diff.to_json()["nodes"]["changed"] == {"resize": {"config.memory_mb": [1536, 2048]}}
    assert "~ node resize: config.memory_mb: 1536 MB -> 2048 MB" in render_text(diff, "a", "b")


def test_setting_a_field_to_its_default_explicitly_is_no_change() -> None:
    def change(doc: dict[str, Any]) -> None:
        config = _node(doc, "metadata")["config"]
        assert "ephemeral_storage_mb" not in config
        config["ephemeral_storage_mb"] = 512

    assert not _diff(change).semantic


def test_added_removed_renamed_and_moved_between_containers() -> None:
    def change(doc: dict[str, Any]) -> None:
        nodes = doc["design"]["nodes"]
        doc["design"]["edges"] = [
            e for e in doc["design"]["edges"] if "metadata" not in (e["source"], e["target"])
        ]
        nodes.remove(_node(doc, "metadata"))
        nodes.append(
            {
                "id": "audit",
                "kind": "aws.lambda",
                "label": "Audit",
                "parent": None,
                "position": {"x": 0, "y": 0},
                "config": {},
            }
        )
        _node(doc, "images")["parent"] = "us-east-1"
        _node(doc, "resize")["label"] = "Resize uploads"

    document = _diff(change).to_json()
    nodes = document["nodes"]
    assert nodes["added"] == ["audit"] and nodes["removed"] == ["metadata"]
    assert nodes["changed"]["images"] == {"parent": ["eu-west-1", "us-east-1"]}
    assert nodes["changed"]["resize"] == {"label": ["Resize image", "Resize uploads"]}
    assert document["edges"]["removed"] and not document["edges"]["added"]


def test_edge_changes_field_by_field() -> None:
    def change(doc: dict[str, Any]) -> None:
        edge = doc["design"]["edges"][3]
        edge["config"]["expected_rps"] = 50
        edge["label"] = "on upload"

    diff = _diff(change)
    edge_id = _doc()["design"]["edges"][3]["id"]
    assert diff.edges.changed[edge_id]["label"] == ("", "on upload")
    assert diff.edges.changed[edge_id]["config.expected_rps"][1] == 50


def test_a_renamed_state_inside_a_definition_is_one_rename() -> None:
    def change(doc: dict[str, Any]) -> None:
        states = _node(doc, "analyse")["config"]["definition"]["States"]
        states["StoreResult"] = states.pop("SaveResult")
        states["AnalyseImage"]["Next"] = "StoreResult"

    changed = _diff(change).nodes.changed["analyse"]
    prefix = "config.definition.States"
    assert changed[f"{prefix}.SaveResult.name"] == ("SaveResult", "StoreResult")
    assert changed[f"{prefix}.AnalyseImage.Next"] == ("SaveResult", "StoreResult")
    assert len(changed) == 2


def test_layout_alone_is_not_semantic_and_listed_only_when_asked() -> None:
    def change(doc: dict[str, Any]) -> None:
        _node(doc, "resize")["position"]["x"] += 40
        _node(doc, "eu-west-1")["size"]["w"] += 100

    diff = _diff(change)
    assert not diff.semantic
    assert set(diff.layout) == {"resize", "eu-west-1"}
    assert "layout" not in diff.to_json()
    assert "position" in diff.to_json(layout=True)["layout"]["resize"]
    text = render_text(diff, "a", "b")
    assert "no semantic changes (2 elements moved or resized)" in text
    assert "layout resize: position" in render_text(diff, "a", "b", layout=True)


def test_profile_waivers_and_findings_introduced_and_resolved() -> None:
    def change(doc: dict[str, Any]) -> None:
        doc["design"]["profile"]["quotas"]["lambda_concurrent_executions"] = 500
        doc["design"]["profile"]["region"] = "eu-central-1"
        _node(doc, "resize")["config"]["timeout_s"] = 1200
        doc["design"]["waivers"] = [
            {
                "rule": "LAMBDA_TIMEOUT_MAX",
                "elements": ["thumbnail"],
                "reason": "pilot",
                "author": "ana",
                "created": "2026-01-01",
                "expires": None,
            }
        ]

    diff = _diff(change)
    document = diff.to_json()
    assert document["profile"]["region"] == ["eu-west-1", "eu-central-1"]
    assert document["profile"]["quotas.lambda_concurrent_executions"][1] == 500
    assert [w["rule"] for w in document["waivers"]["added"]] == ["LAMBDA_TIMEOUT_MAX"]
    introduced = {(f["rule"], tuple(f["elements"])) for f in document["findings"]["introduced"]}
    assert ("LAMBDA_TIMEOUT_MAX", ("resize",)) in introduced
    reverse = diff_designs(diff.new, diff.old)
    assert reverse.to_json()["waivers"]["removed"] == document["waivers"]["added"]
    resolved = {(f.rule, f.elements) for f in reverse.resolved}
    assert ("LAMBDA_TIMEOUT_MAX", ("resize",)) in resolved
    markdown = render_markdown(diff, "v1", "v2")
    row = next(line for line in markdown.splitlines() if "timeout" in line and "resize" in line)
    assert row.endswith("| 60 s | 1200 s |")
    assert "### Findings introduced" in markdown
