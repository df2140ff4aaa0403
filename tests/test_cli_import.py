"""`archcanvas import`, and `validate`/`export` given a template."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "cfn"


def test_import_writes_a_design_and_prints_the_report(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "orders.archcanvas"
    assert main(["import", str(FIXTURES / "sam-orders-api.yaml"), "-o", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "4 resources mapped to kinds" in printed
    assert "Key (AWS::KMS::Key): kept as generic resource" in printed
    assert "OrdersQueue (AWS::SQS::Queue): triggers Worker" in printed
    assert json.loads(out.read_text())["design"]["imported"]["sections"]["Transform"]
    assert main(["validate", str(out)]) == 0


def test_import_without_output_prints_the_design_and_json_report(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["import", str(FIXTURES / "queue-worker.json"), "--format", "json"]) == 0
    document = json.loads(capsys.readouterr().out)
    assert document["design"]["format"] == "archcanvas"
    assert {row["logical_id"] for row in document["report"]["mapped"]} == {"Queue", "Worker"}


def test_validate_and_export_accept_a_template(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["validate", str(FIXTURES / "sam-express-sync-long.yaml")]) == 1
    assert "LAMBDA_MEMORY_RANGE" in capsys.readouterr().out
    out = tmp_path / "back.yaml"
    assert (
        main(["export", str(FIXTURES / "lightsail.yaml"), "--to", "cloudformation", "-o", str(out)])
        == 0
    )
    assert "AWS::Lightsail::StaticIp" in out.read_text()


@pytest.mark.parametrize(
    "name", ["yaml-syntax.yaml", "circular-ref.yaml", "definition-outside.yaml"]
)
def test_bad_template_exits_2_and_writes_nothing(
    tmp_path: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "x.archcanvas"
    assert main(["import", str(FIXTURES / "bad" / name), "-o", str(out)]) == 2
    error = capsys.readouterr().err
    assert name in error and "Traceback" not in error
    assert not out.exists()
    assert main(["validate", str(FIXTURES / "bad" / name)]) == 2


def test_import_loads_no_qt() -> None:
    script = (
        "import sys\nfrom app.cli import main\n"
        f"main(['import', {str(FIXTURES / 'ecs-fargate-alb.yaml')!r}])\n"
        "print(any(m.startswith('PySide6') for m in sys.modules), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stderr.strip().endswith("False")
