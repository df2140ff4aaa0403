"""Issue 8's failure classes at load: each hostile file gives one clear LoadError naming the
file, element and field, and every output of a loaded design is strict."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from model.design import Design, new_node
from model.exporters import escaping
from model.serialization import LoadError, dumps, loads
from model.serialization.json_text import JsonError, dump
from model.serialization.limits import LIMITS
from model.text import UNSAFE

REPO = Path(__file__).resolve().parents[2]


def design_text(nodes: list[dict[str, Any]], **design: Any) -> str:
    document = {
        "format": "archcanvas",
        "version": 1,
        "app_version": "0.1.0",
        "design": {"name": "Hostile", "nodes": nodes, "edges": [], **design},
    }
    return json.dumps(document)


def lam(node_id: str = "fn", **fields: Any) -> dict[str, Any]:
    return {
        "id": node_id,
        "kind": "aws.lambda",
        "label": "Fn",
        "position": {"x": 0, "y": 0},
        **fields,
    }


def error_of(text: str) -> str:
    with pytest.raises(LoadError) as caught:
        loads(text, "hostile.archcanvas")
    message = str(caught.value)
    assert "\n" not in message and len(message) < 400
    message.encode("utf-8")
    return message


# ---- class 1: huge integers --------------------------------------------------------------
def test_a_huge_integer_is_a_load_error_naming_the_field() -> None:
    text = design_text([lam(config={"memory_mb": 0})]).replace(
        '"memory_mb": 0', '"memory_mb": ' + "9" * 5000
    )
    message = error_of(text)
    assert "node 'fn'" in message and "config.memory_mb" in message and "digits" in message


def test_the_cli_reports_a_huge_integer_in_one_line(tmp_path: Path) -> None:
    path = tmp_path / "huge.archcanvas"
    path.write_text(
        design_text([lam(position={"x": 0, "y": 0})]).replace('"x": 0', '"x": ' + "1" * 5000)
    )
    result = subprocess.run(
        [sys.executable, "-m", "app.cli", "validate", str(path)],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=60,
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert "position.x" in result.stderr and len(result.stderr.strip().splitlines()) == 1


# ---- class 2 and 8: text that cannot be carried ------------------------------------------
@pytest.mark.parametrize(
    ("char", "field"),
    [("\\ud800", "label"), ("\\u202e", "label"), ("\\uffff", "label"), ("\\u0007", "label")],
)
def test_unsafe_characters_in_a_file_are_refused(char: str, field: str) -> None:
    text = design_text([lam(label="LABEL")]).replace("LABEL", f"ab{char}cd")
    message = error_of(text)
    assert f"field '{field}'" in message and "U+" in message


def test_a_surrogate_in_an_id_gives_a_clean_error() -> None:
    text = design_text([lam(node_id="IDENT")]).replace("IDENT", "x\\udc80y")
    message = error_of(text)
    assert "node #1" in message and "field 'id'" in message


def test_a_surrogate_in_a_config_map_is_refused() -> None:
    text = design_text([lam(config={"environment": {"KEY": "VALUE"}})]).replace("VALUE", "\\ud83d")
    assert "config.environment.KEY" in error_of(text)


def test_edits_make_unsafe_text_visible_so_every_output_stays_encodable() -> None:
    design = Design("Bad \ud800 name \u202e")
    node = new_node(design, "aws.lambda", label="x\u202ey\uffff")
    design.add_node(node)
    config = type(node.config).model_validate({"environment": {"K": "v\ud800"}})
    design.set_config(node.id, config)
    assert not UNSAFE.search(dumps(design))
    assert "\\u202e" in design.node(node.id).label
    dumps(design).encode("utf-8")


@pytest.mark.parametrize("char", ["\u202e", "\uffff", "\ud800", "\x00", "\u2028", "\U0010fffe"])
def test_every_escaping_function_leaves_no_unsafe_character(char: str) -> None:
    text = f"a{char}b"
    for escape in (
        escaping.yaml_string,
        escaping.one_line,
        escaping.yaml_comment,
        escaping.hcl_string,
        escaping.hcl_comment,
        escaping.drawable_text,
        escaping.markdown_text,
        escaping.html_text,
        escaping.dot_label,
        lambda t: escaping.json_dump({"k": t}),
    ):
        assert not UNSAFE.search(escape(text)), escape


# ---- class 3: NaN and infinities -----------------------------------------------------------
@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e999"])
def test_non_finite_numbers_are_load_errors(number: str) -> None:
    text = design_text([lam()]).replace('"x": 0', f'"x": {number}')
    message = error_of(text)
    assert "node 'fn'" in message and "position.x" in message


def test_a_nan_quota_is_a_load_error() -> None:
    text = design_text(
        [], profile={"region": "us-east-1", "quotas": {"lambda_concurrent_executions": 1}}
    )
    message = error_of(
        text.replace('"lambda_concurrent_executions": 1', '"lambda_concurrent_executions": NaN')
    )
    assert "profile.quotas.lambda_concurrent_executions" in message


def test_the_writer_never_writes_nan() -> None:
    with pytest.raises(JsonError):
        dump({"x": float("nan")})
    with pytest.raises(ValueError):
        type(new_node(Design(), "aws.lambda").config).model_validate(
            {"avg_duration_ms": float("nan")}
        )


# ---- class 4: deep nesting -----------------------------------------------------------------
@pytest.mark.parametrize("depth", [LIMITS.depth, 255, 900, 5000])
def test_deep_nesting_is_refused_at_load(depth: int) -> None:
    nested = "[" * depth + "]" * depth
    text = design_text([lam(config={"environment": {"K": "V"}})]).replace('"V"', nested)
    message = error_of(text)
    assert "nested" in message


def test_nesting_within_the_limit_saves_and_reloads() -> None:
    nested: Any = "leaf"
    for _ in range(LIMITS.depth - 12):
        nested = {"a": nested}
    node = {
        "id": "m",
        "kind": "aws.stepfunctions.state_machine",
        "label": "M",
        "position": {"x": 0, "y": 0},
        "config": {
            "definition": {
                "Comment": nested,
                "StartAt": "A",
                "States": {"A": {"Type": "Pass", "End": True}},
            }
        },
    }
    design = loads(design_text([node]))
    assert dumps(loads(dumps(design))) == dumps(design)


# ---- class 7: unbounded lengths ------------------------------------------------------------
def test_a_huge_id_is_not_echoed_in_the_error() -> None:
    text = design_text([lam(node_id="i" * 5_000_000)])
    message = error_of(text)
    assert "field 'id'" in message and "5,000,000 characters" in message


def test_a_label_over_the_limit_is_refused() -> None:
    text = design_text([lam(label="l" * (LIMITS.label_chars + 1))])
    assert "field 'label'" in error_of(text)


def test_a_label_at_the_limit_loads() -> None:
    design = loads(design_text([lam(label="l" * LIMITS.label_chars)]))
    assert len(design.nodes[0].label) == LIMITS.label_chars


def test_duplicate_keys_are_refused() -> None:
    text = design_text([lam()]).replace('"label": "Fn"', '"label": "Fn", "label": "Other"')
    assert "duplicate key 'label'" in error_of(text)


# ---- class 9: dynamic references -------------------------------------------------------------
def test_labels_never_become_cloudformation_dynamic_references() -> None:
    from model.exporters import cloudformation

    design = Design("{{resolve:ssm:/design}}", "{{resolve:secretsmanager:db:SecretString}}")
    node = new_node(design, "aws.lambda", label="{{resolve:ssm:/prod/password}}")
    design.add_node(node)
    config = node.config.model_validate({"environment": {"K": "{{resolve:secretsmanager:s}}"}})
    design.set_config(node.id, config)
    for text in (cloudformation.render(design), cloudformation.render(design, json_format=True)):
        lines = [line for line in text.splitlines() if not line.startswith("#")]  # comments
        assert not [line for line in lines if "{{resolve:" in line]
        assert "resolve:ssm:/prod/password" in text
