"""Walk through the editor on a real X11 screen and save what a user sees at each step.

Run under a virtual X display, for example (one run per screen size or scale):
  ../shared/tools/screenshot --size 1440x900 --wait 90 /tmp/end.png -- \
      .venv/bin/python scripts/walkthrough.py docs/walkthrough/1440x900
  ../shared/tools/screenshot --size 2880x1800 --wait 120 /tmp/end.png -- \
      env QT_SCALE_FACTOR=2 .venv/bin/python scripts/walkthrough.py docs/walkthrough/2x --quick
Each step grabs the whole screen (so open menus and dialogs are in the picture) to
OUTDIR/NN-step.png. Modal dialogs are opened through their real actions and closed once
grabbed; keyboard steps send key events to the focused widget. With --docs only the steps
docs/walkthrough.md shows are kept, reduced to 256 colours with ImageMagick's convert (which
../shared/tools/screenshot installs) so the pictures stay small in the repository.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "xcb")

from PySide6.QtCore import QPointF, Qt, QTimer  # noqa: E402
from PySide6.QtGui import QGuiApplication  # noqa: E402
from PySide6.QtTest import QTest  # noqa: E402
from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

from app.application import DEFAULT_EXAMPLE  # noqa: E402
from app.document_io import load_document  # noqa: E402
from app.main_window import MainWindow  # noqa: E402
from app.settings import Settings  # noqa: E402

DOC_SHOTS = {
    "opened-example",
    "context-service",
    "context-finding",
    "dialog-account-profile",
    "dialog-keyboard-shortcuts",
    "getting-started-tour",
    "keyboard-tab-selects",
    "keyboard-f2-renames",
    "inspector-lambda",
    "file-new-empty-hint",
}


class Walk:
    def __init__(self, out: Path, quick: bool, docs: bool = False) -> None:
        self.out = out
        self.quick = quick
        self.docs = docs
        self.count = 0
        self.app = QApplication.instance() or QApplication(["archcanvas-walkthrough"])
        self.folder = tempfile.TemporaryDirectory()
        self.window = MainWindow(
            load_document(DEFAULT_EXAMPLE), Settings(Path(self.folder.name) / "s.ini")
        )

    def settle(self, ms: int = 250) -> None:
        QTest.qWait(ms)

    def shot(self, name: str) -> Path:
        self.settle()
        self.count += 1
        path = self.out / f"{self.count:02d}-{name}.png"
        if self.docs:
            if name not in DOC_SHOTS:
                return path
            path = self.out / f"{name}.png"
        screen = QGuiApplication.primaryScreen()
        screen.grabWindow(0).save(str(path))
        convert = shutil.which("convert")
        if self.docs and convert:
            subprocess.run([convert, str(path), "-dither", "None", "-colors", "256", str(path)])
        print(f"wrote {path}", flush=True)
        return path

    def modal(
        self,
        name: str,
        open_it: Callable[[], object],
        prepare: Callable[[QWidget], object] | None = None,
    ) -> None:
        """Open a modal dialog with open_it(), grab it once shown (after prepare(dialog)),
        then close it."""

        def grab_and_close() -> None:
            widget = QApplication.activeModalWidget()
            if widget is None:
                QTimer.singleShot(100, grab_and_close)
                return
            if prepare is not None:
                prepare(widget)
            self.shot(name)
            widget.close()

        QTimer.singleShot(400, grab_and_close)
        open_it()
        self.settle()

    def key(self, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier):
        """A key press and release on the focused widget, as QTest sends them."""
        target = QApplication.focusWidget() or self.window
        QTest.keyClick(target, key, modifiers)
        self.settle(100)

    def menu(self, name: str, title: str) -> None:
        bar = self.window.menuBar()
        action = next(a for a in bar.actions() if a.text().replace("&", "") == title)
        menu = action.menu()
        menu.popup(bar.mapToGlobal(bar.actionGeometry(action).bottomLeft()))
        self.shot(name)
        menu.close()

    def context_menu(self, name: str, scene_pos: QPointF) -> None:
        window = self.window
        view = window.view
        point = view.mapFromScene(scene_pos)
        window.context_menu_headless = True  # selects what was clicked, as a right-click does
        menu = window._canvas_context_menu(point)
        window.context_menu_headless = False
        menu.popup(view.viewport().mapToGlobal(point))
        self.shot(name)
        menu.close()


def first(window: MainWindow, kind: str) -> str:
    return next(n.id for n in window.document.design.iter_nodes() if n.kind == kind)


def centre_of(window: MainWindow, node_id: str) -> QPointF:
    return window.scene.nodes[node_id].sceneBoundingRect().center()


def run(walk: Walk) -> None:
    window = walk.window
    screen = QGuiApplication.primaryScreen().availableGeometry()
    print(f"screen {screen.width()}x{screen.height()}, dpr {window.devicePixelRatio()}")
    window.show()
    window.activateWindow()
    walk.settle(800)
    window.view_fit()
    walk.shot("opened-example")

    for title in [a.text().replace("&", "") for a in window.menuBar().actions()]:
        walk.menu(f"menu-{title.lower()}", title)
        if walk.quick:
            break

    design = window.document.design
    fn = first(window, "aws.lambda")
    vpc = next((n.id for n in design.iter_nodes() if window.scene.containers.get(n.id)), "")
    window.scene.select_ids([fn])
    walk.settle()
    walk.context_menu("context-service", centre_of(window, fn))
    if vpc:
        rect = window.scene.containers[vpc].sceneBoundingRect()
        walk.context_menu("context-container", QPointF(rect.left() + 8, rect.top() + 8))
    edge = next(iter(window.scene.edges.values()), None)
    if edge is not None:
        path = edge._path
        walk.context_menu("context-connection", edge.mapToScene(path.pointAtPercent(0.5)))
    empty = window.scene.itemsBoundingRect().bottomRight() + QPointF(-5, 60)
    walk.context_menu("context-canvas", empty)
    findings = window.findings.visible_findings()
    if findings:
        window.context_menu_headless = True
        menu = window._finding_context_menu(findings[0])
        window.context_menu_headless = False
        table = window.findings.table
        menu.popup(
            table.viewport().mapToGlobal(
                table.visualRect(window.findings.proxy.index(0, 2)).center()
            )
        )
        walk.shot("context-finding")
        menu.close()

    window.scene.select_ids([fn])
    walk.settle()
    walk.shot("inspector-lambda")

    def show_lambda_quota(dialog: QWidget) -> None:
        table = dialog.table  # type: ignore[attr-defined]
        row = dialog.row_of("lambda_concurrent_executions")  # type: ignore[attr-defined]
        table.setCurrentCell(row, 0)
        table.scrollToItem(table.item(row, 0))

    walk.modal("dialog-account-profile", window.design_profile, show_lambda_quota)
    walk.modal("dialog-keyboard-shortcuts", window.help_shortcuts)
    if walk.quick:
        return
    walk.modal("dialog-export", window.file_export)
    open_findings = window.findings.visible_findings()
    if open_findings:
        walk.modal("dialog-waive-finding", lambda: window.waive_finding(open_findings[0]))
    walk.modal("dialog-about", window.help_about)
    walk.modal("dialog-getting-started", window.help_getting_started)
    window.start_findings_tour()
    walk.shot("getting-started-tour")
    window.tour.step(1)
    walk.shot("getting-started-tour-next")
    window.tour.hide()
    window.tabs.setCurrentIndex(0)

    # keyboard only: focus the canvas, walk the selection with Tab, move with arrows, rename
    window.activateWindow()
    QTest.qWaitForWindowActive(window)
    window.view.setFocus()
    window.scene.select_ids([])
    for _ in range(4):
        walk.key(Qt.Key.Key_Tab)
    walk.shot("keyboard-tab-selects")
    walk.key(Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    walk.shot("keyboard-arrow-moves")
    walk.key(Qt.Key.Key_F2)
    walk.shot("keyboard-f2-renames")
    walk.key(Qt.Key.Key_Escape)
    window.document.undo()
    sm = first(window, "aws.stepfunctions.state_machine")
    window.scene.select_ids([sm])
    window.view.setFocus()
    walk.key(Qt.Key.Key_Return)
    walk.shot("keyboard-enter-opens-workflow")
    window.tabs.setCurrentIndex(0)
    walk.settle()
    window.scene.select_ids([fn])
    walk.settle()
    window.inspector.label_editor.line.setFocus()
    for _ in range(3):
        walk.key(Qt.Key.Key_Tab)
    walk.shot("keyboard-tab-through-inspector")

    window.actions_by_name["focus_canvas"].trigger()
    walk.shot("view-focus-canvas")
    window.actions_by_name["focus_canvas"].trigger()
    walk.settle()

    from app.document import Document

    window.set_document(Document())
    walk.shot("file-new-empty-hint")


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    out = Path(args[0]) if args else Path("walkthrough")
    out.mkdir(parents=True, exist_ok=True)
    walk = Walk(out, quick="--quick" in sys.argv, docs="--docs" in sys.argv)
    try:
        run(walk)
    finally:
        walk.window.document.stack.set_clean()
        walk.window.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
