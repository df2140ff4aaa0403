"""Regenerate docs/workflow-editor.png: the workflow tab on a state machine of an example.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/workflow_screenshot.py
     [DESIGN] [OUT.png] [--longest]
Renders the real main window offscreen with the first state machine's workflow open and the
longest path shown.
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication
from window_shot import ROOT, save_window_shot, settle

from app.application import DEFAULT_EXAMPLE
from app.main_window import MainWindow

STATE_MACHINE = "aws.stepfunctions.state_machine"


def arrange(window: MainWindow) -> None:
    machines = [n.id for n in window.document.design.nodes if n.kind == STATE_MACHINE]
    tab = window.open_workflow(machines[0]) if machines else None
    if tab is None:
        return
    tab.longest_box.setChecked(True)
    states = list(tab.scene.states)
    if states:
        tab.scene.select_states(states[:1])
    qt_app = QApplication.instance()
    assert isinstance(qt_app, QApplication)
    settle(qt_app)
    tab.fit()


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    design = Path(args[0]) if args else DEFAULT_EXAMPLE
    out = Path(args[1]) if len(args) > 1 else ROOT / "docs" / "workflow-editor.png"
    save_window_shot(design, out, arrange)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
