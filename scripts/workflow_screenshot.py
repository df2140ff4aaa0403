"""Regenerate docs/workflow-editor.png: the workflow tab on a state machine of an example.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/workflow_screenshot.py
     [DESIGN] [OUT.png] [--longest]
Renders the real main window offscreen with the first state machine's workflow open and the
longest path shown.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from app.application import DEFAULT_EXAMPLE  # noqa: E402
from app.document_io import load_document  # noqa: E402
from app.main_window import MainWindow  # noqa: E402
from app.settings import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
STATE_MACHINE = "aws.stepfunctions.state_machine"


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    design = Path(args[0]) if args else DEFAULT_EXAMPLE
    out = Path(args[1]) if len(args) > 1 else ROOT / "docs" / "workflow-editor.png"
    qt_app = QApplication.instance() or QApplication(["archcanvas-screenshot"])
    with tempfile.TemporaryDirectory() as folder:
        window = MainWindow(load_document(design), Settings(Path(folder) / "s.ini"))
        window.resize(1600, 1000)
        window.show()
        for _ in range(5):
            qt_app.processEvents()
        machines = [n.id for n in window.document.design.nodes if n.kind == STATE_MACHINE]
        tab = window.open_workflow(machines[0]) if machines else None
        if tab is not None:
            tab.longest_box.setChecked(True)
            states = list(tab.scene.states)
            if states:
                tab.scene.select_states(states[:1])
        for _ in range(5):
            qt_app.processEvents()
        if tab is not None:
            tab.fit()
        for _ in range(5):
            qt_app.processEvents()
        image = window.grab().toImage()
        window.document.stack.set_clean()
        window.close()
    image.save(str(out))
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
