"""Diagram quality: lays out every example and generated designs of 50, 200 and 800 cells
(bench/generate_cells.py) with Arrange > Auto layout, routes them, and prints for each the
connections through a service's icon or name, through a group title, crossing a group frame
they have no business in, different connections sharing a segment, label overlaps of every
kind, labels off their line, crossings, bends, and the layout and routing times.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_diagram_quality.py [CELLS ...]
(LAYOUT=0 in the environment measures the designs as drawn, without auto layout.)
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate_cells import cells_design  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.canvas.layout import auto_layout  # noqa: E402
from app.canvas.routing import item_shape  # noqa: E402
from app.canvas.scene import DesignScene  # noqa: E402
from app.document import Document  # noqa: E402
from model.routing import Box  # noqa: E402
from model.routing.quality import measure  # noqa: E402
from model.serialization import load_design  # noqa: E402

COLUMNS = ("nodes", "titles", "frames", "shared", "labels", "off", "cross", "bends")


def _route_of(item) -> list[tuple[float, float]]:  # type: ignore[no-untyped-def]
    if hasattr(item, "route_points"):
        return item.route_points()
    from app.canvas.items.edge_item import _simplify, route  # before the router

    points = _simplify(route(item.source.anchor_rect(), item.target.anchor_rect()))
    return [(p.x(), p.y()) for p in points]


def quality_of(scene: DesignScene):  # type: ignore[no-untyped-def]
    shapes = {node_id: item_shape(item) for node_id, item in scene.nodes.items()}
    routes, labels, lanes = {}, {}, {}
    for edge_id, item in scene.edges.items():
        routes[edge_id] = _route_of(item)
        rect = item.label_rect()
        labels[edge_id] = Box(rect.left(), rect.top(), rect.right(), rect.bottom())
        lanes[edge_id] = f"{item.edge.source}|{item.edge.relation}"
    return measure(shapes, routes, lanes, labels)


def row(name: str, design) -> None:  # type: ignore[no-untyped-def]
    document = Document(design)
    started = time.perf_counter()
    if os.environ.get("LAYOUT", "1") == "1":
        document.push(auto_layout(document.design))
    laid = time.perf_counter()
    DesignScene.route_at_once = None
    scene = DesignScene(document)
    if hasattr(scene, "finish_routing"):
        scene.finish_routing()
    routed = time.perf_counter()
    found = quality_of(scene)
    values = (
        found.through_nodes,
        found.through_titles,
        found.wrong_frame_crossings,
        found.shared_segments,
        found.label_overlaps,
        found.labels_off_line,
        found.crossings,
        found.bends,
    )
    cells = " ".join(f"{v:>7}" for v in values)
    print(
        f"{name:<26} {len(design.nodes):>6} {cells} {laid - started:>8.2f}s {routed - laid:>8.2f}s",
        flush=True,
    )


def main() -> None:
    QApplication.instance() or QApplication(sys.argv)
    sizes = [int(a) for a in sys.argv[1:]] or [50, 200, 800]
    header = " ".join(f"{c:>7}" for c in COLUMNS)
    print(f"{'design':<26} {'count':>6} {header} {'layout':>9} {'scene':>9}")
    for path in sorted((ROOT / "examples").glob("*.archcanvas")):
        row(path.stem, load_design(path))
    for cells in sizes:
        row(f"generated {cells} cells", cells_design(cells))


if __name__ == "__main__":
    main()
