"""Regenerate docs/visual-diff.png: the revised image pipeline compared with the original
(File ▸ Compare with…), the resize function selected so the inspector shows its change.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/readme_visual_diff.py [OUT.png]
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from window_shot import ROOT, save_window_shot

from app.main_window import MainWindow

OLD = ROOT / "examples" / "image-pipeline.archcanvas"
NEW = ROOT / "examples" / "image-pipeline-revised.archcanvas"


def arrange(window: MainWindow) -> None:
    os.chdir(ROOT)
    window.compare.compare_with(str(OLD.relative_to(ROOT)))
    window.scene.select_ids(["resize"])
    window.view_fit()


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "visual-diff.png"
    save_window_shot(NEW, out, arrange)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
