"""Crash recovery: unsaved work is written to a recovery file every few seconds.

The recovery file is a small JSON wrapper around the design document plus the path the
design came from; a clean close deletes it, so finding one at start means a crash.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from app.document import Document
from model.design import Design
from model.serialization import LoadError, from_document, to_document, write_atomic

RECOVERY_FORMAT = "archcanvas-recovery"


@dataclass
class Recovered:
    design: Design
    original_path: Path | None


def write_recovery(path: Path, document: Document) -> None:
    payload = {
        "format": RECOVERY_FORMAT,
        "path": str(document.path) if document.path else None,
        "document": to_document(document.design),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json.dumps(payload, indent=1, ensure_ascii=False).encode("utf-8"))


def read_recovery(path: Path) -> Recovered:
    """The design in a recovery file; raises LoadError when the file is damaged."""
    try:
        payload = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise LoadError(str(path), f"cannot be read ({error})") from error
    if not isinstance(payload, dict) or payload.get("format") != RECOVERY_FORMAT:
        raise LoadError(str(path), "is not an ArchCanvas recovery file")
    design = from_document(payload.get("document"), str(path))
    original = payload.get("path")
    return Recovered(design, Path(original) if isinstance(original, str) else None)


class Autosaver(QObject):
    """Writes the current document to the recovery file on a timer while it has unsaved edits."""

    def __init__(
        self,
        recovery_file: Path,
        current_document: Callable[[], Document],
        interval_ms: int = 30_000,
    ) -> None:
        super().__init__()
        self.recovery_file = Path(recovery_file)
        self._current_document = current_document
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.save_now)
        self.last_error = ""

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def set_interval(self, interval_ms: int) -> None:
        self.timer.setInterval(interval_ms)

    def save_now(self) -> bool:
        """Write the recovery file if there is unsaved work; True when written."""
        document = self._current_document()
        if not document.is_dirty():
            return False
        try:
            write_recovery(self.recovery_file, document)
        except OSError as error:
            self.last_error = str(error)
            return False
        return True

    def has_recovery(self) -> bool:
        return self.recovery_file.is_file()

    def discard(self) -> None:
        self.recovery_file.unlink(missing_ok=True)


class RecoveredDocument(Document):
    """A design restored from the recovery file: unsaved until the user saves it."""

    def __init__(self, recovered: Recovered) -> None:
        super().__init__(recovered.design, recovered.original_path)
        self._unsaved = True
        self._was_dirty = True

    def is_dirty(self) -> bool:
        return self._unsaved or super().is_dirty()

    def save(self, path: Path | None = None) -> None:
        super().save(path)
        self._unsaved = False
        if self._was_dirty:
            self._was_dirty = False
            self.dirty_changed.emit(False)
