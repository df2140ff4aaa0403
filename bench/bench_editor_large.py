"""The editor on a large design (bench/generate_cells.py, 800 cells by default: 4,806 nodes and
6,399 edges, the shape of ../shared/tools/gen_design.py): the time to open it to the first
painted window (load and validate, build the window, show it), then one config edit at a
time to repainted canvas, overview, badges and findings, with the window as it opens
(overview visible, rough routes still being refined from the event loop, which pauses while
edits come in) and again once the routes have settled; and how long one slice of that
refinement takes (what an edit arriving in the middle of one waits for). Issue 12's
targets: first paint under 3 s; an edit under 50 ms median.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_editor_large.py [CELLS]
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate_cells import cells_document  # noqa: E402
from PySide6.QtCore import QEvent, QObject  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

EDITS = 20


class FirstPaint(QObject):
    """When the first paint event reaches the window or one of its children."""

    def __init__(self, window: QWidget) -> None:
        super().__init__()
        self.window = window
        self.at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if (
            self.at is None
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self.window
        ):
            self.at = time.perf_counter()
        return False


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f} ms"


def edit_times(app: QApplication, window, count: int) -> list[float]:  # type: ignore[no-untyped-def]
    """One timeout edit of a Lambda at a time (and back), each to the repainted window."""
    from model.commands import SetConfig

    document = window.document
    functions = [n.id for n in document.design.iter_nodes() if n.kind == "aws.lambda"]
    samples = []
    for index in range(count):
        node_id = functions[(index * 37) % len(functions)]
        original = document.design.node(node_id).config.timeout_s
        for value in (original + 1, original):
            command = SetConfig.field(document.design, node_id, "timeout_s", value)
            begin = time.perf_counter()
            document.push(command)
            app.processEvents()
            samples.append(time.perf_counter() - begin)
            document.stack.close_merge()
    return samples


def summary(samples: list[float]) -> str:
    ordered = sorted(samples)
    p95 = ordered[int(len(ordered) * 0.95) - 1]
    return (
        f"median {ms(statistics.median(samples))}, p95 {ms(p95)}, first {ms(samples[0])} "
        f"({len(samples)} edits)"
    )


def main() -> None:
    cells = int(sys.argv[1]) if len(sys.argv) > 1 else 800
    app = QApplication.instance() or QApplication(sys.argv)
    from app.document_io import load_document
    from app.main_window import MainWindow
    from app.settings import Settings

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"cells-{cells}.archcanvas"
        path.write_text(json.dumps(cells_document(cells)), encoding="utf-8")
        settings = Settings(Path(folder) / "bench.ini")
        started = time.perf_counter()
        document = load_document(path)
        loaded = time.perf_counter()
        window = MainWindow(document, settings)
        window.resize(1600, 1000)
        built = time.perf_counter()
        painted = FirstPaint(window)
        app.installEventFilter(painted)
        window.show()
        while painted.at is None and time.perf_counter() - built < 60:
            app.processEvents()
        app.removeEventFilter(painted)
        design = document.design
        print(f"design: {len(design.nodes)} nodes, {len(design.edges)} edges")
        print(f"load and validate: {ms(loaded - started)}")
        print(f"build the window: {ms(built - loaded)}")
        print(f"show to first paint: {ms((painted.at or built) - built)}")
        print(f"open to first paint: {ms((painted.at or built) - started)}")
        overview = window.overview_dock.isVisible()
        print(f"overview visible: {overview}")

        router = window.scene.routing.router
        print(f"edit as the window opens: {summary(edit_times(app, window, EDITS))}")
        scene = window.scene
        slices: list[float] = []
        begin = time.perf_counter()
        while router.pending:
            started = time.perf_counter()
            scene.refine_step()  # what the scene's timer runs, one slice a turn
            slices.append(time.perf_counter() - started)
            app.processEvents()
        refined = time.perf_counter() - begin
        print(f"rough routes refined (in slices, after the edits): {ms(refined)}")
        if slices:
            print(
                f"  one slice of refinement: median {ms(statistics.median(slices))}, "
                f"max {ms(max(slices))} ({len(slices)} slices)"
            )
        for _ in range(20):  # let the overview's settle timer run
            app.processEvents()
            time.sleep(0.02)
        print(f"edit once the routes have settled: {summary(edit_times(app, window, EDITS))}")
        document.stack.set_clean()
        window.close()
        app.processEvents()


if __name__ == "__main__":
    main()
