"""Regenerate docs/screenshot.png: the editor on the default example, as the README shows it.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/readme_screenshot.py [OUT.png]
Renders the real main window offscreen (no display needed), with the state machine selected
so the inspector shows its settings and ASL definition.
"""

from __future__ import annotations

import sys
from pathlib import Path

from window_shot import ROOT, save_window_shot

from app.application import DEFAULT_EXAMPLE
from app.canvas.style import LABEL_ZOOM
from app.main_window import MainWindow

SELECTED_KIND = "aws.stepfunctions.state_machine"


def arrange(window: MainWindow) -> None:
    selected = [n.id for n in window.document.design.nodes if n.kind == SELECTED_KIND]
    window.scene.select_ids(selected[:1])
    window.view_fit()
    if window.view.zoom() < LABEL_ZOOM:  # show the labels, centred on the selection
        window.view.set_zoom(0.8)
        window.view.center_on_ids(selected[:1])
        window.statusBar().clearMessage()


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "screenshot.png"
    save_window_shot(DEFAULT_EXAMPLE, out, arrange)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
