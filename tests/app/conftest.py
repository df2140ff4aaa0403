"""Qt tests run without a display unless QT_QPA_PLATFORM names another platform (CI runs
them once more with xcb under Xvfb); set before any Qt module creates the application."""

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


import pytest  # noqa: E402


@pytest.fixture(scope="session", autouse=True)
def clipboard_released_before_exit():
    """Qt's offscreen clipboard crashes the interpreter at exit while it still holds data that
    Python set (see app.application.release_offscreen_clipboard)."""
    yield
    from app.application import release_offscreen_clipboard

    release_offscreen_clipboard()


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    """Every test gets its own settings file and recovery folder (ARCHCANVAS_SETTINGS)."""
    path = tmp_path / "settings" / "archcanvas.ini"
    monkeypatch.setenv("ARCHCANVAS_SETTINGS", str(path))
    return path


@pytest.fixture
def message_boxes(monkeypatch):
    """Record QMessageBox calls instead of blocking; answers come from the `answers` list."""
    from PySide6.QtWidgets import QMessageBox

    calls: list[tuple[str, str]] = []
    answers: list[QMessageBox.StandardButton] = []

    def fake(kind):
        def show(_parent, _title, text, *_args, **_kwargs):
            calls.append((kind, text))
            if answers:
                return answers.pop(0)
            return QMessageBox.StandardButton.Ok

        return show

    for kind in ("critical", "warning", "question", "information"):
        monkeypatch.setattr(QMessageBox, kind, staticmethod(fake(kind)))
    monkeypatch.setattr(QMessageBox, "about", staticmethod(fake("about")))
    fake.calls = calls  # type: ignore[attr-defined]
    fake.answers = answers  # type: ignore[attr-defined]
    return fake


def build_sample_design():
    """API Gateway -> Lambda (timeout within limits) and an SQS queue, inside a VPC."""
    from model.design import Design, new_node
    from model.elements import Edge, Point

    design = Design("Sample", "for tests")
    vpc = new_node(design, "aws.vpc", Point(0, 0), label="Main VPC")
    design.add_node(vpc)
    api = new_node(design, "aws.apigateway.api", Point(-260, 60), label="Orders API")
    design.add_node(api)
    fn = new_node(
        design, "aws.lambda", Point(260, 60), label="Handler", parent=vpc.id,
        config={"timeout_s": 20},
    )  # fmt: skip
    design.add_node(fn)
    queue = new_node(design, "aws.sqs.queue", Point(520, 60), label="Jobs")
    design.add_node(queue)
    design.add_edge(Edge(design.new_edge_id(), api.id, fn.id, "invokes"))
    design.add_edge(Edge(design.new_edge_id(), fn.id, queue.id, "uses"))
    return design


@pytest.fixture
def sample_document():
    from app.document import Document

    return Document(build_sample_design())


@pytest.fixture
def main_window(qtbot, sample_document, message_boxes):
    from app.main_window import MainWindow
    from app.settings import Settings

    window = MainWindow(sample_document, Settings(), autosave_ms=60_000)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    window.document.stack.set_clean()


@pytest.fixture
def sample_design():
    return build_sample_design()
