"""JSON editing for a state machine's Amazon States Language definition.

Problems are shown live while typing (parse errors and Step Functions structure checks);
the definition reaches the model only when applied, as one undoable command.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QRegularExpression, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontDatabase,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
)
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from model.serialization import json_text
from model.stepfunctions import AslProblem, check_structure


def _format(color: str, bold: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setForeground(QColor(color))
    if bold:
        fmt.setFontWeight(QFont.Weight.Bold)
    return fmt


class JsonHighlighter(QSyntaxHighlighter):
    """Keys, strings, numbers and literals in distinct colours."""

    RULES = (
        (QRegularExpression(r"-?\b\d+(\.\d+)?([eE][+-]?\d+)?\b"), _format("#b35900")),
        (QRegularExpression(r"\b(true|false|null)\b"), _format("#7a3e9d", bold=True)),
        (QRegularExpression(r'"(?:[^"\\]|\\.)*"'), _format("#2e7d32")),
        (QRegularExpression(r'"(?:[^"\\]|\\.)*"(?=\s*:)'), _format("#1565c0", bold=True)),
    )

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt override)
        for pattern, fmt in self.RULES:
            matches = pattern.globalMatch(text)
            while matches.hasNext():
                match = matches.next()
                self.setFormat(match.capturedStart(), match.capturedLength(), fmt)


def parse_definition(text: str) -> tuple[Any, str]:
    """(definition, '') or (None, parse error message); empty text means no definition."""
    if not text.strip():
        return None, ""
    try:
        return json_text.parse_value(text), ""
    except json_text.JsonError as error:
        return None, f"Invalid JSON: {error.detail}"


def pretty(definition: Any) -> str:
    """The definition as the editor shows it, written by the one strict JSON writer."""
    return "" if definition is None else json_text.dump(definition).rstrip("\n")


def _key(name: str) -> str:
    return json_text.dump(name, indent=None).rstrip("\n")


def _indented(value: Any, prefix: str) -> str:
    return pretty(value).replace("\n", "\n" + prefix)


class PrettyText:
    """pretty() of successive definitions, re-encoding only the top-level states that changed.

    An edit changes one state of hundreds; an indented dump runs the pure-Python
    encoder, which costs more than the edit itself. The text is exactly pretty()'s."""

    def __init__(self) -> None:
        self._states: dict[str, tuple[Any, str]] = {}

    def text(self, definition: Any) -> str:
        states = definition.get("States") if isinstance(definition, dict) else None
        if not isinstance(states, dict) or not states:
            self._states = {}
            return pretty(definition)
        kept = self._states
        self._states = {}
        parts = []
        for key, value in definition.items():
            if key != "States":
                parts.append(f"  {_key(key)}: {_indented(value, '  ')}")
                continue
            lines = []
            for name, state in states.items():
                old = kept.get(name)
                if old is not None and (old[0] is state or old[0] == state):
                    body = old[1]
                else:
                    body = _indented(state, "    ")
                self._states[name] = (state, body)
                lines.append(f"    {_key(name)}: {body}")
            parts.append('  "States": {\n' + ",\n".join(lines) + "\n  }")
        return "{\n" + ",\n".join(parts) + "\n}"


def replace_changed_lines(edit: QPlainTextEdit, new: str) -> None:
    """Make edit show new, rewriting only the lines between the common head and tail, so the
    highlighter and the layout redo only those (setPlainText redoes them all)."""
    document = edit.document()
    old_lines = edit.toPlainText().split("\n")
    new_lines = new.split("\n")
    if document.blockCount() != len(old_lines):
        edit.setPlainText(new)
        return
    limit = min(len(old_lines), len(new_lines)) - 1
    head = 0
    while head < limit and old_lines[head] == new_lines[head]:
        head += 1
    tail = 0
    while head + tail < limit and old_lines[-1 - tail] == new_lines[-1 - tail]:
        tail += 1
    middle = new_lines[head : len(new_lines) - tail]
    if head + tail == len(old_lines) - 1 and middle == [old_lines[head]]:
        return
    last = document.findBlockByNumber(len(old_lines) - 1 - tail)
    cursor = QTextCursor(document)
    cursor.setPosition(document.findBlockByNumber(head).position())
    cursor.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
    undo = document.isUndoRedoEnabled()
    document.setUndoRedoEnabled(False)
    cursor.insertText("\n".join(middle))
    document.setUndoRedoEnabled(undo)


class JsonEdit(QPlainTextEdit):
    """A monospaced JSON editor that reports leaving focus (the moment to apply)."""

    focus_left = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        font = QFontDatabase.systemFont(QFontDatabase.SystemFont.FixedFont)
        font.setPointSizeF(max(8.0, font.pointSizeF() - 0.5))
        self.setFont(font)
        self.setTabStopDistance(self.fontMetrics().horizontalAdvance(" ") * 2)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        self.highlighter = JsonHighlighter(self.document())

    def focusOutEvent(self, event: Any) -> None:  # noqa: N802 (Qt override)
        super().focusOutEvent(event)
        self.focus_left.emit()


