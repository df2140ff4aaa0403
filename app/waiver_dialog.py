"""The dialog that waives a finding: a required reason, an optional expiry, the author."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from model.review.values import Waiver
from model.review.waivers import waiver_for
from model.rules import Finding, dates


class WaiverDialog(QDialog):
    """OK stays disabled until a reason is typed; the waiver covers the finding's rule and
    all its elements."""

    def __init__(self, finding: Finding, author: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(f"Waive {finding.rule}")
        self.finding = finding
        self.today = dates.today()
        message = QLabel(finding.message)
        message.setWordWrap(True)
        self.reason = QPlainTextEdit()
        self.reason.setPlaceholderText("Why is this finding accepted? (required)")
        self.reason.setFixedHeight(80)
        self.author = QLineEdit(author)
        self.expires_on = QCheckBox("Expires on")
        self.expires = QDateEdit()
        self.expires.setCalendarPopup(True)
        self.expires.setDisplayFormat("yyyy-MM-dd")
        in_90_days = self.today + dt.timedelta(days=90)
        self.expires.setDate(QDate(in_90_days.year, in_90_days.month, in_90_days.day))
        self.expires.setEnabled(False)
        self.expires_on.toggled.connect(self.expires.setEnabled)
        expiry = QHBoxLayout()
        expiry.addWidget(self.expires_on)
        expiry.addWidget(self.expires, 1)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Waive")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.reason.textChanged.connect(self._update_ok)
        form = QFormLayout(self)
        form.addRow("Finding", message)
        form.addRow("Reason", self.reason)
        form.addRow("Author", self.author)
        form.addRow("", expiry)
        form.addRow(self.buttons)
        self._update_ok()

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.reason.toPlainText().strip()))

    def waiver(self) -> Waiver:
        expires = None
        if self.expires_on.isChecked():
            day = self.expires.date()
            expires = dt.date(day.year(), day.month(), day.day())
        return waiver_for(
            self.finding,
            self.reason.toPlainText().strip(),
            self.author.text().strip(),
            self.today,
            expires,
        )
