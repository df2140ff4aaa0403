"""Visual diff: overlay colours on a purpose-built pair, compare panel, inspector, export."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6.QtGui import QImage

from app.visual_diff import ADDED, CHANGED, REMOVED, GhostItem
from model.commands import AddNode, RemoveNodes, SetConfig
from model.design import new_node
from model.elements import Point
from model.serialization import save_design

ROOT = Path(__file__).resolve().parents[2]


def _pair(main_window, tmp_path):
    """Save the sample as the old version, then remove the queue, add a function and change
    the handler's memory in the open design."""
    document = main_window.document
    design = document.design
    old = tmp_path / "old.archcanvas"
    save_design(design, old)
    queue = next(n.id for n in design.iter_nodes() if n.kind == "aws.sqs.queue")
    document.push(RemoveNodes([queue]))
    document.push(AddNode(new_node(design, "aws.lambda", Point(600, 500), node_id="audit")))
    document.push(SetConfig.field(design, "handler-1", "memory_mb", 2048))
    return old, queue


def _outline_colour(overlay, element_id):
    for item in overlay.items:
        if getattr(item, "toolTip", None) and not isinstance(item, GhostItem):
            path_rect = item.sceneBoundingRect()
            target = overlay.scene.nodes.get(element_id) or overlay.scene.edges.get(element_id)
            if target is not None and path_rect.intersects(target.sceneBoundingRect()):
                pen = item.pen()
                if pen.color() in (ADDED, CHANGED):
                    return pen.color()
    return None


def test_overlay_colours_added_removed_and_changed(main_window, tmp_path):
    old, queue = _pair(main_window, tmp_path)
    assert main_window.compare.compare_with(str(old))
    overlay = main_window.compare.overlay
    assert overlay.status["audit"] == "added"
    assert overlay.status["handler-1"] == "changed"
    assert overlay.status[queue] == "removed"
    assert _outline_colour(overlay, "audit") == ADDED
    assert _outline_colour(overlay, "handler-1") == CHANGED
    ghosts = [i for i in overlay.items if isinstance(i, GhostItem)]
    assert [g.node_id for g in ghosts] == [queue]
    assert main_window.scene.items_rect().isValid()
    tip = main_window.scene.nodes["handler-1"].toolTip()
    assert "config.memory_mb" in tip and "2048 MB" in tip
    rows = [
        main_window.compare.panel.list.item(i).text()
        for i in range(main_window.compare.panel.list.count())
    ]
    assert any(r.startswith("Added") for r in rows) and any(r.startswith("Removed") for r in rows)
    changed_row = next(i for i, r in enumerate(rows) if r.startswith("Changed"))
    main_window.compare.panel.list.itemClicked.emit(
        main_window.compare.panel.list.item(changed_row)
    )
    assert main_window.scene.selected_ids() == ["handler-1"]
    assert "memory_mb" in main_window.inspector.change_banner.text()
    assert not main_window.inspector.change_banner.isHidden()


def test_closing_the_comparison_removes_the_overlay(main_window, tmp_path):
    old, _ = _pair(main_window, tmp_path)
    main_window.compare.compare_with(str(old))
    before = len(main_window.scene.items())
    main_window.compare.close()
    assert len(main_window.scene.items()) < before
    assert not main_window.compare.overlay.items
    assert "config.memory_mb" not in main_window.scene.nodes["handler-1"].toolTip()


def test_the_overlay_follows_edits_and_undo(main_window, tmp_path):
    old, _ = _pair(main_window, tmp_path)
    main_window.compare.compare_with(str(old))
    main_window.document.undo()  # the memory change
    assert "handler-1" not in main_window.compare.overlay.status


def test_diff_to_png_draws_the_colours(main_window, tmp_path):
    old, _ = _pair(main_window, tmp_path)
    new = tmp_path / "new.archcanvas"
    save_design(main_window.document.design, new)
    out = tmp_path / "diff.png"
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "app.cli",
            "diff",
            str(old),
            str(new),
            "--to",
            "png",
            "-o",
            str(out),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert result.returncode == 1, result.stderr
    image = QImage(str(out))
    colours = {
        image.pixelColor(x, y).name()
        for x in range(0, image.width(), 2)
        for y in range(0, image.height(), 2)
    }
    for colour in (ADDED, CHANGED, REMOVED):
        assert colour.name() in colours, colour.name()


def test_review_status_in_title_and_reset_by_an_edit(main_window):
    main_window.settings.set_review_author("ana")
    main_window.design_approve()
    assert "[approved by ana on" in main_window.windowTitle()
    main_window.document.push(
        SetConfig.field(main_window.document.design, "handler-1", "memory_mb", 512)
    )
    assert "[draft" in main_window.windowTitle()
    assert main_window.document.design.review.state == "draft"
