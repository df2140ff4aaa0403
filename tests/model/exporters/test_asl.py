"""Step Functions export: one definition and one substitution map per state machine."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from model.exporters import export
from model.exporters._common import PLACEHOLDER_RE

STATELINT = Path(sys.executable).with_name("statelint")
# statelint 3 predates parts of the current language; tolerated messages (false positives):
# integer BackoffRate is valid since 2023, and JSONata-era fields (QueryLanguage, Arguments,
# Output, Assign), Label and ItemReader/ItemBatcher/ResultWriter of Distributed Map are real.
TOLERATED = re.compile(
    r"BackoffRate|QueryLanguage|Arguments|Output|Assign|Label|ItemReader|ItemBatcher|"
    r"ResultWriter|ItemProcessor|ProcessorConfig|ToleratedFailure|MaxConcurrencyPath|"
    r"Credentials|JitterStrategy|MaxDelaySeconds"
)
EXAMPLE_ARNS = {
    "aws.lambda": "arn:aws:lambda:us-east-1:123456789012:function:{}",
    "aws.lambda_edge": "arn:aws:lambda:us-east-1:123456789012:function:{}",
    "aws.stepfunctions.state_machine": "arn:aws:states:us-east-1:123456789012:stateMachine:{}",
    "aws.sqs.queue": "https://sqs.us-east-1.amazonaws.com/123456789012/{}",
    "aws.sns.topic": "arn:aws:sns:us-east-1:123456789012:{}",
    "aws.ecs.task": "arn:aws:ecs:us-east-1:123456789012:task-definition/{}:1",
    "aws.batch.job_queue": "arn:aws:batch:us-east-1:123456789012:job-queue/{}",
    "aws.batch.job_definition": "arn:aws:batch:us-east-1:123456789012:job-definition/{}:1",
    "aws.eventbridge.rule": "arn:aws:events:us-east-1:123456789012:rule/{}",
}


def _filled(definition_text: str, substitutions: dict) -> str:
    def replace(match: re.Match[str]) -> str:
        item = substitutions.get(match.group(1))
        kind = item["kind"] if item else None
        pattern = EXAMPLE_ARNS.get(kind or "", "arn:aws:lambda:us-east-1:123456789012:function:{}")
        return pattern.format(item["logical_id"] if item and item["logical_id"] else "Value")

    return PLACEHOLDER_RE.sub(replace, definition_text)


def test_each_state_machine_gets_definition_and_substitutions(tmp_path, small_pipeline) -> None:
    written = export(small_pipeline, "asl", tmp_path / "asl")
    assert sorted(p.name for p in written) == ["workflow.asl.json", "workflow.substitutions.json"]
    definition = json.loads((tmp_path / "asl" / "workflow.asl.json").read_text())
    envelope = json.loads((tmp_path / "asl" / "workflow.substitutions.json").read_text())
    assert envelope["state_machine"]["node"] == "workflow"
    assert envelope["substitutions"]["Resize"] == {
        "node": "resize",
        "kind": "aws.lambda",
        "logical_id": "Resize",
        "value": "arn",
    }
    assert envelope["substitutions"]["Done"]["kind"] == "aws.sns.topic"
    states = definition["States"]
    assert [
        s["Parameters"].get("FunctionName") or s["Parameters"].get("TopicArn")
        for s in states.values()
    ] == ["${Resize}", "${Done}"]


def test_given_definition_keeps_its_placeholders(tmp_path, kitchen_sink) -> None:
    export(kitchen_sink, "asl", tmp_path)
    envelope = json.loads((tmp_path / "given.substitutions.json").read_text())["substitutions"]
    assert envelope["ResizeArn"]["node"] == "resize"
    assert envelope["Topic"]["node"] == "alerts"
    assert envelope["Unknown"]["node"] is None


def test_statelint_accepts_every_exported_definition(
    tmp_path, design_name, load_design_named
) -> None:
    design = load_design_named(design_name)
    files = export(design, "asl", tmp_path / "asl")
    for path in files:
        if not path.name.endswith(".asl.json"):
            continue
        substitutions = json.loads(
            path.with_name(path.name.replace(".asl.json", ".substitutions.json")).read_text()
        )["substitutions"]
        filled = tmp_path / ("filled-" + path.name)
        filled.write_text(_filled(path.read_text(), substitutions))
        result = subprocess.run(
            [str(STATELINT), str(filled)], capture_output=True, text=True, timeout=60
        )
        problems = [
            line.strip()
            for line in (result.stdout + result.stderr).splitlines()
            if line.startswith(" ") and not TOLERATED.search(line)
        ]
        assert result.returncode == 0 or not problems
        assert problems == [], (path.name, result.stdout)


def test_statelint_problems_are_caught(tmp_path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"StartAt": "A", "States": {"A": {"Type": "Task", "Next": "B"}}}')
    result = subprocess.run([str(STATELINT), str(bad)], capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    assert any(line.startswith(" ") for line in result.stdout.splitlines())


def test_file_names_never_leave_the_folder(tmp_path, hostile) -> None:
    written = export(hostile, "asl", tmp_path / "out")
    assert written and all(p.parent == tmp_path / "out" for p in written)
