"""CLI paper cuts (issue 9): a folder export given a file name, ASL with nothing to write."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.cli import main
from model.design import Design, new_node
from model.elements import Point
from model.serialization import save_design


def _design_file(tmp_path: Path) -> Path:
    design = Design("plain")
    design.add_node(new_node(design, "aws.lambda", Point(0, 0), label="fn"))
    path = tmp_path / "plain.archcanvas"
    save_design(design, path)
    return path


def test_folder_export_to_a_file_name_is_refused_with_a_message(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _design_file(tmp_path)
    target = tmp_path / "tf" / "main.tf"
    assert main(["export", str(path), "--to", "terraform", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "ends in a file extension (.tf)" in err and "writes a folder" in err
    assert str(tmp_path / "tf" / "main") in err and "Traceback" not in err
    assert not target.exists()
    assert main(["export", str(path), "--to", "terraform", "-o", str(tmp_path / "tf")]) == 0
    assert (tmp_path / "tf").is_dir()


def test_asl_export_without_a_state_machine_writes_nothing_and_exits_two(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _design_file(tmp_path)
    out = tmp_path / "asl"
    assert main(["export", str(path), "--to", "asl", "-o", str(out)]) == 2
    captured = capsys.readouterr()
    assert "no Step Functions state machine; nothing was written" in captured.err
    assert "wrote" not in captured.out
    assert not out.exists()
