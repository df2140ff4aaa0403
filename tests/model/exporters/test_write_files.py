"""Folder exports are all or nothing: a failure while writing leaves the folder as it was."""

from __future__ import annotations

import os

import pytest

import model.exporters as exporters
from model.exporters import ExportError, export, write_files

CONTENTS: dict[str, str | bytes] = {"main.tf": "new main\n", "variables.tf": "new vars\n"}


def _snapshot(folder):  # type: ignore[no-untyped-def]
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def _fail_on_call(monkeypatch, name, number):  # type: ignore[no-untyped-def]
    """Make the number-th call of model.exporters.<name> raise, as a full disk would."""
    original = getattr(exporters, name)
    calls = []

    def failing(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(args)
        if len(calls) == number:
            raise OSError(28, "No space left on device")
        return original(*args, **kwargs)

    monkeypatch.setattr(exporters, name, failing)


def _fail_moving_into(monkeypatch, folder, number):  # type: ignore[no-untyped-def]
    """Make the number-th os.replace into folder raise (moves into staging still work)."""
    original = os.replace
    moves = []

    def failing(source, target):  # type: ignore[no-untyped-def]
        if os.path.dirname(os.fspath(target)) == os.fspath(folder):
            moves.append(target)
            if len(moves) == number:
                raise OSError(28, "No space left on device")
        return original(source, target)

    monkeypatch.setattr(os, "replace", failing)
    return moves


def test_existing_folder_is_untouched_when_rendering_a_file_fails(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "tf"
    folder.mkdir()
    (folder / "main.tf").write_text("old main\n")
    (folder / "notes.txt").write_text("mine\n")
    before = _snapshot(folder)
    _fail_on_call(monkeypatch, "write_atomic", 2)
    with pytest.raises(OSError, match="No space"):
        write_files(folder, CONTENTS, directory=True)
    assert _snapshot(folder) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tf"]


def test_existing_folder_is_restored_when_a_move_fails(tmp_path, monkeypatch) -> None:
    folder = tmp_path / "tf"
    folder.mkdir()
    (folder / "main.tf").write_text("old main\n")
    before = _snapshot(folder)
    moves = _fail_moving_into(monkeypatch, folder, 2)
    with pytest.raises(OSError, match="No space"):
        write_files(folder, CONTENTS, directory=True)
    assert [os.path.basename(m) for m in moves[:2]] == ["main.tf", "variables.tf"]
    assert _snapshot(folder) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tf"]


def test_new_folder_appears_only_when_complete(tmp_path, monkeypatch) -> None:
    _fail_on_call(monkeypatch, "write_atomic", 2)
    with pytest.raises(OSError):
        write_files(tmp_path / "out", CONTENTS, directory=True)
    assert list(tmp_path.iterdir()) == []
    monkeypatch.undo()
    written = write_files(tmp_path / "out", CONTENTS, directory=True)
    assert [p.read_text() for p in written] == ["new main\n", "new vars\n"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert (tmp_path / "out").stat().st_mode & 0o777 == 0o755


def test_existing_folder_gets_new_files_and_keeps_others(tmp_path) -> None:
    folder = tmp_path / "tf"
    folder.mkdir()
    (folder / "main.tf").write_text("old main\n")
    (folder / "notes.txt").write_text("mine\n")
    write_files(folder, CONTENTS, directory=True)
    assert _snapshot(folder) == {
        "main.tf": b"new main\n",
        "notes.txt": b"mine\n",
        "variables.tf": b"new vars\n",
    }
    assert sorted(p.name for p in tmp_path.iterdir()) == ["tf"]


@pytest.mark.parametrize("name", ["../escape.tf", "sub/x.tf", "..", ""])
def test_names_outside_the_folder_are_refused(tmp_path, name) -> None:
    with pytest.raises(ExportError, match="plain file name"):
        write_files(tmp_path / "out", {name: "x"}, directory=True)
    assert list(tmp_path.iterdir()) == []


def test_folder_export_over_a_file_is_refused(tmp_path, small_pipeline) -> None:
    (tmp_path / "tf").write_text("a file")
    with pytest.raises(ExportError, match="not a folder"):
        export(small_pipeline, "terraform", tmp_path / "tf")
    assert (tmp_path / "tf").read_text() == "a file"
