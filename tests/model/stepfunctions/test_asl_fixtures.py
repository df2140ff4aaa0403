"""Real-world definitions must pass our checker; statelint gives a second opinion.

statelint 3.1 predates some fields AWS accepts today. Its complaints on the newer fixtures are
all of the kinds listed in STATELINT_FALSE_POSITIVES, each of which AWS accepts:

* integer BackoffRate ("is 2 but should be a Float"): AWS takes any number >= 1.0;
* ``${Name}`` DefinitionSubstitutions placeholders ("should be A URI"), filled at deploy time;
* Distributed Map ``Label`` and ReaderConfig fields (InputType, CSVHeaderLocation, ...);
* JSONata ``{% %}`` expressions in integer fields such as TimeoutSeconds or Wait Seconds;
* fields of the JSONata/variables release (QueryLanguage, Arguments, Output, Assign) and
  Distributed Map parts (ItemReader, ItemBatcher, ResultWriter) for older statelint builds.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from model.stepfunctions import check_structure

FIXTURES = Path(__file__).parent / "fixtures"

CLASSIC_FIXTURES = ["order_fulfilment_classic.json", "mixed_language.json"]
"""Only features statelint knows: it must accept them once placeholders are substituted."""

NEWER_FIXTURES = ["image_pipeline.json", "distributed_inventory.json", "jsonata_orders.json"]
"""Use fields newer than statelint's rules: only known false positives may be reported."""

STATELINT_FALSE_POSITIVES: dict[str, re.Pattern[str]] = {
    "integer BackoffRate": re.compile(r"\.BackoffRate is \d+ but should be a Float$"),
    "placeholder": re.compile(r'is "[^"]*\$\{[^}]+\}[^"]*" but should be A URI$'),
    "Distributed Map Label": re.compile(r'^Field "Label" not allowed in '),
    "ReaderConfig field": re.compile(
        r'^Field "(InputType|CSVHeaderLocation|CSVHeaders|CSVDelimiter|ManifestType'
        r'|ItemsPointer)" not allowed in .*\.ItemReader\.ReaderConfig$'
    ),
    "JSONata expression in an integer field": re.compile(
        r"\.(TimeoutSeconds|HeartbeatSeconds|Seconds|MaxConcurrency|ToleratedFailureCount"
        r"|ToleratedFailurePercentage|MaxItems|MaxItemsPerBatch|MaxInputBytesPerBatch)"
        r' is "\{%.*%\}" but should be an? (Integer|numeric)$'
    ),
    "newer field": re.compile(
        r'^Field "(QueryLanguage|Arguments|Output|Assign|ItemReader|ItemBatcher|ResultWriter'
        r'|ItemSelector|ItemProcessor|ProcessorConfig)" not allowed in '
    ),
}

_PLACEHOLDER = re.compile(r"\$\{([^{}\s]+)\}")


def _statelint() -> str | None:
    beside_python = Path(sys.executable).with_name("statelint")
    if beside_python.exists():
        return str(beside_python)
    return shutil.which("statelint")


STATELINT = _statelint()
needs_statelint = pytest.mark.skipif(STATELINT is None, reason="statelint is not installed")


def substitute_placeholders(text: str) -> str:
    """What CloudFormation DefinitionSubstitutions would produce, with made-up ARNs."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "Region":
            return "us-east-1"
        if name == "AccountId":
            return "123456789012"
        if name.endswith("FunctionArn"):
            return f"arn:aws:lambda:us-east-1:123456789012:function:{name}"
        if name.endswith("QueueUrl"):
            return f"https://sqs.us-east-1.amazonaws.com/123456789012/{name}"
        return f"arn:aws:sns:us-east-1:123456789012:{name}"

    return _PLACEHOLDER.sub(value, text)


def run_statelint(path: Path) -> tuple[int, list[str]]:
    """statelint prints 'One error:'/'N errors:' then one indented line per problem; exit 1."""
    assert STATELINT is not None
    done = subprocess.run(
        [STATELINT, str(path)], capture_output=True, text=True, timeout=60, check=False
    )
    problems = [line.strip() for line in done.stdout.splitlines() if line.startswith(" ")]
    return done.returncode, problems


def _substituted_copy(name: str, tmp_path: Path) -> Path:
    target = tmp_path / name
    target.write_text(substitute_placeholders((FIXTURES / name).read_text(encoding="utf-8")))
    return target


def _false_positive_kind(message: str) -> str | None:
    for kind, pattern in STATELINT_FALSE_POSITIVES.items():
        if pattern.search(message):
            return kind
    return None


@pytest.mark.parametrize("name", CLASSIC_FIXTURES + NEWER_FIXTURES)
def test_valid_fixture_has_no_problems(name: str, load_fixture: Callable[[str], object]) -> None:
    assert check_structure(load_fixture(name)) == []


@pytest.mark.parametrize("name", CLASSIC_FIXTURES + NEWER_FIXTURES)
def test_placeholders_are_accepted_with_or_without_substitution(name: str) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert check_structure(json.loads(substitute_placeholders(text))) == []


def test_every_fixture_is_classified() -> None:
    assert sorted(CLASSIC_FIXTURES + NEWER_FIXTURES) == sorted(
        p.name for p in FIXTURES.glob("*.json")
    )


@needs_statelint
@pytest.mark.parametrize("name", CLASSIC_FIXTURES)
def test_statelint_accepts_classic_fixtures(name: str, tmp_path: Path) -> None:
    code, problems = run_statelint(_substituted_copy(name, tmp_path))
    assert (code, problems) == (0, [])


@needs_statelint
@pytest.mark.parametrize("name", NEWER_FIXTURES)
def test_statelint_only_reports_known_false_positives(name: str, tmp_path: Path) -> None:
    code, problems = run_statelint(_substituted_copy(name, tmp_path))
    unexplained = [p for p in problems if _false_positive_kind(p) is None]
    assert unexplained == []
    assert code == (1 if problems else 0)


@needs_statelint
def test_statelint_flags_unsubstituted_placeholders_which_we_accept() -> None:
    code, problems = run_statelint(FIXTURES / "image_pipeline.json")
    assert code == 1
    assert any(_false_positive_kind(p) == "placeholder" for p in problems)
    assert all(_false_positive_kind(p) is not None for p in problems)


@needs_statelint
def test_statelint_agrees_on_a_real_error(tmp_path: Path) -> None:
    """Guards the parsing of statelint's output: a broken Next must show up in both tools."""
    definition = json.loads((FIXTURES / "order_fulfilment_classic.json").read_text())
    definition["States"]["ShipOrder"]["Next"] = "Nowhere"
    del definition["States"]["ShipOrder"]["End"]
    target = tmp_path / "broken.json"
    target.write_text(substitute_placeholders(json.dumps(definition)))
    code, problems = run_statelint(target)
    assert code == 1
    assert any("Nowhere" in p for p in problems)
    ours = check_structure(definition)
    assert [p.path for p in ours] == ["States.ShipOrder.Next"]
