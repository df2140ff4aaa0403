"""Shared by the README screenshot scripts: open a design in the real main window offscreen,
let the caller arrange it, and save what the window shows."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from app.document_io import load_document  # noqa: E402
from app.main_window import MainWindow  # noqa: E402
from app.settings import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def settle(qt_app: QApplication) -> None:
    for _ in range(5):
        qt_app.processEvents()


def save_window_shot(design: Path, out: Path, arrange: Callable[[MainWindow], None]) -> None:
    """Open design at 1600×1000, call arrange(window) once it is shown, save the grab to out."""
    qt_app = QApplication.instance() or QApplication(["archcanvas-screenshot"])
    assert isinstance(qt_app, QApplication)
    with tempfile.TemporaryDirectory() as folder:
        window = MainWindow(load_document(design), Settings(Path(folder) / "s.ini"))
        window.resize(1600, 1000)
        window.show()
        settle(qt_app)
        arrange(window)
        settle(qt_app)
        image = window.grab().toImage()
        window.document.stack.set_clean()
        window.close()
    image.save(str(out))
    print(f"wrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
