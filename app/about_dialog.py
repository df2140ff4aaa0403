"""Help > About: the version, the Qt and Python versions, and the licences of the
components ArchCanvas ships with (app/licences.py), each text readable in the dialog."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.licences import COMPONENTS, Component, runtime_versions
from model import APP_VERSION

APP_NAME = "ArchCanvas"


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"About {APP_NAME}")
        versions = runtime_versions()
        rows = "".join(
            f"<tr><td>{escape(k)}</td><td>{escape(v)}</td></tr>" for k, v in versions.items()
        )
        self.header = QLabel(
            f"<h3>{APP_NAME} {escape(APP_VERSION)}</h3>"
            "<p>Draw AWS compute designs and validate them against AWS's real limits while "
            "you draw. Licensed under the Apache License 2.0.</p>"
            f"<table>{rows}</table><p>Components and their licences:</p>"
        )
        self.header.setObjectName("aboutHeader")
        self.header.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.components = QListWidget()
        self.components.setObjectName("aboutComponents")
        for component in COMPONENTS:
            label = f"{component.name} {component.version}".strip() + f" ({component.licence})"
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, component)
            self.components.addItem(item)
        self.text = QTextBrowser()
        self.text.setObjectName("aboutLicenceText")
        self.text.setOpenExternalLinks(True)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.components)
        splitter.addWidget(self.text)
        splitter.setSizes([170, 330])
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self.components.currentItemChanged.connect(self._show)
        self.components.setCurrentRow(0)
        self.resize(640, 620)

    def _show(self, item: QListWidgetItem | None) -> None:
        if item is None:
            return
        component: Component = item.data(Qt.ItemDataRole.UserRole)
        self.text.setHtml(licence_html(component))


def licence_html(component: Component) -> str:
    parts = [
        f"<h4>{escape(component.name)} {escape(component.version)}</h4>",
        f"<p>Licence: <b>{escape(component.licence)}</b><br>"
        f'<a href="{escape(component.url)}">{escape(component.url)}</a></p>',
    ]
    if component.note:
        parts.append(f"<p>{escape(component.note)}</p>")
    files = component.licence_files()
    if not files:
        parts.append("<p><i>The licence text is not installed with this copy.</i></p>")
    for path in files:
        text = path.read_text(encoding="utf-8", errors="replace")
        parts.append(f"<p><b>{escape(path.name)}</b></p><pre>{escape(text)}</pre>")
    return "".join(parts)
