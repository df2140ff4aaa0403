"""Design ▸ Account profile: the Region and the account's quota overrides used by validation."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from model.limits import Limit, default_limits
from model.profile import Profile

REGIONS = (
    "us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "ca-west-1",
    "sa-east-1", "mx-central-1", "eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1",
    "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2", "il-central-1", "me-south-1",
    "me-central-1", "af-south-1", "ap-east-1", "ap-south-1", "ap-south-2", "ap-northeast-1",
    "ap-northeast-2", "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3",
    "ap-southeast-4", "ap-southeast-5", "ap-southeast-7", "us-gov-east-1", "us-gov-west-1",
    "cn-north-1", "cn-northwest-1",
)  # fmt: skip


def known_quotas() -> dict[str, Limit]:
    """Adjustable limits by quota name (the first entry that names each quota)."""
    found: dict[str, Limit] = {}
    for limit in default_limits():
        if limit.quota and limit.quota not in found:
            found[limit.quota] = limit
    return dict(sorted(found.items()))


def parse_number(text: str) -> int | float | None:
    cleaned = text.replace(",", "").replace("_", "").strip()
    if not cleaned:
        return None
    try:
        return int(cleaned)
    except ValueError:
        pass
    try:
        return float(cleaned)
    except ValueError:
        return None


class ProfileDialog(QDialog):
    """Edits a copy of a profile; profile() is the result when accepted."""

    def __init__(self, profile: Profile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Account profile")
        self.setMinimumSize(620, 420)
        self.quotas = known_quotas()
        intro = QLabel(
            "Validation checks the design against this account: its home Region and the "
            "quotas AWS raised (or lowered) for it. Quotas not listed use AWS defaults."
        )
        intro.setWordWrap(True)
        self.region = QComboBox()
        self.region.setEditable(True)
        self.region.addItems(REGIONS)
        self.region.setCurrentText(profile.region)
        form = QFormLayout()
        form.addRow("Home Region", self.region)

        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828;")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels(["Quota", "Value", "AWS default"])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setVisible(False)
        self.table.itemChanged.connect(self._validate)
        for name, value in sorted(profile.quotas.items()):
            self.add_row(name, value)

        add = QPushButton("Add quota")
        add.clicked.connect(lambda: self.add_row("", None))
        remove = QPushButton("Remove")
        remove.clicked.connect(self.remove_selected)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(QLabel("Quota overrides"))
        layout.addWidget(self.table, 1)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)

    def add_row(self, name: str, value: int | float | None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        combo = QComboBox()
        combo.setEditable(True)
        combo.addItems(list(self.quotas))
        for index, quota in enumerate(self.quotas.values()):
            combo.setItemData(
                index, f"{quota.service}: {quota.constraint}", Qt.ItemDataRole.ToolTipRole
            )
        combo.setCurrentText(name)
        combo.currentTextChanged.connect(lambda _t, c=combo: self._name_changed(c))
        self.table.setCellWidget(row, 0, combo)
        self.table.setItem(row, 1, QTableWidgetItem("" if value is None else f"{value:g}"))
        default = QTableWidgetItem()
        default.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.table.setItem(row, 2, default)
        self._name_changed(combo)
        return row

    def _name_changed(self, combo: QComboBox) -> None:
        for row in range(self.table.rowCount()):
            if self.table.cellWidget(row, 0) is combo:
                limit = self.quotas.get(combo.currentText().strip())
                item = self.table.item(row, 2)
                if item is not None:
                    item.setText("" if limit is None else f"{limit.value} {limit.unit}".strip())
        self._validate()

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()}, reverse=True)
        if not rows and self.table.rowCount():
            rows = [
                self.table.currentRow()
                if self.table.currentRow() >= 0
                else self.table.rowCount() - 1
            ]
        for row in rows:
            self.table.removeRow(row)
        self._validate()

    def rows(self) -> list[tuple[str, str]]:
        found = []
        for row in range(self.table.rowCount()):
            combo = self.table.cellWidget(row, 0)
            name = combo.currentText().strip() if isinstance(combo, QComboBox) else ""
            item = self.table.item(row, 1)
            found.append((name, item.text() if item else ""))
        return found

    def problems(self) -> list[str]:
        problems = []
        for name, text in self.rows():
            if not name and not text.strip():
                continue
            if not name:
                problems.append("A quota override needs a name.")
            elif parse_number(text) is None:
                problems.append(f"{name}: '{text}' is not a number.")
        if not self.region.currentText().strip():
            problems.append("Choose a Region.")
        return problems

    def _validate(self, *_args: object) -> None:
        problems = self.problems()
        self.error.setText(problems[0] if problems else "")
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problems)

    def profile(self) -> Profile:
        quotas: dict[str, int | float] = {}
        for name, text in self.rows():
            value = parse_number(text)
            if name and value is not None:
                quotas[name] = value
        return Profile(region=self.region.currentText().strip(), quotas=quotas)
