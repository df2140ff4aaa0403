"""Unsaved work reaches its window's recovery file on a timer; the next start offers it back.

Crashes are simulated in this process by releasing its recovery lock and starting a new
session; tests/app/test_recovery_instances.py does it with real processes and SIGKILL.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import QLockFile
from PySide6.QtWidgets import QMessageBox

import app.autosave
from app.application import initial_documents
from app.autosave import (
    LEGACY_RECOVERY,
    RECOVERY_SUFFIX,
    Autosaver,
    RecoveredDocument,
    claim_orphans,
    read_recovery,
    recovery_session,
)
from app.document import Document
from app.main_window import MainWindow
from app.settings import Settings
from model.commands import SetConfig
from model.serialization import from_document, to_document


def recovery_files(settings: Settings) -> list[Path]:
    return sorted(settings.recovery_dir.glob(f"*{RECOVERY_SUFFIX}"))


def crash_this_instance(monkeypatch: pytest.MonkeyPatch, settings: Settings) -> None:
    """As if this process died: its lock goes, and the next start is a new session."""
    recovery_session(settings.recovery_dir).lock.unlock()
    monkeypatch.setattr(app.autosave, "_SESSIONS", {})


def orphan(settings: Settings, document: Document, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A recovery file left by an instance that died."""
    path = recovery_session(settings.recovery_dir).new_file()
    assert Autosaver(path, lambda: document).save_now()
    crash_this_instance(monkeypatch, settings)
    return path


def answer(choice: str, asked: list | None = None):  # type: ignore[no-untyped-def]
    def ask(recovered):  # type: ignore[no-untyped-def]
        if asked is not None:
            asked.append(recovered)
        return choice

    return ask


def test_autosave_writes_recovery_file_only_when_dirty(qtbot, sample_document, tmp_path):
    recovery = tmp_path / "recovery.json"
    saver = Autosaver(recovery, lambda: sample_document, interval_ms=20)
    saver.start()
    qtbot.wait(80)
    assert not recovery.exists()  # nothing unsaved yet

    sample_document.push(SetConfig.field(sample_document.design, "handler-1", "memory_mb", 3008))
    qtbot.waitUntil(recovery.exists, timeout=2000)
    saver.stop()
    restored = read_recovery(recovery)
    assert restored.design.node("handler-1").config.memory_mb == 3008
    assert [n.id for n in restored.design.nodes] == [n.id for n in sample_document.design.nodes]


def test_crash_then_restore_then_clean_close(
    qtbot, sample_document, message_boxes, tmp_path, monkeypatch
):
    settings = Settings()
    window = MainWindow(sample_document, settings, autosave_ms=20)
    qtbot.addWidget(window)
    saved = tmp_path / "design.archcanvas"
    window._save_to(saved)
    window.document.push(SetConfig.field(window.document.design, "handler-1", "timeout_s", 45))
    qtbot.waitUntil(window.autosaver.recovery_file.exists, timeout=2000)
    window.autosaver.stop()  # the "crash": the window never closes cleanly
    crash_this_instance(monkeypatch, settings)

    asked: list = []
    [restored] = initial_documents(None, Settings(), answer("restore", asked), print)
    assert [r.source for r in asked] == recovery_files(settings)
    assert isinstance(restored, RecoveredDocument)
    assert restored.design.node("handler-1").config.timeout_s == 45
    assert restored.path == saved
    assert restored.is_dirty()  # unsaved until the user saves

    second = MainWindow(restored, Settings(), autosave_ms=60_000)
    qtbot.addWidget(second)
    assert second.autosaver.recovery_file == restored.recovery_file  # keeps its copy
    assert second.isWindowModified()
    assert second.file_save()
    assert not second.isWindowModified()
    second.close()
    assert recovery_files(settings) == []  # clean close removes it


def test_declined_restore_discards_recovery(sample_document, monkeypatch):
    settings = Settings()
    settings.mark_started()
    sample_document.push(SetConfig.field(sample_document.design, "handler-1", "memory_mb", 256))
    orphan(settings, sample_document, monkeypatch)
    [document] = initial_documents(None, settings, answer("discard"), print)
    assert not isinstance(document, RecoveredDocument)
    assert recovery_files(settings) == []


