"""Unsaved work reaches a recovery file on a timer; the next start offers it back."""

from __future__ import annotations

from app.application import initial_document
from app.autosave import Autosaver, RecoveredDocument, read_recovery
from app.document import Document
from app.main_window import MainWindow
from app.settings import Settings
from model.commands import SetConfig


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


def test_crash_then_restore_then_clean_close(qtbot, sample_document, message_boxes, tmp_path):
    settings = Settings()
    window = MainWindow(sample_document, settings, autosave_ms=20)
    qtbot.addWidget(window)
    saved = tmp_path / "design.archcanvas"
    window._save_to(saved)
    window.document.push(SetConfig.field(window.document.design, "handler-1", "timeout_s", 45))
    qtbot.waitUntil(settings.recovery_file.exists, timeout=2000)
    window.autosaver.stop()  # the "crash": the window never closes cleanly

    asked = []
    restored = initial_document(None, Settings(), lambda p: asked.append(p) or True, print)
    assert asked == [settings.recovery_file]
    assert isinstance(restored, RecoveredDocument)
    assert restored.design.node("handler-1").config.timeout_s == 45
    assert restored.path == saved
    assert restored.is_dirty()  # unsaved until the user saves

    second = MainWindow(restored, Settings(), autosave_ms=60_000)
    qtbot.addWidget(second)
    assert second.isWindowModified()
    assert second.file_save()
    assert not second.isWindowModified()
    second.close()
    assert not settings.recovery_file.exists()  # clean close removes it


def test_declined_restore_discards_recovery(sample_document, tmp_path):
    settings = Settings()
    settings.mark_started()
    sample_document.push(SetConfig.field(sample_document.design, "handler-1", "memory_mb", 256))
    Autosaver(settings.recovery_file, lambda: sample_document).save_now()
    assert settings.recovery_file.exists()
    document = initial_document(None, settings, lambda _p: False, print)
    assert not isinstance(document, RecoveredDocument)
    assert not settings.recovery_file.exists()


def test_damaged_recovery_file_is_reported(tmp_path):
    settings = Settings()
    settings.mark_started()
    settings.recovery_file.write_text("{not json")
    errors: list[str] = []
    document = initial_document(None, settings, lambda _p: True, errors.append)
    assert isinstance(document, Document) and not isinstance(document, RecoveredDocument)
    assert errors and "could not be restored" in errors[0]
    assert not settings.recovery_file.exists()


def test_damaged_or_deep_recovery_file_is_kept_aside_and_the_app_starts(tmp_path):
    settings = Settings()
    settings.mark_started()
    deep = '{"format": "archcanvas-recovery", "document": ' + "[" * 100_000 + "]" * 100_000 + "}"
    settings.recovery_file.write_text(deep)
    errors: list[str] = []
    document = initial_document(None, settings, lambda _p: True, errors.append)
    assert isinstance(document, Document) and not isinstance(document, RecoveredDocument)
    assert errors and "kept as" in errors[0]
    kept = list(settings.recovery_file.parent.glob(settings.recovery_file.name + ".damaged-*"))
    assert len(kept) == 1 and kept[0].read_text() == deep


def test_autosave_never_raises_in_its_timer(sample_document, tmp_path, monkeypatch):
    import app.autosave

    def broken(*_args):  # type: ignore[no-untyped-def]
        raise ValueError("Maximum serialization depth exceeded")

    monkeypatch.setattr(app.autosave, "to_document", broken)
    sample_document.push(SetConfig.field(sample_document.design, "handler-1", "memory_mb", 256))
    saver = Autosaver(tmp_path / "recovery.json", lambda: sample_document)
    assert saver.save_now() is False
    assert "depth" in saver.last_error


def test_recovery_uses_the_save_paths_escaping(sample_document, tmp_path):
    sample_document.push(
        SetConfig.field(sample_document.design, "handler-1", "environment", {"K": "v\ud800"})
    )
    recovery = tmp_path / "recovery.json"
    assert Autosaver(recovery, lambda: sample_document).save_now()
    restored = read_recovery(recovery)
    assert restored.design.node("handler-1").config.environment == {"K": "v\\ud800"}
