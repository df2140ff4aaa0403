"""Step Functions rules over the fixture set of real-shaped workflows (tests/fixtures/asl/rules).

Run: .venv/bin/python bench/bench_sfn_fixtures.py [FOLDER]
Prints how often each Step Functions rule fires, by severity, and on how many files. To compare
with an older checkout, run this file with that checkout first on PYTHONPATH.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

from model.design import Design, new_node
from model.profile import Profile
from model.rules import Finding, validate

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "asl" / "rules"


def fixture_findings(folder: Path) -> dict[str, list[Finding]]:
    """Step Functions findings of each fixture, as a state machine alone in a design."""
    expected = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    found: dict[str, list[Finding]] = {}
    for name, facts in sorted(expected.items()):
        definition = json.loads((folder / f"{name}.asl.json").read_text(encoding="utf-8"))
        design = Design(name, profile=Profile(region="us-east-1"))
        config = {"workflow_type": facts["workflow_type"], "definition": definition}
        design.add_node(new_node(design, "aws.stepfunctions.state_machine", config=config))
        found[name] = [f for f in validate(design) if f.rule.startswith("SFN_")]
    return found


def main() -> None:
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else FIXTURES
    found = fixture_findings(folder)
    counts: Counter[tuple[str, str]] = Counter()
    files: Counter[str] = Counter()
    for findings in found.values():
        for finding in findings:
            counts[(finding.rule, finding.severity)] += 1
        for rule in {f.rule for f in findings}:
            files[rule] += 1
    print(f"{len(found)} definitions from {folder}")
    for (rule, severity), count in sorted(counts.items()):
        print(f"  {rule:34s} {severity:8s} {count:4d} findings on {files[rule]:3d} files")
    if not counts:
        print("  no Step Functions findings")


if __name__ == "__main__":
    main()