def test_restore_later_keeps_the_work_for_the_next_start(sample_document, monkeypatch):
    settings = Settings()
    settings.mark_started()
    sample_document.push(SetConfig.field(sample_document.design, "handler-1", "memory_mb", 256))
    orphan(settings, sample_document, monkeypatch)
    [document] = initial_documents(None, settings, answer("later"), print)
    assert not isinstance(document, RecoveredDocument)
    crash_this_instance(monkeypatch, settings)  # this instance ends; the file is still there
    [document] = initial_documents(None, settings, answer("restore"), print)
    assert document.design.node("handler-1").config.memory_mb == 256


def test_every_crashed_window_is_offered_and_restored(sample_document, monkeypatch):
    settings = Settings()
    settings.mark_started()
    session = recovery_session(settings.recovery_dir)
    for memory in (256, 512):
        copy = Document(from_document(to_document(sample_document.design)))
        copy.push(SetConfig.field(copy.design, "handler-1", "memory_mb", memory))
        assert Autosaver(session.new_file(), lambda d=copy: d).save_now()
    crash_this_instance(monkeypatch, settings)
    given = sample_document.design
    path = settings.data_dir / "given.archcanvas"
    sample_document.save(path)
    documents = initial_documents(path, settings, answer("restore"), print)
    memories = [d.design.node("handler-1").config.memory_mb for d in documents[:2]]
    assert sorted(memories) == [256, 512]
    assert documents[2].path == path and len(documents[2].design.nodes) == len(given.nodes)


def test_damaged_recovery_file_is_reported_and_kept(sample_document, monkeypatch):
    settings = Settings()
    settings.mark_started()
    sample_document.push(SetConfig.field(sample_document.design, "handler-1", "memory_mb", 256))
    orphan(settings, sample_document, monkeypatch).write_text("{not json")
    errors: list[str] = []
    [document] = initial_documents(None, settings, answer("restore"), errors.append)
    assert isinstance(document, Document) and not isinstance(document, RecoveredDocument)
    assert errors and "could not be restored" in errors[0]
    assert recovery_files(settings) == []
    kept = list(settings.recovery_dir.glob(f"*{RECOVERY_SUFFIX}.damaged-*"))
    assert len(kept) == 1 and kept[0].read_text() == "{not json"


def test_damaged_or_deep_recovery_file_is_kept_aside_and_the_app_starts(
    sample_document, monkeypatch
):
    settings = Settings()
    settings.mark_started()
    deep = '{"format": "archcanvas-recovery", "document": ' + "[" * 100_000 + "]" * 100_000 + "}"
    sample_document.push(SetConfig.field(sample_document.design, "handler-1", "memory_mb", 256))
    orphan(settings, sample_document, monkeypatch).write_text(deep)
    errors: list[str] = []
    [document] = initial_documents(None, settings, answer("restore"), errors.append)
    assert isinstance(document, Document) and not isinstance(document, RecoveredDocument)
    assert errors and "kept as" in errors[0]
    kept = list(settings.recovery_dir.glob(f"*{RECOVERY_SUFFIX}.damaged-*"))
    assert len(kept) == 1 and kept[0].read_text() == deep


def test_two_windows_in_one_process_autosave_to_their_own_files(
    qtbot, sample_document, message_boxes
):
    settings = Settings()
    copy = Document(from_document(to_document(sample_document.design)))
    first = MainWindow(sample_document, settings, autosave_ms=60_000)
    second = MainWindow(copy, settings, autosave_ms=60_000)
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    first.document.push(SetConfig.field(first.document.design, "handler-1", "memory_mb", 256))
    second.document.push(SetConfig.field(second.document.design, "handler-1", "memory_mb", 512))
    assert first.autosaver.save_now() and second.autosaver.save_now()
    assert first.autosaver.save_now()  # writing again leaves the other window's file alone
    files = {first.autosaver.recovery_file, second.autosaver.recovery_file}
    assert len(files) == 2
    memories = sorted(read_recovery(f).design.node("handler-1").config.memory_mb for f in files)
    assert memories == [256, 512]
    message_boxes.answers.append(QMessageBox.StandardButton.Discard)
    assert first.close()  # a clean close removes only its own file
    assert first.autosaver.recovery_file not in recovery_files(settings)
    assert read_recovery(second.autosaver.recovery_file).design.node("handler-1").config.memory_mb
    second.document.stack.set_clean()
    first.document.stack.set_clean()


