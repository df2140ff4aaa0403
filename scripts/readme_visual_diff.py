"""Regenerate docs/visual-diff.png: the revised image pipeline compared with the original
(File ▸ Compare with…), the resize function selected so the inspector shows its change.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/readme_visual_diff.py [OUT.png]
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication  # noqa: E402

from app.document_io import load_document  # noqa: E402
from app.main_window import MainWindow  # noqa: E402
from app.settings import Settings  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OLD = ROOT / "examples" / "image-pipeline.archcanvas"
NEW = ROOT / "examples" / "image-pipeline-revised.archcanvas"


def main() -> int:
    out = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT / "docs" / "visual-diff.png"
    qt_app = QApplication.instance() or QApplication(["archcanvas-screenshot"])
    with tempfile.TemporaryDirectory() as folder:
        window = MainWindow(load_document(NEW), Settings(Path(folder) / "s.ini"))
        window.resize(1600, 1000)
        window.show()
        for _ in range(5):
            qt_app.processEvents()
        os.chdir(ROOT)
        window.compare.compare_with(str(OLD.relative_to(ROOT)))
        window.scene.select_ids(["resize"])
        window.view_fit()
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
