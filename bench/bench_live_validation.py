"""Live validation in the editor: time from a user edit to findings, counts and badges being
current, on every bundled example. Target: under 100 ms.

Each sample pushes one config edit (or its undo) through the Document the window uses, so it
covers the incremental engine, the findings signal and the canvas badge update together.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_live_validation.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication  # noqa: E402

from app.canvas.scene import DesignScene  # noqa: E402
from app.canvas.view import DesignView  # noqa: E402
from app.document_io import load_document  # noqa: E402
from model.commands import SetConfig  # noqa: E402
from model.review.waivers import apply_waivers  # noqa: E402
from model.rules import validate  # noqa: E402

ROUNDS = 20


EDITS = {"timeout_s": 1200, "memory_mb": 20000, "count": 40, "desired_count": 5000,
         "max_size": 400, "max_concurrency": 500, "visibility_timeout_s": 1}  # fmt: skip


def edits(document) -> list[tuple[str, str, object, object]]:
    """(node, field, value, original value): one edit per node, likely to change a verdict."""
    result = []
    for node in document.design.iter_nodes():
        for field, value in EDITS.items():
            original = getattr(node.config, field, None)
            if isinstance(original, int) and not isinstance(original, bool):
                result.append((node.id, field, value, original))
                break
    return result


def main() -> None:
    app = QApplication.instance() or QApplication([])
    print(f"{'example':<28} {'nodes':>5} {'edits':>5} {'median ms':>10} {'p95 ms':>8}  consistent")
    for path in sorted((ROOT / "examples").glob("*.archcanvas")):
        document = load_document(path)
        scene = DesignScene(document)
        view = DesignView(scene)
        view.resize(1400, 900)
        view.show()
        app.processEvents()
        samples: list[float] = []
        candidates = edits(document)
        for _ in range(ROUNDS):
            for node_id, field, value, original in candidates:
                for new in (value, original):
                    command = SetConfig.field(document.design, node_id, field, new)
                    start = time.perf_counter()
                    document.push(command)
                    app.processEvents()
                    samples.append((time.perf_counter() - start) * 1000)
                    document.stack.close_merge()
        consistent = document.findings == apply_waivers(document.design, validate(document.design))
        samples.sort()
        p95 = samples[int(len(samples) * 0.95) - 1] if samples else 0.0
        median = statistics.median(samples) if samples else 0.0
        print(
            f"{path.name:<28} {len(document.design.nodes):>5} {len(candidates):>5} "
            f"{median:>10.2f} {p95:>8.2f}  {consistent}"
        )
        view.deleteLater()
        app.processEvents()


if __name__ == "__main__":
    main()