def test_a_file_whose_lock_names_this_pid_is_an_earlier_process(sample_document, tmp_path):
    """Pids repeat (in a sandbox often exactly): a dead instance's lock that names our own pid
    must not keep its work from being offered."""
    settings = Settings()
    folder = settings.recovery_dir
    folder.mkdir(parents=True)
    elsewhere = QLockFile(str(tmp_path / "model.lock"))
    assert elsewhere.tryLock(0)
    dead = f"{os.getpid()}-0dead000"
    shutil.copy(tmp_path / "model.lock", folder / f"{dead}.lock")  # no flock: its owner died
    elsewhere.unlock()
    sample_document.push(SetConfig.field(sample_document.design, "handler-1", "memory_mb", 256))
    assert Autosaver(folder / f"{dead}.w1{RECOVERY_SUFFIX}", lambda: sample_document).save_now()
    claimed = claim_orphans(recovery_session(folder))
    assert len(claimed) == 1
    assert read_recovery(claimed[0]).design.node("handler-1").config.memory_mb == 256
    assert not (folder / f"{dead}.lock").exists()


def test_the_shared_file_of_earlier_versions_is_offered(sample_document):
    settings = Settings()
    settings.mark_started()
    sample_document.push(SetConfig.field(sample_document.design, "handler-1", "memory_mb", 256))
    assert Autosaver(settings.data_dir / LEGACY_RECOVERY, lambda: sample_document).save_now()
    [document] = initial_documents(None, settings, answer("restore"), print)
    assert document.design.node("handler-1").config.memory_mb == 256
    assert not (settings.data_dir / LEGACY_RECOVERY).exists()


def test_autosave_never_raises_in_its_timer(sample_document, tmp_path, monkeypatch):
    def broken(*_args):  # type: ignore[no-untyped-def]
        raise ValueError("Maximum serialization depth exceeded")

    monkeypatch.setattr(app.autosave, "to_document", broken)
    sample_document.push(SetConfig.field(sample_document.design, "handler-1", "memory_mb", 256))
    saver = Autosaver(tmp_path / "recovery.json", lambda: sample_document)
    assert saver.save_now() is False
    assert "depth" in saver.last_error


def test_the_window_says_when_its_work_is_not_backed_up(
    qtbot, sample_document, monkeypatch, message_boxes
):
    window = MainWindow(sample_document, Settings(), autosave_ms=60_000)
    qtbot.addWidget(window)
    assert window.backup_warning.isHidden()
    real = app.autosave.write_recovery

    def full_disk(*_args):  # type: ignore[no-untyped-def]
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(app.autosave, "write_recovery", full_disk)
    window.document.push(SetConfig.field(window.document.design, "handler-1", "memory_mb", 256))
    assert window.autosaver.save_now() is False
    assert not window.backup_warning.isHidden()
    assert "No space left on device" in window.backup_warning.toolTip()
    assert "No space left" in window.statusBar().currentMessage()
    monkeypatch.setattr(app.autosave, "write_recovery", real)
    assert window.autosaver.save_now()
    assert window.backup_warning.isHidden()
    window.document.stack.set_clean()


def test_the_window_says_when_recovery_files_cannot_be_locked(qtbot, sample_document, monkeypatch):
    monkeypatch.setattr(app.autosave, "_SESSIONS", {})
    monkeypatch.setattr(QLockFile, "tryLock", lambda self, timeout=0: False)
    window = MainWindow(sample_document, Settings(), autosave_ms=60_000)
    qtbot.addWidget(window)
    assert not window.backup_warning.isHidden()
    assert "cannot be locked" in window.backup_warning.toolTip()


def test_recovery_uses_the_save_paths_escaping(sample_document, tmp_path):
    sample_document.push(
        SetConfig.field(sample_document.design, "handler-1", "environment", {"K": "v\ud800"})
    )
    recovery = tmp_path / "recovery.json"
    assert Autosaver(recovery, lambda: sample_document).save_now()
    restored = read_recovery(recovery)
    assert restored.design.node("handler-1").config.environment == {"K": "v\\ud800"}
