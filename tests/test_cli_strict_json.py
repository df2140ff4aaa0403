"""Every `--format json` output of the CLI is written by the one strict writer: it parses
with the strict reader, ends in a newline and holds no raw character of the unsafe set."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from model.serialization import json_text
from model.text import UNSAFE

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "examples"
COMMANDS = {
    "catalog": ["catalog", "--format", "json"],
    "rules": ["rules", "--format", "json"],
    "schema": ["schema"],
    "validate": ["validate", "--format", "json", str(EXAMPLES / "image-pipeline.archcanvas")],
    "diff": [
        "diff",
        "--format",
        "json",
        str(EXAMPLES / "image-pipeline.archcanvas"),
        str(EXAMPLES / "image-pipeline-revised.archcanvas"),
    ],
    "import": ["import", "--format", "json", str(REPO / "tests/fixtures/cfn/app-runner.yaml")],
}


@pytest.mark.parametrize("command", COMMANDS.values(), ids=list(COMMANDS))
def test_json_output_is_strict(command: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    main(command)
    out = capsys.readouterr().out
    assert out.endswith("}\n") or out.endswith("]\n")
    json_text.parse_value(out)
    assert UNSAFE.search(out) is None