class AslEditor(QWidget):
    """Edits a definition; emits definition_applied(dict | None) when the user applies valid JSON."""

    definition_applied = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._applied_text = ""
        self._applied_problems: list[AslProblem] | None = None
        self._pretty = PrettyText()
        self.edit = JsonEdit()
        self.edit.setMinimumHeight(220)
        self.edit.setPlaceholderText('{\n  "StartAt": "First",\n  "States": { … }\n}')
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.problems = QListWidget()
        self.problems.setMaximumHeight(110)
        self.problems.setVisible(False)
        self.apply_button = QPushButton("Apply")
        self.apply_button.setToolTip("Store this definition in the design (one undo step)")
        self.import_button = QPushButton("Import ASL file…")
        self.format_button = QPushButton("Format")

        buttons = QHBoxLayout()
        buttons.addWidget(self.import_button)
        buttons.addWidget(self.format_button)
        buttons.addStretch(1)
        buttons.addWidget(self.apply_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.edit, 1)
        layout.addLayout(buttons)  # above the status and problems, whose height changes
        layout.addWidget(self.status)
        layout.addWidget(self.problems)

        self.edit.textChanged.connect(self.check)
        self.edit.focus_left.connect(self.apply)
        self.apply_button.clicked.connect(self.apply)
        self.import_button.clicked.connect(self.import_file)
        self.format_button.clicked.connect(self.reformat)

    def set_definition(self, definition: Any, problems: list[AslProblem] | None = None) -> None:
        """Show the model's definition, unless the user is in the middle of editing the same.
        problems are the definition's structure problems when the caller has them already."""
        shown = self.edit.toPlainText()
        if shown != self._applied_text and self._applied_text:
            current, error = parse_definition(shown)
            if not error and current == definition:
                return
        text = self._pretty.text(definition)
        if text == shown == self._applied_text and problems is self._applied_problems:
            return
        self._applied_text = text
        self._applied_problems = problems
        self.edit.blockSignals(True)
        replace_changed_lines(self.edit, text)
        self.edit.blockSignals(False)
        self.check()

    def show_mixed(self) -> None:
        """Several state machines with different definitions are selected."""
        self._applied_text = ""
        self.edit.blockSignals(True)
        self.edit.clear()
        self.edit.blockSignals(False)
        self.problems.clear()
        self.problems.setVisible(False)
        self._set_status(
            "The selected state machines have different definitions; "
            "applying one here replaces all of them.",
            "info",
        )
        self.apply_button.setEnabled(False)

    def check(self) -> list[str]:
        """Show parse errors or structure problems of the text as it is now."""
        text = self.edit.toPlainText()
        problems = self._applied_problems if text and text == self._applied_text else None
        error = ""
        if problems is None:
            definition, error = parse_definition(text)
            if not error and definition is not None:
                problems = check_structure(definition)
        self.problems.clear()
        messages: list[str] = []
        if error:
            messages = [error]
            self._set_status(error, "error")
        elif problems is None:
            self._set_status("No definition: the state machine's states are not checked.", "info")
        else:
            messages = [
                f"{problem.path}: {problem.message}" if problem.path else problem.message
                for problem in problems
            ]
            if messages:
                count = len(messages)
                self._set_status(f"{count} structure problem{'s' if count > 1 else ''}", "warning")
            else:
                self._set_status("Definition is well formed.", "ok")
        if not error:
            for message in messages:
                QListWidgetItem(message, self.problems)
        self.problems.setVisible(bool(messages) and not error)
        dirty = text != self._applied_text
        self.apply_button.setEnabled(dirty and not error)
        return messages

    def _set_status(self, text: str, level: str) -> None:
        colors = {"error": "#c62828", "warning": "#b26a00", "ok": "#2e7d32", "info": "#666"}
        self.status.setText(text)
        self.status.setStyleSheet(f"color: {colors[level]};")
        self.status.setProperty("level", level)

    def apply(self) -> bool:
        """Emit the definition if the text is valid JSON and differs from what was applied."""
        text = self.edit.toPlainText()
        if text == self._applied_text:
            return False
        definition, error = parse_definition(text)
        if error:
            self.check()
            return False
        if definition is not None and not isinstance(definition, dict):
            self._set_status("A definition must be a JSON object.", "error")
            return False
        self._applied_text = text
        self.apply_button.setEnabled(False)
        self.definition_applied.emit(definition)
        return True

    def reformat(self) -> None:
        definition, error = parse_definition(self.edit.toPlainText())
        if not error:
            self.edit.setPlainText(pretty(definition))

    def import_file(self, path: str | Path | None = None) -> bool:
        if not path:
            path, _ = QFileDialog.getOpenFileName(
                self,
                "Import ASL file",
                "",
                "State machine definitions (*.asl.json *.json);;All files (*)",
            )
            if not path:
                return False
        try:
            text = Path(path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as failure:
            self._set_status(f"{path}: cannot be read ({failure})", "error")
            return False
        definition, problem = parse_definition(text)
        if problem:
            self._set_status(f"{Path(path).name}: {problem}", "error")
            return False
        self.edit.setPlainText(pretty(definition))
        return self.apply()
