"""One open design: its model, undo history, live findings, file path and dirty state.

The canvas, inspector and findings panel all observe this object; every user edit goes
through push(), so undo, redo and revalidation behave the same everywhere.
"""

from __future__ import annotations

import stat
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal

from model.commands import Command, CommandError, UndoStack
from model.design import Design, ModelError
from model.events import Event
from model.importers import ImportReport
from model.review.status import ApprovalGuard
from model.review.waivers import apply_waivers
from model.rules import Finding, IncrementalValidator
from model.serialization import load_design, save_design

PREPARE_STEP_S = 0.008
"""How long one idle step of the validator's preparation may run: well under a frame."""
PREPARE_IDLE_MS = 300
"""How long the preparation waits once the event loop runs and after an edit, so that neither
the window's first paint nor an edit queues behind its steps."""


class Document(QObject):
    """Signals carry Python objects, so they are declared Signal(object)."""

    design_event = Signal(object)  # model.events.Event, after each mutation
    changed = Signal()  # after each push, undo, redo (findings are current)
    findings_changed = Signal(object)  # list[Finding]
    dirty_changed = Signal(bool)
    path_changed = Signal(object)  # Path | None
    error = Signal(str)  # a refused edit, for the status bar
    validated = Signal()  # after findings were brought up to date (see IdlePreparer)

    def __init__(
        self, design: Design | None = None, path: Path | None = None, validate: bool = True
    ) -> None:
        """validate=False leaves the findings empty until the first edit (an export that
        draws no badges need not check the design)."""
        super().__init__()
        self.design = design or Design()
        self.path = path
        self.stack = UndoStack(self.design)
        self.validator = IncrementalValidator(self.design)
        self.approval = ApprovalGuard(self.design)
        self.design.subscribe(self._forward)
        self.stack.subscribe(self._after_stack_change)
        self.import_notes: list[Finding] = []
        self._findings: list[Finding] = (
            apply_waivers(self.design, self.validator.findings()) if validate else []
        )
        self._was_dirty = False

    @classmethod
    def open(cls, path: Path) -> Document:
        """Load a file; raises LoadError and leaves nothing half-built."""
        return cls(load_design(path), Path(path))

    def _forward(self, event: Event) -> None:
        self.design_event.emit(event)

    def _after_stack_change(self) -> None:
        self.refresh_findings()
        self.changed.emit()
        dirty = self.is_dirty()
        if dirty != self._was_dirty:
            self._was_dirty = dirty
            self.dirty_changed.emit(dirty)

    def set_import_report(self, report: ImportReport) -> None:
        """Show what an import did as info items of the findings list."""
        self.import_notes = import_findings(report, self.design)
        self.refresh_findings()

    def refresh_findings(self) -> None:
        """Re-run what the edits touched, then lay the waivers over the findings (cheap:
        waiver changes do not re-run rules); an import's report follows as info items."""
        findings = apply_waivers(self.design, self.validator.findings()) + [
            note
            for note in self.import_notes
            if all(self.design.has_node(e) or self.design.has_edge(e) for e in note.elements)
        ]
        if findings != self._findings:
            self._findings = findings
            self.findings_changed.emit(findings)
        self.validated.emit()

    @property
    def findings(self) -> list[Finding]:
        """Every finding, waived ones included (each with its waiver)."""
        return list(self._findings)

    @property
    def open_findings(self) -> list[Finding]:
        """Findings no waiver covers: what badges and counts show."""
        return [f for f in self._findings if f.waiver is None]

    def push(self, command: Command) -> bool:
        """Apply a user edit as one undoable step; a refused edit emits error and returns False."""
        try:
            self.stack.push(command)
        except (CommandError, ModelError) as refused:
            self.error.emit(str(refused))
            return False
        return True

    def undo(self) -> None:
        self.stack.undo()

    def redo(self) -> None:
        self.stack.redo()

    def is_dirty(self) -> bool:
        return not self.stack.is_clean()

    def save(self, path: Path | None = None) -> None:
        """Atomic save; raises OSError on failure and leaves the old file intact."""
        target = Path(path or self.path or "")
        if not str(target):
            raise ValueError("no file name")
        save_design(self.design, target)
        if target != self.path:
            self.path = target
            self.path_changed.emit(target)
        self.stack.set_clean()

    @property
    def display_name(self) -> str:
        return self.path.name if self.path else "Untitled"


def import_findings(report: ImportReport, design: Design) -> list[Finding]:
    """The import report as info findings, each naming the template's logical id."""
    notes = [Finding("IMPORT", "info", report.lines()[0], (), report.source, "")]
    for entry in report.generic:
        notes.append(
            Finding(
                "IMPORT_GENERIC",
                "info",
                f"{entry.logical_id} ({entry.type}) has no kind in the catalog: kept as a "
                "generic AWS resource",
                (entry.node,) if design.has_node(entry.node) else (),
                report.source,
                "Its type and properties are written back unchanged by the CloudFormation export.",
            )
        )
    for entry in report.unresolved:
        notes.append(
            Finding(
                "IMPORT_UNRESOLVED",
                "info",
                f"{entry.logical_id}: {entry.text}",
                (entry.node,) if entry.node and design.has_node(entry.node) else (),
                report.source,
                "The template's own value is kept and exported unchanged.",
            )
        )
    return notes


def is_read_only(path: Path) -> bool:
    """Whether an existing file's permissions forbid writing it (checked on the mode bits, so
    that an administrator's account is warned too, as editors do)."""
    try:
        mode = Path(path).stat().st_mode
    except OSError:
        return False
    return not mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)


class IdlePreparer(QObject):
    """Lets the shown document's validator record what its rules read while the window is idle,
    in steps that keep it responsive, so the first edit after opening re-runs only what it
    touches (IncrementalValidator.prepare).

    The window owns it, not the document: a document nobody shows (an export's) schedules
    nothing, and no timer fires for a document that Python's collector may free mid-slot (CI
    crashed on exactly that when each document had its own timer).
    """

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._document: Document | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self._step)

    def follow(self, document: Document) -> None:
        """Prepare this document from now on; the wait starts once the event loop runs."""
        if self._document is not None:
            self._document.validated.disconnect(self.schedule)
        self._document = document
        document.validated.connect(self.schedule)
        self._timer.stop()
        QTimer.singleShot(0, self, self.schedule)

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def schedule(self) -> None:
        """After a full validation (opening, a profile change), start the wait; an edit while
        it runs starts it again."""
        if self._document is not None and self._document.validator.can_prepare:
            self._timer.start(PREPARE_IDLE_MS)
        else:
            self._timer.stop()

    def _step(self) -> None:
        document = self._document
        if document is None:
            return
        document.validator.prepare(seconds=PREPARE_STEP_S)
        if document.validator.can_prepare:
            self._timer.start(0)
