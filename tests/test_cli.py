"""The headless CLI: output formats, exit statuses, and no Qt."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from model.design import Design, new_node
from model.serialization import save_design

ROOT = Path(__file__).resolve().parents[1]


def _design_file(tmp_path: Path, name: str, **config: object) -> Path:
    design = Design("CLI test")
    design.add_node(new_node(design, "aws.lambda", label="resize", config=dict(config)))
    path = tmp_path / name
    save_design(design, path)
    return path


def test_validate_clean_design_exits_zero(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _design_file(tmp_path, "ok.archcanvas", memory_mb=1024, timeout_s=30)
    assert main(["validate", str(path)]) == 0
    assert "1 design checked: 0 errors" in capsys.readouterr().out


def test_validate_reports_error_with_file_element_rule(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _design_file(tmp_path, "big.archcanvas", memory_mb=20000)
    assert main(["validate", str(path)]) == 1
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if "LAMBDA_MEMORY_RANGE" in line)
    assert str(path) in line and "resize-1" in line and "20,000 MB" in line


def test_json_output_follows_the_contract(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _design_file(tmp_path, "big.archcanvas", memory_mb=20000)
    assert main(["validate", "--format", "json", str(path)]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document[0]["path"] == str(path)
    finding = next(f for f in document[0]["findings"] if f["rule"] == "LAMBDA_MEMORY_RANGE")
    assert set(finding) == {"rule", "severity", "message", "elements", "source", "hint"}
    assert finding["severity"] == "error" and finding["elements"] == ["resize-1"]
    assert finding["source"].startswith("https://docs.aws.amazon.com/")


def test_fail_on_threshold(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _design_file(tmp_path, "ok.archcanvas", memory_mb=1024)
    findings = []
    main(["validate", "--format", "json", str(path)])
    findings = json.loads(capsys.readouterr().out)[0]["findings"]
    worst = {f["severity"] for f in findings}
    expected_on_info = 1 if worst else 0
    assert main(["validate", "--fail-on", "info", str(path)]) == expected_on_info
    assert main(["validate", "--fail-on", "error", str(path)]) == (1 if "error" in worst else 0)


def test_invalid_file_exits_two_naming_file_element_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _design_file(tmp_path, "ok.archcanvas")
    bad = tmp_path / "bad.archcanvas"
    bad.write_text(good.read_text().replace('"label": "resize"', '"label": 7'))
    assert main(["validate", str(good), str(bad)]) == 2
    err = capsys.readouterr().err
    assert str(bad) in err and "node 'resize-1'" in err and "label" in err
    assert "Traceback" not in err


def test_sarif_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _design_file(tmp_path, "big.archcanvas", memory_mb=20000)
    main(["validate", "--format", "sarif", str(path)])
    sarif = json.loads(capsys.readouterr().out)
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    rule_ids = {rule["id"] for rule in run["tool"]["driver"]["rules"]}
    result = next(r for r in run["results"] if r["ruleId"] == "LAMBDA_MEMORY_RANGE")
    assert result["ruleId"] in rule_ids and result["level"] == "error"
    location = result["locations"][0]
    assert location["physicalLocation"]["artifactLocation"]["uri"].endswith("big.archcanvas")
    line = location["physicalLocation"]["region"]["startLine"]
    assert '"id": "resize-1"' in path.read_text().splitlines()[line - 1]


def test_catalog_lists_fields_units_defaults(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["catalog", "--format", "json"]) == 0
    entries = {entry["kind"]: entry for entry in json.loads(capsys.readouterr().out)}
    memory = next(f for f in entries["aws.lambda"]["fields"] if f["name"] == "memory_mb")
    assert memory["unit"] == "MB" and memory["default"] == 128


def test_headless_commands_import_no_qt(tmp_path: Path) -> None:
    path = _design_file(tmp_path, "ok.archcanvas")
    code = (
        "import sys, io, contextlib\n"
        "from app.cli import main\n"
        f"main(['validate', '--format', 'sarif', {str(path)!r}])\n"
        "main(['catalog'])\n"
        "main(['rules'])\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr


def test_export_to_a_file_where_a_folder_is_needed_exits_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _design_file(tmp_path, "ok.archcanvas")
    blocker = tmp_path / "out"
    blocker.write_text("keep me")
    assert main(["export", str(path), "--to", "terraform", "-o", str(blocker)]) == 2
    err = capsys.readouterr().err
    assert "exists and is not a folder" in err and "Traceback" not in err
    assert blocker.read_text() == "keep me"


def test_json_output_lists_unreadable_files_with_their_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = _design_file(tmp_path, "ok.archcanvas")
    missing = tmp_path / "missing.archcanvas"
    assert main(["validate", "--format", "json", str(good), str(missing)]) == 2
    document = json.loads(capsys.readouterr().out)
    assert [entry["path"] for entry in document] == [str(good), str(missing)]
    assert "error" not in document[0]
    assert str(missing) in document[1]["error"] and document[1]["findings"] == []


def test_findings_about_states_carry_their_paths_in_json_and_sarif(
    capsys: pytest.CaptureFixture[str],
) -> None:
    example = Path(__file__).parents[1] / "examples" / "image-pipeline.archcanvas"
    main(["validate", "--format", "json", str(example)])
    finding = next(
        f for f in json.loads(capsys.readouterr().out)[0]["findings"] if f["rule"] == "SFN_PAYLOAD"
    )
    paths = [state["path"] for state in finding["states"]]
    assert "States.AnalyseImage.Branches[0].States.MakeThumbnails" in paths
    assert {state["element"] for state in finding["states"]} == {"analyse"}
    main(["validate", "--format", "sarif", str(example)])
    run = json.loads(capsys.readouterr().out)["runs"][0]
    result = next(r for r in run["results"] if r["ruleId"] == "SFN_PAYLOAD")
    names = [loc.get("fullyQualifiedName") for loc in result["locations"][0]["logicalLocations"]]
    assert "analyse/States.AnalyseImage.Branches[0].States.MakeThumbnails" in names
