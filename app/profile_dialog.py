"""Design ▸ Account profile: the Region and the account's quota overrides used by validation."""

from __future__ import annotations

from html import escape

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


COLUMNS = ("Quota", "Quota code", "AWS default", "Adjustable", "Value")
NAME, CODE, DEFAULT, ADJUSTABLE, VALUE = range(len(COLUMNS))


def known_quotas() -> dict[str, Limit]:
    """Adjustable limits by quota name (the first entry that names each quota).

    A quota the reference names without a number (FARGATE_RUNNING_QUOTA) is checked through
    the numbered entries based on it, so it gets no row of its own.
    """
    found: dict[str, Limit] = {}
    for limit in default_limits():
        if limit.quota and limit.value is not None and limit.quota not in found:
            found[limit.quota] = limit
    return dict(sorted(found.items()))


def quota_title(limit: Limit) -> str:
    service = SERVICE_NAMES.get(limit.service, limit.service)
    if limit.constraint.startswith(service):
        return limit.constraint
    return f"{service}: {limit.constraint}"


def quota_description(limit: Limit) -> str:
    return " ".join(part for part in (limit.condition, limit.notes) if part).strip()


def quota_default(limit: Limit) -> str:
    value = limit.value
    if isinstance(value, dict):
        value = value.get("default", ", ".join(f"{k} {v}" for k, v in value.items()))
    if isinstance(value, str) and any(ch.isalpha() for ch in value):
        return value
    return f"{value} {limit.unit}".strip() if value is not None else ""


SERVICE_NAMES = {
    "lambda": "Lambda",
    "lambda_edge": "CloudFront",
    "ecs": "ECS",
    "fargate": "Fargate",
    "eks": "EKS",
    "elastic_beanstalk": "Elastic Beanstalk",
    "app_runner": "App Runner",
    "integration": "API Gateway",
    "cross-service": "API Gateway",
    "step_functions": "Step Functions",
    "lightsail": "Lightsail",
}


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
    """Edits a copy of a profile; profile() is the result when accepted.

    Every quota ArchCanvas checks has a row with its AWS default, Service Quotas code and
    whether AWS lets it be raised; typing a value overrides the default for this account.
    Quotas in the profile that ArchCanvas does not know keep a row of their own.
    """

    def __init__(self, profile: Profile, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Account profile")
        self.setMinimumSize(640, 420)
        self.resize(900, 600)
        self.quotas = known_quotas()
        intro = QLabel(
            "Validation checks the design against this account: its home Region and the "
            "quotas AWS raised (or lowered) for it. Leave Value empty to use the AWS default."
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
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("quotaTable")
        self.table.setHorizontalHeaderLabels(list(COLUMNS))
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeaderItem(CODE).setToolTip(
            "The AWS Service Quotas code, to find or raise this quota in the console or CLI"
        )
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        for column in (CODE, ADJUSTABLE):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(DEFAULT, QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(VALUE, QHeaderView.ResizeMode.Fixed)
        self.table.setColumnWidth(DEFAULT, 170)
        self.table.setColumnWidth(VALUE, 150)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.description = QLabel()
        self.description.setObjectName("quotaDescription")
        self.description.setWordWrap(True)
        self.description.setMinimumHeight(40)
        self.description.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table.currentCellChanged.connect(lambda row, *_: self._describe(row))
        self.table.verticalHeader().setVisible(False)
        for name in self.quotas:
            self.add_row(name, profile.quotas.get(name))
        for name, value in sorted(profile.quotas.items()):
            if name not in self.quotas:
                self.add_row(name, value)
        self.table.itemChanged.connect(self._validate)

        add = QPushButton("Add other quota")
        add.setToolTip("A quota by its snake_case name that this version does not list")
        add.clicked.connect(lambda: self.add_row("", None))
        row = QHBoxLayout()
        row.addWidget(add)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(QLabel("Quotas"))
        layout.addWidget(self.table, 1)
        layout.addWidget(self.description)
        layout.addLayout(row)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self._validate()
        if self.table.rowCount():
            self.table.setCurrentCell(0, NAME)

    def add_row(self, name: str, value: int | float | None) -> int:
        """A row for quota name (an empty name gives a row whose name the user types)."""
        self.table.blockSignals(True)
        row = self.table.rowCount()
        self.table.insertRow(row)
        limit = self.quotas.get(name)
        if limit is not None:
            description = quota_description(limit)
            cells = {
                NAME: quota_title(limit),
                CODE: limit.quota_code or "none",
                DEFAULT: quota_default(limit),
                ADJUSTABLE: "Yes" if limit.adjustable else "No",
            }
            tip = f"{description}\n\nProfile name: {name}\nSource: {limit.source}".strip()
            if limit.quota_code:
                tip += f"\nService Quotas: {limit.service_code} {limit.quota_code}"
        else:
            description = "Not a quota this version checks; kept as written."
            cells = {NAME: name}
            tip = "The quota's snake_case name, as the profile stores it"
        for column in range(VALUE):
            item = QTableWidgetItem(cells.get(column, ""))
            item.setToolTip(tip if column == NAME else cells.get(column, ""))
            editable = limit is None and column == NAME
            flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
            item.setFlags(flags | Qt.ItemFlag.ItemIsEditable if editable else flags)
            item.setData(Qt.ItemDataRole.UserRole, name)
            item.setData(Qt.ItemDataRole.UserRole + 1, description)
            self.table.setItem(row, column, item)
        self.table.setItem(row, VALUE, QTableWidgetItem("" if value is None else f"{value:g}"))
        self.table.blockSignals(False)
        self._validate()
        return row

    def _describe(self, row: int) -> None:
        item = self.table.item(row, NAME) if row >= 0 else None
        if item is None:
            self.description.setText("")
            return
        text = str(item.data(Qt.ItemDataRole.UserRole + 1) or "")
        self.description.setText(f"<b>{escape(item.text())}</b><br>{escape(text)}")

    def row_of(self, name: str) -> int:
        for row in range(self.table.rowCount()):
            if self._name(row) == name:
                return row
        raise KeyError(name)

    def _name(self, row: int) -> str:
        item = self.table.item(row, NAME)
        if item is None:
            return ""
        known = item.data(Qt.ItemDataRole.UserRole)
        return str(known) if known in self.quotas else item.text().strip()

    def rows(self) -> list[tuple[str, str]]:
        found = []
        for row in range(self.table.rowCount()):
            item = self.table.item(row, VALUE)
            found.append((self._name(row), item.text() if item else ""))
        return found

    def problems(self) -> list[str]:
        problems = []
        for name, text in self.rows():
            if not text.strip():
                continue
            if not name:
                problems.append("A quota override needs a name.")
            elif parse_number(text) is None:
                title = quota_title(self.quotas[name]) if name in self.quotas else name
                problems.append(f"{title}: '{text}' is not a number.")
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
