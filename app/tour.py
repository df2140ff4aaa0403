"""Help ▸ Getting started: a short tour of a design's findings, one card at a time.

The card floats over the canvas (it is not modal: the user can click, edit and undo while it
is open); Next and Back walk the findings list in its order, selecting the finding's
elements on the canvas, so a new user sees what a finding is, where it points and what the
hint suggests.
"""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from model.wording import plural

if TYPE_CHECKING:
    from app.main_window import MainWindow

CARD_WIDTH = 340


class FindingsTour(QFrame):
    """A card over the canvas's top-right corner with the current finding of the tour."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__(window.view)  # not its viewport, whose children scroll with it
        self.window_ = window
        self.setObjectName("findingsTour")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setAutoFillBackground(True)
        self.setStyleSheet(
            "#findingsTour { background: palette(base); border: 1px solid palette(mid);"
            " border-radius: 8px; }"
        )
        self.setFixedWidth(CARD_WIDTH)
        self.title = QLabel()
        self.title.setObjectName("tourTitle")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.back = QPushButton("Back")
        self.next = QPushButton("Next")
        self.next.setDefault(True)
        self.close_button = QPushButton("Close")
        self.back.clicked.connect(lambda: self.step(-1))
        self.next.clicked.connect(lambda: self.step(1))
        self.close_button.clicked.connect(self.hide)
        buttons = QHBoxLayout()
        buttons.addWidget(self.close_button)
        buttons.addStretch(1)
        buttons.addWidget(self.back)
        buttons.addWidget(self.next)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.index = 0
        self.hide()
        window.tabs.currentChanged.connect(lambda _i: self.isVisible() and self.place())

    def start(self) -> bool:
        """Show the first finding of the window's findings list; False when there is none."""
        self.index = 0
        if not self.window_.findings.visible_findings():
            self.hide()
            return False
        self.show()
        self.raise_()
        self.step(0)
        self.next.setFocus()
        return True

    def step(self, delta: int) -> None:
        findings = self.window_.findings.visible_findings()
        if not findings:
            self.hide()
            return
        self.index = max(0, min(len(findings) - 1, self.index + delta))
        finding = findings[self.index]
        self.window_.findings.activate_row(self.index)
        self.title.setText(
            f"<b>Finding {self.index + 1} of {len(findings)}</b> · {finding.severity}"
        )
        parts = [escape(finding.message)]
        if finding.hint:
            parts.append(f"<i>Hint:</i> {escape(finding.hint)}")
        if self.index == 0:
            parts.append(
                f"This design has {plural(len(findings), 'finding')}. Each names the AWS "
                "limit it rests on (Open Rule Source); right-click one to waive it or add a "
                "note. F8 walks through them later."
            )
        self.text.setText("<br><br>".join(parts))
        margins = self.layout().contentsMargins()
        width = CARD_WIDTH - margins.left() - margins.right()
        self.text.setFixedHeight(self.text.heightForWidth(width))
        self.back.setEnabled(self.index > 0)
        self.next.setEnabled(self.index < len(findings) - 1)
        self.adjustSize()
        self.place()

    def place(self) -> None:
        """Top right of the canvas shown (a finding may open its workflow tab), or bottom
        left when that would hide the architecture selection."""
        workflow = self.window_.tabs.current_workflow()
        view: QWidget = workflow.view if workflow is not None else self.window_.view
        if self.parentWidget() is not view:
            self.setParent(view)
            self.show()
        area = view.viewport().geometry()  # type: ignore[attr-defined]
        self.move(max(area.left(), area.right() - self.width() - 12), area.top() + 12)
        ids = self.window_.scene.selected_ids() if workflow is None else []
        if ids:
            scene_view = self.window_.view
            box = scene_view.mapFromScene(scene_view.design_scene.rect_of(ids)).boundingRect()
            if box.translated(area.topLeft()).intersects(self.geometry()):
                self.move(area.left() + 12, max(area.top(), area.bottom() - self.height() - 12))
        self.raise_()

    def keyPressEvent(self, event: object) -> None:  # noqa: N802 (Qt override)
        if getattr(event, "key", lambda: None)() == Qt.Key.Key_Escape:
            self.hide()
            return
        super().keyPressEvent(event)  # type: ignore[arg-type]
