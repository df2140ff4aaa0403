"""Start-up: which design the window opens with, the self-test, settings isolation."""

from __future__ import annotations

from pathlib import Path

import app.application as application
from app.application import DEFAULT_EXAMPLE, initial_documents, parse_args, self_test
from app.settings import ENV_VAR, Settings
from model.serialization import save_design


def test_settings_use_the_environment_override(isolated_settings):
    settings = Settings()
    assert settings.path == isolated_settings
    settings.add_recent_file(Path("/tmp/a.archcanvas"))
    assert Settings().recent_files() == [Path("/tmp/a.archcanvas").resolve()]
    assert ENV_VAR == "ARCHCANVAS_SETTINGS"


def test_file_argument_is_opened(tmp_path, sample_design):
    path = tmp_path / "given.archcanvas"
    save_design(sample_design, path)
    [document] = initial_documents(path, Settings(), lambda _r: "later", print)
    assert document.path == path
    assert [n.id for n in document.design.nodes] == [n.id for n in sample_design.nodes]
    assert parse_args([str(path)]).file == path


def test_bad_file_argument_shows_error_and_opens_empty(tmp_path):
    errors: list[str] = []
    missing = tmp_path / "missing.archcanvas"
    [document] = initial_documents(missing, Settings(), lambda _r: "later", errors.append)
    assert document.design.is_empty()
    assert errors and "missing.archcanvas" in errors[0]


def test_first_start_opens_example_then_empty(tmp_path, sample_design, monkeypatch):
    example = tmp_path / "example.archcanvas"
    save_design(sample_design, example)
    monkeypatch.setattr(application, "DEFAULT_EXAMPLE", example)
    settings = Settings()
    [first] = initial_documents(None, settings, lambda _r: "later", print)
    assert first.path == example and first.design.nodes
    settings.mark_started()
    [later] = initial_documents(None, settings, lambda _r: "later", print)
    assert later.design.is_empty()


def test_default_example_location():
    assert (
        Path(application.__file__).resolve().parents[1] / "examples" / "image-pipeline.archcanvas"
        == DEFAULT_EXAMPLE
    )


def test_self_test(qapp, tmp_path, sample_design, capsys):
    example = tmp_path / "example.archcanvas"
    save_design(sample_design, example)
    assert self_test(example) == 0
    assert "self-test: ok" in capsys.readouterr().out
    broken = tmp_path / "broken.archcanvas"
    broken.write_text("[]")
    assert self_test(broken) == 1


def test_png_export_reopens_as_an_untitled_design(tmp_path, sample_design):
    from app.document_io import load_document
    from app.image_export import export_image
    from model.serialization import dumps

    picture = tmp_path / "design.png"
    export_image(sample_design, "png", picture)
    document = load_document(picture)
    assert dumps(document.design) == dumps(sample_design)
    assert document.path is None


def test_a_file_open_event_opens_the_file_in_the_window(qapp, tmp_path) -> None:
    """macOS Finder sends a double-clicked design as a QFileOpenEvent, not an argument."""
    from PySide6.QtCore import QCoreApplication
    from PySide6.QtGui import QFileOpenEvent

    from app.application import FileOpenForwarder

    opened: list[Path] = []

    class Window:
        def open_path(self, path: Path, ask: bool = True) -> bool:
            opened.append(path)
            return True

    forwarder = FileOpenForwarder(Window())
    qapp.installEventFilter(forwarder)
    try:
        design = tmp_path / "d.archcanvas"
        QCoreApplication.sendEvent(qapp, QFileOpenEvent(str(design)))
    finally:
        qapp.removeEventFilter(forwarder)
    assert opened == [design]
