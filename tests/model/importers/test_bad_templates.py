"""Bad input: a clear message naming the file, the line where known and the logical id;
never a traceback, never a partial design."""

from __future__ import annotations

from pathlib import Path

import pytest

from model.importers import ImportFailure, import_template

BAD = Path(__file__).resolve().parents[2] / "fixtures" / "cfn" / "bad"

CASES = {
    "not-a-template.txt.yaml": ("not a CloudFormation template", None, None),
    "yaml-syntax.yaml": ("YAML syntax error", 6, None),
    "json-syntax.json": ("JSON syntax error", 3, None),
    "unknown-short-intrinsic.yaml": ("unknown intrinsic function !Lower", 7, None),
    "unknown-long-intrinsic.json": ("unknown intrinsic function Fn::Upper", None, "Queue"),
    "circular-ref.yaml": ("circular reference (A -> B -> A)", 2, "A"),
    "definition-outside.yaml": ("points outside the template's folder", 3, "Flow"),
    "definition-missing.yaml": ("no such file", 3, "Flow"),
    "no-type.yaml": ("the resource has no Type", 2, "Queue"),
    "duplicate-key.yaml": ("duplicate key 'Type'", 4, None),
    "not-a-number.yaml": ("Worker: '.nan' is not a number CloudFormation accepts", 10, "Worker"),
    "endless-number.yaml": ("Worker: a number of 60 digits is longer than", 8, "Worker"),
    "infinite-output.yaml": ("'-.inf' is not a number CloudFormation accepts", 7, None),
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_template_is_refused_with_file_line_and_logical_id(name: str) -> None:
    text, line, logical_id = CASES[name]
    with pytest.raises(ImportFailure) as caught:
        import_template(BAD / name)
    message = str(caught.value)
    assert str(BAD / name) in message
    assert text in message
    if line is not None:
        assert f"{name}:{line}:" in message
    if logical_id is not None:
        assert logical_id in message
    assert "sys.set_int_max_str_digits" not in message


def test_a_fifty_megabyte_file_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "huge.yaml"
    with big.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    with pytest.raises(ImportFailure, match="too large"):
        import_template(big)


def test_a_missing_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(ImportFailure, match="cannot read"):
        import_template(tmp_path / "absent.yaml")


def test_an_alias_bomb_stops_early(tmp_path: Path) -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 9):
        lines.append(f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]")
    lines.append("Resources:\n  Q:\n    Type: AWS::SQS::Queue\n    Properties:\n      Tags: *a8")
    bomb = tmp_path / "bomb.yaml"
    bomb.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ImportFailure, match="too many values"):
        import_template(bomb)
