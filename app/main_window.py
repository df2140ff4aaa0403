"""The main window: canvas in the centre, palette, inspector and findings around it.

Every menu entry and shortcut comes from app.actions.ACTIONS; every edit is pushed on the
open document's undo stack, so the canvas, inspector and findings follow it the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QPointF, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QCloseEvent, QCursor, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDockWidget,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app import heap
from app.actions import ACTIONS, MENUS, TOOLBAR, build_actions, typed_sequences
from app.autosave import Autosaver, RecoveredDocument, recovery_session
from app.canvas import geometry
from app.canvas.interactions import drop_command, resolve_payload
from app.canvas.label_editor import LabelEditor
from app.canvas.layout import auto_layout
from app.canvas.overview import Overview
from app.canvas.scene import DesignScene
from app.canvas.view import DesignView
from app.clipboard import (
    PASTE_OFFSET,
    clipboard_fragment,
    copy_to_clipboard,
    fragment,
    paste_command,
)
from app.context_menus import build_menu, context_at, finding_context
from app.document import Document, IdlePreparer, is_read_only
from app.document_io import (
    import_document,
    load_document,
    open_file_filter,
    template_file_filter,
)
from app.field_undo import FieldUndoFilter
from app.findings_panel import FindingsPanel, open_source, severity_icon
from app.inspector import Inspector
from app.palette import Palette
from app.profile_dialog import ProfileDialog
from app.review import CompareSession, set_review_state, title_suffix
from app.settings import Settings
from app.workflow.tabs import CanvasTabs, workflow_state_of
from model.arrange import Box, align, distribute, same_size
from model.commands import (
    AddNode,
    Command,
    Macro,
    Rename,
    Restack,
    SetEdgeConfig,
    SetPinned,
    SetProfile,
)
from model.design import new_node
from model.elements import Point
from model.rules import Finding
from model.serialization import SUFFIX, LoadError, dumps
from model.wording import contents_text, plural

APP_NAME = "ArchCanvas"
NODE_SIZE_GUESS = (150.0, 90.0)
DEFAULT_SIZE = (1440, 900)
COMPACT_WIDTH = 1200  # below this window width the side panels go narrow and tabbed
ARRANGE_SELECTION = (
    "align_left", "align_centre", "align_right", "align_top", "align_middle", "align_bottom",
    "distribute_h", "distribute_v", "same_size",
)  # fmt: skip


class MainWindow(QMainWindow):
    def __init__(
        self, document: Document, settings: Settings, autosave_ms: int | None = None
    ) -> None:
        super().__init__()
        with heap.building():
            self._build(document, settings, autosave_ms)
        self._settle_heap()

    def _build(self, document: Document, settings: Settings, autosave_ms: int | None) -> None:
        self.settings = settings
        self.document = document
        self._paste_source = ""
        self._paste_count = 0
        self._last_paste_anchor: QPointF | None = None
        self._anchor_repeats = 0
        self.label_editor: LabelEditor | None = None
        self.context_menu: QMenu | None = None
        self.context_menu_headless = False  # tests inspect the menu instead of running it
        self.setObjectName("MainWindow")
        self.setDockOptions(
            QMainWindow.DockOption.AnimatedDocks | QMainWindow.DockOption.AllowTabbedDocks
        )

        self.scene = DesignScene(document, self)  # owned by the window: never outlives its views
        self.view = DesignView(self.scene)
        self.tabs = CanvasTabs(self.view)
        self.setCentralWidget(self.tabs)

        self.palette_panel = Palette()
        self.palette_panel.activated_key.connect(self.add_palette_entry)
        self.inspector = Inspector(document)
        self.inspector.profile_requested.connect(self.design_profile)
        self.inspector.workflow_requested.connect(self.open_workflow)
        self.findings = FindingsPanel(document)
        self.findings.finding_activated.connect(self.show_finding)
        self.findings.waive_requested.connect(self.waive_finding)
        self.findings.unwaive_requested.connect(self.remove_waiver)
        self.inspector.waive_requested.connect(self.waive_finding)
        self.findings.note_requested.connect(self.add_note_for_finding)
        self.findings.context_menu_requested.connect(self._finding_context_menu)
        self.inspector.note_requested.connect(self.add_note_for_finding)
        self.overview = Overview(self.view)

        self.palette_dock = self._dock(
            "palette", "Services", self.palette_panel, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.overview_dock = self._dock(
            "overview", "Overview", self.overview, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.inspector_dock = self._dock(
            "inspector", "Inspector", self.inspector, Qt.DockWidgetArea.RightDockWidgetArea
        )
        self.findings_dock = self._dock(
            "findings", "Findings", self.findings, Qt.DockWidgetArea.BottomDockWidgetArea
        )
        self.splitDockWidget(self.palette_dock, self.overview_dock, Qt.Orientation.Vertical)
        self.resizeDocks(
            [self.palette_dock, self.inspector_dock], [270, 340], Qt.Orientation.Horizontal
        )
        self.resizeDocks([self.findings_dock], [190], Qt.Orientation.Vertical)
        self.resizeDocks(
            [self.palette_dock, self.overview_dock], [600, 150], Qt.Orientation.Vertical
        )

        self.compare = CompareSession(self)

        self.actions_by_name = build_actions(self)
        self._build_menus()
        self._build_toolbar()
        self._build_status_bar()

        self.scene.selection_ids_changed.connect(self._selection_changed)
        self.scene.status_message.connect(self._show_error)
        self.scene.node_activated.connect(self._activate_node)
        self.scene.routes_settled.connect(self._settle_heap)
        self._compact = False
        self.empty_hint = QLabel(
            "<b>An empty design</b><br>Drag a service from the palette onto the canvas,<br>"
            "connect services from the round handle on their edge,<br>"
            "and findings appear below as you draw.",
            self.view,  # not the viewport: its children scroll with the canvas
        )
        self.empty_hint.setObjectName("emptyCanvasHint")
        self.empty_hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty_hint.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        self.empty_hint.setStyleSheet(
            "color: palette(placeholder-text); background: palette(base); padding: 14px;"
            " border: 1px dashed palette(mid); border-radius: 8px;"
        )
        self.field_undo = FieldUndoFilter([self.inspector], self)
        QApplication.instance().installEventFilter(self.field_undo)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._canvas_context_menu)
        self._architecture_docks: dict[QDockWidget, bool] = {}
        self.tabs.currentChanged.connect(self._canvas_tab_changed)
        self.view.zoom_changed.connect(self._zoom_changed)
        self.preparer = IdlePreparer(self)
        self._connect_document(document)

        self.actions_by_name["snap"].setChecked(settings.flag("snap", True))
        self.actions_by_name["badges"].setChecked(settings.flag("badges", True))
        self.view_toggle_snap(self.actions_by_name["snap"].isChecked())
        self.view_toggle_badges(self.actions_by_name["badges"].isChecked())

        adopted = document.recovery_file if isinstance(document, RecoveredDocument) else None
        session = recovery_session(settings.recovery_dir)
        self.autosaver = Autosaver(
            adopted or session.new_file(),
            lambda: self.document,
            autosave_ms if autosave_ms is not None else settings.autosave_interval_ms(),
        )
        self.autosaver.problem.connect(self._autosave_problem)
        if not session.locked:
            self._autosave_problem(
                f"Recovery files in {session.folder} cannot be locked, so another ArchCanvas "
                "could take this window's autosaves for a crashed one's. Save your work."
            )
        self.autosaver.start()
        self._fit_to_screen()
        self._restore_layout()
        self._document_replaced()
        QTimer.singleShot(0, self.view_fit)

    # ---- construction ------------------------------------------------------------------
    def _dock(self, name: str, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock_{name}")
        dock.setWidget(widget)
        dock.setFeatures(
            QDockWidget.DockWidgetFeature.DockWidgetMovable
            | QDockWidget.DockWidgetFeature.DockWidgetClosable
            | QDockWidget.DockWidgetFeature.DockWidgetFloatable
        )
        self.addDockWidget(area, dock)
        return dock

    def _build_menus(self) -> None:
        self.menus: dict[str, QMenu] = {}
        for title, entries in MENUS:
            menu = self.menuBar().addMenu(title)
            self.menus[title.replace("&", "")] = menu
            for entry in entries:
                if entry == "-":
                    menu.addSeparator()
                elif entry == "@recent":
                    self.recent_menu = menu.addMenu("Open &Recent")
                    self.recent_menu.aboutToShow.connect(self._fill_recent_menu)
                    self._fill_recent_menu()
                elif entry == "@docks":
                    for dock in (
                        self.palette_dock,
                        self.inspector_dock,
                        self.findings_dock,
                        self.overview_dock,
                    ):
                        menu.addAction(dock.toggleViewAction())
                else:
                    menu.addAction(self.actions_by_name[entry])

    def _build_toolbar(self) -> None:
        toolbar = QToolBar("Main toolbar", self)
        toolbar.setObjectName("toolbar_main")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        toolbar.setIconSize(QSize(20, 20))
        for name in TOOLBAR:
            if name == "-":
                toolbar.addSeparator()
            else:
                toolbar.addAction(self.actions_by_name[name])
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, toolbar)
        self.toolbar = toolbar

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.error_count = _CountLabel("error")
        self.warning_count = _CountLabel("warning")
        self.zoom_label = QLabel("100 %")
        self.zoom_label.setObjectName("zoomLabel")
        self.zoom_label.setMinimumWidth(56)
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.zoom_label.setToolTip("Zoom level")
        self.contents_label = QLabel("")
        self.contents_label.setObjectName("contentsLabel")
        self.contents_label.setToolTip("What the design holds")
        self.backup_warning = QLabel("Not backed up")
        self.backup_warning.setObjectName("backupWarning")
        self.backup_warning.setStyleSheet("color: #c62828; font-weight: bold;")
        self.backup_warning.hide()
        bar.addPermanentWidget(self.backup_warning)
        bar.addPermanentWidget(self.contents_label)
        bar.addPermanentWidget(self.error_count)
        bar.addPermanentWidget(self.warning_count)
        bar.addPermanentWidget(self.zoom_label)

    def _autosave_problem(self, message: str) -> None:
        """Autosave keeps unsaved work safe from a crash; when it cannot, say so until it can."""
        self.backup_warning.setToolTip(message)
        self.backup_warning.setVisible(bool(message))
        if message:
            self.statusBar().showMessage(message, 10_000)

    # ---- document ----------------------------------------------------------------------
    def _document_signals(self, document: Document) -> list[tuple[Any, Any]]:
        return [
            (document.changed, self._document_changed),
            (document.findings_changed, self._findings_changed),
            (document.dirty_changed, self._dirty_changed),
            (document.path_changed, self._path_changed),
            (document.error, self._show_error),
        ]

    def _connect_document(self, document: Document) -> None:
        for signal, slot in self._document_signals(document):
            signal.connect(slot)
        self.preparer.follow(document)

    def set_document(self, document: Document) -> None:
        """Show another design in this window (new, open, revert, restore)."""
        for signal, slot in self._document_signals(self.document):
            signal.disconnect(slot)
        old = self.document
        self.tabs.close_all()
        self.compare.close()
        self.document = document
        self._connect_document(document)
        heap.release()
        with heap.building():
            self.scene.set_document(document)
            self.inspector.set_document(document)
            self.findings.set_document(document)
            self._document_replaced()
        self._settle_heap()
        QTimer.singleShot(0, self.view_fit)
        if old is not document:
            old.deleteLater()

    def _document_replaced(self) -> None:
        """Another document is shown: nothing said about the previous one stays on screen."""
        self.statusBar().clearMessage()
        self.overview.refresh()
        self._update_title()
        self._document_changed()
        self._findings_changed(self.document.findings)
        self._selection_changed(self.scene.selected_ids())

    def _update_title(self) -> None:
        self.setWindowTitle(f"{self.document.display_name}[*]{title_suffix(self)} — {APP_NAME}")
        self.setWindowModified(self.document.is_dirty())
        self.actions_by_name["revert"].setEnabled(self.document.path is not None)

    def _dirty_changed(self, dirty: bool) -> None:
        self.setWindowModified(dirty)

    def _path_changed(self, _path: object) -> None:
        self._update_title()

    def _document_changed(self) -> None:
        stack = self.document.stack
        undo, redo = self.actions_by_name["undo"], self.actions_by_name["redo"]
        undo.setEnabled(stack.can_undo())
        redo.setEnabled(stack.can_redo())
        undo.setText(f"&Undo {stack.undo_text()}" if stack.can_undo() else "&Undo")
        redo.setText(f"&Redo {stack.redo_text()}" if stack.can_redo() else "&Redo")
        self.setWindowModified(self.document.is_dirty())
        self.contents_label.setText(contents_text(self.document.design))
        self._update_empty_hint()
        self._update_title()
        self.compare.refresh()

    def _findings_changed(self, findings: Iterable[Finding]) -> None:
        findings = [f for f in findings if f.waiver is None]
        self.error_count.set_count(sum(f.severity == "error" for f in findings))
        self.warning_count.set_count(sum(f.severity == "warning" for f in findings))

    def _show_error(self, message: str) -> None:
        self.statusBar().showMessage(message, 6000)

    def _selection_changed(self, ids: Any) -> None:
        ids = list(ids or [])
        self.inspector.show_ids(ids)
        self.inspector.show_change(self.compare.change_text(ids))
        has_nodes = any(self.document.design.has_node(i) for i in ids)
        for name in ("cut", "copy", "duplicate", "pin", "unpin", "bring_to_front", "send_to_back"):
            self.actions_by_name[name].setEnabled(has_nodes)
        self.actions_by_name["delete"].setEnabled(bool(ids))
        self.actions_by_name["rename"].setEnabled(len(ids) == 1)
        nodes = sum(self.document.design.has_node(i) for i in ids)
        for name in ARRANGE_SELECTION:
            self.actions_by_name[name].setEnabled(nodes >= (3 if name.startswith("dist") else 2))

    def _zoom_changed(self, factor: float) -> None:
        self.zoom_label.setText(f"{factor * 100:.0f} %")

    # ---- files -------------------------------------------------------------------------
    def maybe_save(self) -> bool:
        """True when it is fine to drop the current design (saved, discarded or clean)."""
        if not self.document.is_dirty():
            return True
        answer = QMessageBox.warning(
            self,
            APP_NAME,
            f"Save the changes to “{self.document.display_name}” first?",
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Save,
        )
        if answer == QMessageBox.StandardButton.Save:
            return self.file_save()
        return answer == QMessageBox.StandardButton.Discard

    def file_new(self) -> None:
        if self.maybe_save():
            self.set_document(Document())
            self.autosaver.discard()

    def file_open(self) -> None:
        if not self.maybe_save():
            return
        start = str(self.document.path.parent) if self.document.path else ""
        path, _ = QFileDialog.getOpenFileName(self, "Open design", start, open_file_filter())
        if path:
            self.open_path(Path(path), ask=False)

    def file_import(self) -> None:
        """Open a CloudFormation or SAM template as an untitled design."""
        if not self.maybe_save():
            return
        start = str(self.document.path.parent) if self.document.path else ""
        path, _ = QFileDialog.getOpenFileName(
            self, "Import template", start, template_file_filter()
        )
        if path:
            self.import_path(Path(path))

    def import_path(self, path: Path) -> bool:
        try:
            document = import_document(path)
        except LoadError as error:
            QMessageBox.critical(self, "Cannot import template", str(error))
            return False
        self.set_document(document)
        self.autosaver.discard()
        self.statusBar().showMessage(f"Imported {path}", 4000)
        return True

    def open_path(self, path: Path, ask: bool = True) -> bool:
        """Open a file in this window; on failure show why and keep the current design."""
        if ask and not self.maybe_save():
            return False
        try:
            document = load_document(path)
        except LoadError as error:
            QMessageBox.critical(self, "Cannot open design", str(error))
            return False
        self.set_document(document)
        self.settings.add_recent_file(path)
        self.autosaver.discard()
        self.statusBar().showMessage(f"Opened {path}", 4000)
        return True

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        recent = self.settings.recent_files()
        for number, path in enumerate(recent, start=1):
            action = self.recent_menu.addAction(f"&{number % 10}  {path.name}")
            action.setToolTip(str(path))
            action.setStatusTip(str(path))
            action.triggered.connect(lambda _c=False, p=path: self.open_path(p))
        if recent:
            self.recent_menu.addSeparator()
            clear = self.recent_menu.addAction("Clear Menu")
            clear.triggered.connect(self.settings.clear_recent_files)
        else:
            empty = self.recent_menu.addAction("No recent files")
            empty.setEnabled(False)

    def file_save(self) -> bool:
        if self.document.path is None:
            return self.file_save_as()
        return self._save_to(self.document.path)

    def file_save_as(self) -> bool:
        start = str(self.document.path or Path.home() / f"{self.document.design.name}{SUFFIX}")
        path, _ = QFileDialog.getSaveFileName(
            self, "Save design as", start, f"ArchCanvas designs (*{SUFFIX})"
        )
        if not path:
            return False
        target = Path(path)
        if not target.suffix:
            target = target.with_suffix(SUFFIX)
        return self._save_to(target)

    def _save_to(self, path: Path) -> bool:
        if is_read_only(path):
            answer = QMessageBox.question(
                self,
                "Replace read-only file?",
                f"{path} is read-only. Replace it with this design anyway?",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                QMessageBox.StandardButton.No,
            )
            if answer != QMessageBox.StandardButton.Yes:
                return False
        try:
            self.document.save(path)
        except (OSError, ValueError) as error:
            QMessageBox.critical(self, "Cannot save design", f"{path}: {error}")
            return False
        self.settings.add_recent_file(path)
        self.autosaver.discard()
        self._update_title()
        self.statusBar().showMessage(f"Saved {path}", 4000)
        return True

    def file_revert(self) -> None:
        path = self.document.path
        if path is None:
            return
        if self.document.is_dirty():
            answer = QMessageBox.question(
                self, APP_NAME, f"Discard all changes and reload “{path.name}”?"
            )
            if answer != QMessageBox.StandardButton.Yes:
                return
        self.open_path(path, ask=False)

    def file_export(self) -> None:
        from app.export_dialog import show_export_dialog

        written = show_export_dialog(self, self.document)
        if written:
            self.statusBar().showMessage(f"Exported {', '.join(p.name for p in written)}", 5000)

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 (Qt override)
        if not self.maybe_save():
            event.ignore()
            return
        self.settings.save_window(self.saveGeometry(), self.saveState(), self._screen_key())
        self.autosaver.stop()
        self.autosaver.discard()
        heap.release()
        event.accept()

    def _settle_heap(self) -> None:
        heap.settle(len(self.scene.nodes) + len(self.scene.edges))

    def _screen_key(self) -> str:
        screen = self.screen() or QGuiApplication.primaryScreen()
        size = screen.availableGeometry().size() if screen is not None else None
        return f"{size.width()}x{size.height()}" if size is not None else ""

    def _fit_to_screen(self) -> None:
        """First start on a screen: 1440×900 where it fits, else the screen's available
        area, centred, so no panel starts off-screen. The offscreen platform has no real
        screen: windows rendered there (tests, README pictures) keep the default size."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None or QGuiApplication.platformName() == "offscreen":
            self.resize(*DEFAULT_SIZE)
            return
        area = screen.availableGeometry()
        frame = self.frameGeometry().size() - self.geometry().size()
        width = min(DEFAULT_SIZE[0], area.width() - frame.width())
        height = min(DEFAULT_SIZE[1], area.height() - frame.height())
        self.resize(max(width, 640), max(height, 480))
        self.move(
            area.left() + max(0, (area.width() - self.frameGeometry().width()) // 2),
            area.top() + max(0, (area.height() - self.frameGeometry().height()) // 2),
        )

    def _restore_layout(self) -> None:
        """The geometry and panels saved on this screen size; a layout saved on another
        screen is used only if it fits this one."""
        key = self._screen_key()
        geometry = self.settings.window_geometry(key)
        if geometry is not None:
            before = self.geometry()
            self.restoreGeometry(geometry)
            screen = self.screen() or QGuiApplication.primaryScreen()
            area = screen.availableGeometry() if screen is not None else None
            if (
                area is not None
                and not self.settings.has_window_layout(key)
                and not area.contains(self.frameGeometry())
            ):
                self.setGeometry(before)
        state = self.settings.window_state(key)
        if state is not None:
            self.restoreState(state)

    # ---- edit --------------------------------------------------------------------------
    def push(self, command: Command) -> bool:
        return self.document.push(command)

    def edit_undo(self) -> None:
        self.document.undo()

    def edit_redo(self) -> None:
        self.document.redo()

    def selected_node_ids(self) -> list[str]:
        design = self.document.design
        return [i for i in self.scene.selected_ids() if design.has_node(i)]

    def edit_copy(self) -> bool:
        ids = self.selected_node_ids()
        if not ids or not copy_to_clipboard(self.document.design, ids):
            return False
        self.statusBar().showMessage(f"Copied {plural(len(ids), 'element')}", 3000)
        return True

    def edit_cut(self) -> None:
        if self.edit_copy():
            self.scene.delete_selection()

    def edit_paste(self, at: QPointF | None = None) -> list[str]:
        """Paste at the pointer when it is over the canvas (or at a context menu's point),
        else shifted a further step from the original on each successive paste."""
        part = clipboard_fragment()
        if part is None:
            self.statusBar().showMessage("The clipboard holds no ArchCanvas services", 3000)
            return []
        signature = dumps(part)
        if signature == self._paste_source:
            self._paste_count += 1
        else:
            self._paste_source, self._paste_count = signature, 1
        if at is None:
            at = self._pointer_scene_pos()
        anchor = None
        if at is not None:
            self._anchor_repeats = self._anchor_repeats + 1 if at == self._last_paste_anchor else 0
            self._last_paste_anchor = at
            step = PASTE_OFFSET * self._anchor_repeats
            anchor = Point(round(at.x() + step), round(at.y() + step))
        return self._paste(part, "Paste", PASTE_OFFSET * self._paste_count, anchor)

    def _pointer_scene_pos(self) -> QPointF | None:
        viewport = self.view.viewport()
        local = viewport.mapFromGlobal(QCursor.pos())
        if not viewport.rect().contains(local) or not viewport.underMouse():
            return None
        return self.view.mapToScene(local)

    def edit_duplicate(self) -> list[str]:
        ids = self.selected_node_ids()
        if not ids:
            return []
        return self._paste(fragment(self.document.design, ids), "Duplicate", PASTE_OFFSET)

    def _paste(
        self, part: Any, label: str, offset: float, anchor: Point | None = None
    ) -> list[str]:
        design = self.document.design
        taken = {(n.position.x, n.position.y) for n in design.iter_nodes()}
        first = next(iter(part.iter_nodes()), None)
        while anchor is None and first is not None and offset < PASTE_OFFSET * 40:
            spot = (round(first.position.x + offset, 2), round(first.position.y + offset, 2))
            if spot not in taken:
                break
            offset += PASTE_OFFSET
        macro, new_ids = paste_command(design, part, offset, label, anchor, self._container_for)
        if not self.push(macro):
            return []
        self.scene.select_ids(new_ids)
        return new_ids

    def _container_for(self, node: Any, position: Point) -> str | None:
        """The innermost container under a pasted node's centre that may hold it."""
        design = self.document.design
        size = node.placement.size
        w, h = (size.w, size.h) if size else (geometry.NODE_W, geometry.NODE_H)
        item = self.scene.container_at(QPointF(position.x + w / 2, position.y + h / 2))
        candidate = item.node_id if item is not None else None
        while candidate is not None:
            if design.can_contain(candidate, node.kind).ok:
                return candidate
            candidate = design.node(candidate).parent
        return None

    def edit_delete(self) -> None:
        workflow = self.tabs.current_workflow()
        if workflow is not None:
            workflow.scene.delete_selection()
        else:
            self.scene.delete_selection()

    def _canvas_tab_changed(self, index: int) -> None:
        """A workflow tab has its own states browser: the services palette and the overview
        step aside while it is shown and come back with the architecture."""
        docks = (self.palette_dock, self.overview_dock)
        if index > 0 and not self._architecture_docks:
            self._architecture_docks = {d: d.isVisible() for d in docks}
            for dock in docks:
                dock.hide()
        elif index == 0 and self._architecture_docks:
            for dock, visible in self._architecture_docks.items():
                dock.setVisible(visible)
            self._architecture_docks = {}

    def _activate_node(self, node_id: str) -> None:
        """Double-click or Enter: a state machine opens its workflow, anything else edits
        its label in place."""
        if self.open_workflow(node_id) is None:
            self.edit_rename(node_id)

    def edit_rename(self, element_id: str | None = None) -> LabelEditor | None:
        """Edit a node's or connection's label in place (the selected one by default)."""
        design = self.document.design
        if element_id is None:
            ids = self.scene.selected_ids()
            element_id = ids[0] if len(ids) == 1 else None
        if element_id is None:
            return None
        if design.has_node(element_id) and element_id in self.scene.nodes:
            item = self.scene.nodes[element_id]
            rect = item.sceneBoundingRect()
            w, h = item.size()
            top = rect.top() + (geometry.LABEL_TOP if h == geometry.NODE_H else 4)
            area = QRectF(item.pos().x(), top, w, 26)
            text = design.node(element_id).label
            node_id = element_id

            def commit(value: str) -> None:
                if value.strip() != design.node(node_id).label and design.has_node(node_id):
                    self.push(Rename(node_id, value.strip()))

        elif design.has_edge(element_id) and element_id in self.scene.edges:
            edge_item = self.scene.edges[element_id]
            area = edge_item.mapRectToScene(edge_item.label_rect())
            text = design.edge(element_id).label
            edge_id = element_id

            def commit(value: str) -> None:
                edge = design.edge(edge_id) if design.has_edge(edge_id) else None
                if edge is not None and value.strip() != edge.label:
                    self.push(SetEdgeConfig(edge_id, edge.config, label=value.strip()))

        else:
            return None
        self.view.ensureVisible(area, 20, 20)
        self.label_editor = LabelEditor(self.view, area, text, commit)
        return self.label_editor

    def _canvas_context_menu(self, point: Any) -> QMenu | None:
        """Select what was right-clicked (keeping a selection it belongs to) and show the
        menu of what applies there."""
        scene_pos = self.view.mapToScene(point)
        context = context_at(self, scene_pos)
        if context.element_id and context.element_id not in self.scene.selected_ids():
            self.scene.select_ids([context.element_id])
        elif context.element_id is None:
            self.scene.select_ids([])
        self._selection_changed(self.scene.selected_ids())
        menu = build_menu(context, self)
        self.context_menu = menu
        if not self.context_menu_headless:
            menu.exec(self.view.viewport().mapToGlobal(point))
        return menu

    def _finding_context_menu(self, finding: Finding, global_pos: Any = None) -> QMenu:
        menu = build_menu(finding_context(self, finding), self)
        self.context_menu = menu
        if not self.context_menu_headless and global_pos is not None:
            menu.exec(global_pos)
        return menu

    def copy_text(self, text: str) -> None:
        QApplication.clipboard().setText(text)

    def open_workflow(self, node_id: str, state: Any = None) -> Any:
        """Open a state machine's workflow in its tab (other nodes are ignored)."""
        return self.tabs.open_workflow(self.document, node_id, state)

    def edit_select_all(self) -> None:
        design = self.document.design
        self.scene.select_ids(
            [n.id for n in design.iter_nodes()] + [e.id for e in design.iter_edges()]
        )

    def focus_palette_search(self) -> None:
        self.palette_dock.show()
        self.palette_dock.raise_()
        self.palette_panel.focus_search()

    def add_palette_entry(self, key: str) -> str | None:
        """Add a palette entry at the centre of the view, inside the container there when it
        may hold it (as a drop would), else on the canvas; one undoable step. Repeated adds
        step aside so they do not hide each other."""
        resolved = resolve_payload(key)
        if resolved is None:
            return None
        design = self.document.design
        centre = self.view.mapToScene(self.view.viewport().rect().center())
        taken = {(n.position.x, n.position.y) for n in design.iter_nodes()}
        command: Command | None = None
        for step in range(12):
            command, _refusal = drop_command(self.scene, key, centre + QPointF(40, 40) * step)
            if command is None:
                break
            position = command.node.position  # type: ignore[attr-defined]
            if (position.x, position.y) not in taken:
                break
        if command is None:
            kind, label, config = resolved
            width, height = design.catalog.get(kind).default_size or NODE_SIZE_GUESS
            position = Point(round(centre.x() - width / 2), round(centre.y() - height / 2))
            command = AddNode(new_node(design, kind, position, label=label, config=config))
        if not self.push(command):
            return None
        node_id: str = command.node.id  # type: ignore[attr-defined]
        self.scene.select_ids([node_id])
        return node_id

    # ---- view --------------------------------------------------------------------------
    def view_zoom_in(self) -> None:
        self.view.zoom_in()

    def view_zoom_out(self) -> None:
        self.view.zoom_out()

    def view_zoom_reset(self) -> None:
        self.view.zoom_reset()

    def view_fit(self) -> None:
        """Fit the design; say so when that is too small for labels to be readable."""
        from app.canvas.style import LABEL_ZOOM

        zoom = self.view.fit_to_design()
        if zoom < LABEL_ZOOM - 1e-6:
            self.statusBar().showMessage(
                f"Zoomed to {zoom:.0%} to fit the whole design; connection labels show from "
                f"{LABEL_ZOOM:.0%} (zoom in with Ctrl++)",
                8000,
            )

    def view_toggle_snap(self, on: bool) -> None:
        self.scene.snap_to_grid = bool(on)
        self.settings.set_flag("snap", bool(on))

    def view_toggle_badges(self, on: bool) -> None:
        self.scene.set_show_badges(bool(on))
        self.settings.set_flag("badges", bool(on))

    def show_finding(self, finding: Finding) -> None:
        design = self.document.design
        located = workflow_state_of(design, finding)
        if located is not None:
            self.open_workflow(*located)
            self.statusBar().showMessage(finding.message, 8000)
            return
        self.tabs.setCurrentIndex(0)
        ids = [e for e in finding.elements if design.has_node(e) or design.has_edge(e)]
        self.scene.select_ids(ids)
        if ids:
            self.view.center_on_ids(ids)
        self.statusBar().showMessage(finding.message, 8000)

    def waive_finding(self, finding: Finding) -> bool:
        from app.review import waive_finding

        return waive_finding(self, finding)

    def file_compare(self) -> bool:
        return self.compare.ask()

    def design_mark_draft(self) -> bool:
        return set_review_state(self, "draft")

    def design_mark_in_review(self) -> bool:
        return set_review_state(self, "in review")

    def design_approve(self) -> bool:
        return set_review_state(self, "approved")

    def add_note_for_finding(self, finding: Finding) -> str | None:
        from app.review import note_for_finding

        return note_for_finding(self, finding)

    def remove_waiver(self, finding: Finding) -> bool:
        from app.review import remove_waiver

        return remove_waiver(self, finding)

    # ---- design and arrange ------------------------------------------------------------
    def design_profile(self) -> None:
        dialog = ProfileDialog(self.document.design.profile, self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            profile = dialog.profile()
            if profile != self.document.design.profile:
                self.push(SetProfile(profile))

    def design_properties(self) -> None:
        self.scene.select_ids([])
        self.inspector.show_ids([])
        self.inspector_dock.show()
        self.inspector_dock.raise_()
        name_edit = getattr(self.inspector, "name_edit", None)
        if name_edit is not None:
            name_edit.setFocus()

    def design_next_finding(self) -> None:
        shown = self.findings.visible_findings()
        if not shown:
            return
        current = self.findings.current_finding()
        row = self.findings.row_of(current) if current else -1
        self.findings.activate_row((row + 1) % len(shown))

    def arrange_auto_layout(self) -> None:
        if self.push(auto_layout(self.document.design)):
            QTimer.singleShot(0, self.view_fit)

    def _set_pinned(self, pinned: bool) -> None:
        design = self.document.design
        commands: list[Command] = [
            SetPinned(i, pinned)
            for i in self.selected_node_ids()
            if design.node(i).placement.pinned != pinned
        ]
        if commands:
            self.push(Macro("Pin" if pinned else "Unpin", commands))

    def _arrange(self, make: Any) -> bool:
        """Push one align/distribute/same-size step for the selected nodes, if it moves any."""
        boxes = {}
        for node_id in self.selected_node_ids():
            item = self.scene.nodes.get(node_id)
            if item is not None:
                w, h = item.size()
                boxes[node_id] = Box(item.pos().x(), item.pos().y(), w, h)
        command = make(boxes)
        return command is not None and self.push(command)

    def arrange_align_left(self) -> None:
        self._arrange(lambda boxes: align(boxes, "left"))

    def arrange_align_centre(self) -> None:
        self._arrange(lambda boxes: align(boxes, "centre"))

    def arrange_align_right(self) -> None:
        self._arrange(lambda boxes: align(boxes, "right"))

    def arrange_align_top(self) -> None:
        self._arrange(lambda boxes: align(boxes, "top"))

    def arrange_align_middle(self) -> None:
        self._arrange(lambda boxes: align(boxes, "middle"))

    def arrange_align_bottom(self) -> None:
        self._arrange(lambda boxes: align(boxes, "bottom"))

    def arrange_distribute_h(self) -> None:
        self._arrange(lambda boxes: distribute(boxes, "horizontal"))

    def arrange_distribute_v(self) -> None:
        self._arrange(lambda boxes: distribute(boxes, "vertical"))

    def arrange_same_size(self) -> None:
        self._arrange(lambda boxes: same_size(self.document.design, list(boxes)))

    def arrange_pin(self) -> None:
        self._set_pinned(True)

    def arrange_unpin(self) -> None:
        self._set_pinned(False)

    def arrange_bring_to_front(self) -> bool:
        ids = self.selected_node_ids()
        return bool(ids) and self.push(Restack(ids, to_front=True))

    def arrange_send_to_back(self) -> bool:
        ids = self.selected_node_ids()
        return bool(ids) and self.push(Restack(ids, to_front=False))

    # ---- help --------------------------------------------------------------------------
    def help_shortcuts(self) -> None:
        dialog = QDialog(self)
        dialog.setWindowTitle("Keyboard shortcuts")
        table = QTableWidget(0, 2, dialog)
        table.setHorizontalHeaderLabels(["Action", "Shortcut"])
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setStretchLastSection(True)
        for spec in ACTIONS:
            keys = ", ".join(
                s.toString(QKeySequence.SequenceFormat.NativeText) for s in typed_sequences(spec)
            )
            if not keys:
                continue
            row = table.rowCount()
            table.insertRow(row)
            table.setItem(row, 0, QTableWidgetItem(spec.text.replace("&", "").rstrip("…")))
            table.setItem(row, 1, QTableWidgetItem(keys))
        table.resizeColumnsToContents()
        layout = QVBoxLayout(dialog)
        layout.addWidget(table)
        dialog.resize(460, 560)
        dialog.exec()

    def view_focus_canvas(self, on: bool) -> None:
        """Hide every dock (remembering which were shown); toggling again brings them back."""
        docks = [self.palette_dock, self.overview_dock, self.inspector_dock, self.findings_dock]
        if on:
            self._docks_before_focus = [d for d in docks if d.isVisible()]
            for dock in docks:
                dock.hide()
        else:
            for dock in getattr(self, "_docks_before_focus", docks) or docks:
                dock.show()

    def help_getting_started(self) -> bool:
        """A short tour; optionally opens the bundled example at its first finding."""
        from app.application import DEFAULT_EXAMPLE

        box = QMessageBox(self)
        box.setWindowTitle("Getting started")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(
            "<h3>Getting started</h3><ol>"
            "<li>Drag a service from <b>Services</b> onto the canvas (or double-click it).</li>"
            "<li>Connect two services by dragging from the round handle on a service's right "
            "edge; drop services into a VPC or Region to place them there.</li>"
            "<li>Select anything to edit it in the <b>Inspector</b>; F2 renames, right-click "
            "shows what you can do there.</li>"
            "<li>Findings appear below as you draw; <b>F8</b> walks through them, and each "
            "names the AWS limit it rests on.</li></ol>"
        )
        tour = box.addButton("Tour the Example's Findings", QMessageBox.ButtonRole.AcceptRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is not tour or not DEFAULT_EXAMPLE.is_file():
            return False
        if not self.open_path(DEFAULT_EXAMPLE):
            return False
        self.findings_dock.show()
        QTimer.singleShot(0, self.start_findings_tour)
        return True

    def start_findings_tour(self) -> bool:
        """The card that walks a new user through the open design's findings."""
        from app.tour import FindingsTour

        if getattr(self, "tour", None) is None:
            self.tour = FindingsTour(self)
        return self.tour.start()

    def _update_empty_hint(self) -> None:
        self.empty_hint.setVisible(self.document.design.is_empty())
        self.empty_hint.adjustSize()
        area = self.view.viewport().geometry()
        self.empty_hint.move(
            area.left() + max(0, (area.width() - self.empty_hint.width()) // 2),
            area.top() + max(0, (area.height() - self.empty_hint.height()) // 3),
        )

    def resizeEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        """Small windows: side panels share one column as tabs and stay narrow, so the
        canvas keeps most of the width."""
        super().resizeEvent(event)
        compact = self.width() < COMPACT_WIDTH
        if compact != getattr(self, "_compact", False):
            self._compact = compact
            if compact:
                self.tabifyDockWidget(self.palette_dock, self.overview_dock)
                self.palette_dock.raise_()
        if compact:
            self.resizeDocks(
                [self.palette_dock, self.inspector_dock], [170, 300], Qt.Orientation.Horizontal
            )
        self.resizeDocks(
            [self.findings_dock], [max(110, self.height() // 5)], Qt.Orientation.Vertical
        )
        if hasattr(self, "empty_hint"):
            self._update_empty_hint()
        tour = getattr(self, "tour", None)
        if tour is not None and tour.isVisible():
            tour.place()

    def help_about(self) -> None:
        from app.about_dialog import AboutDialog

        AboutDialog(self).exec()

    def open_finding_source(self, finding: Finding) -> bool:
        return open_source(finding)


class _CountLabel(QWidget):
    """Severity icon and count for the status bar."""

    def __init__(self, severity: str) -> None:
        super().__init__()
        self.severity = severity
        self.icon = QLabel()
        self.icon.setPixmap(severity_icon(severity).pixmap(14, 14))
        self.text = QLabel("0")
        self.setObjectName(f"{severity}Count")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 0, 6, 0)
        layout.setSpacing(4)
        layout.addWidget(self.icon)
        layout.addWidget(self.text)
        self.count = 0

    def set_count(self, count: int) -> None:
        self.count = count
        self.text.setText(plural(count, self.severity))
        self.setToolTip(f"{plural(count, self.severity)} in this design")
