"""The Step Functions rules on real-shaped workflows (tests/fixtures/asl/rules): no false error,
and duration or history warnings only where a state really is unbounded (expected.json)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "bench"))

from bench_sfn_fixtures import FIXTURES, fixture_findings  # noqa: E402

EXPECTED = json.loads((FIXTURES / "expected.json").read_text(encoding="utf-8"))
FOUND = fixture_findings(FIXTURES)
WARNINGS = ("SFN_STANDARD_DURATION", "SFN_EXPRESS_DURATION", "SFN_STANDARD_HISTORY")


def test_the_set_has_at_least_30_definitions() -> None:
    assert len(EXPECTED) >= 30
    assert sorted(p.name.removesuffix(".asl.json") for p in FIXTURES.glob("*.asl.json")) == sorted(
        EXPECTED
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_fixture_gets_only_the_expected_errors_and_warnings(name: str) -> None:
    expected = set(EXPECTED[name]["expected_rules"])
    errors = {f.rule for f in FOUND[name] if f.severity == "error"}
    assert errors == expected & {"SFN_ASL_STRUCTURE"}, [f.message for f in FOUND[name]]
    warnings = {f.rule for f in FOUND[name] if f.rule in WARNINGS}
    assert warnings == expected - {"SFN_ASL_STRUCTURE"}, [f.message for f in FOUND[name]]
    assert all(sum(f.rule == rule for f in FOUND[name]) == 1 for rule in expected)
