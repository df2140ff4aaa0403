"""Regenerate docs/screenshot.png: the editor on the default example, as the README shows it.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/readme_screenshot.py [OUT.png]
Renders the real main window offscreen (no display needed), with the state machine selected
so the inspector shows its settings and ASL definition.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from app.application import DEFAULT_EXAMPLE  # noqa: E402
from app.canvas.style import LABEL_ZOOM  # noqa: E402
from app.document_io import load_document  # noqa: E402
from app.main_window import MainWindow  # noqa: E402
from app.settings import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
SELECTED_KIND = "aws.stepfunctions.state_machine"


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshot.png"
    qt_app = QApplication.instance() or QApplication(["archcanvas-screenshot"])
    with tempfile.TemporaryDirectory() as folder:
        window = MainWindow(load_document(DEFAULT_EXAMPLE), Settings(Path(folder) / "s.ini"))
        window.resize(1600, 1000)
        window.show()
        for _ in range(5):
            qt_app.processEvents()
        selected = [n.id for n in window.document.design.nodes if n.kind == SELECTED_KIND]
        window.scene.select_ids(selected[:1])
        window.view_fit()
        if window.view.zoom() < LABEL_ZOOM:  # show the labels, centred on the selection
            window.view.set_zoom(0.8)
            window.view.center_on_ids(selected[:1])
            window.statusBar().clearMessage()
        for _ in range(5):
            qt_app.processEvents()
        image = window.grab().toImage()
        window.document.stack.set_clean()
        window.close()
    image.save(str(out))
    print(f"wrote {out.relative_to(ROOT) if out.is_relative_to(ROOT) else out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
