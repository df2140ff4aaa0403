"""Crash recovery: unsaved work is written to a recovery file every few seconds.

The recovery file is a small JSON wrapper around the design document plus the path the
design came from; a clean close deletes it, so finding one at start means a crash.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from app.document import Document
from model.design import Design
from model.serialization import LoadError, from_document, json_text, to_document, write_atomic
from model.serialization.limits import LIMITS
from model.text import visible_strings

RECOVERY_FORMAT = "archcanvas-recovery"


@dataclass
class Recovered:
    design: Design
    original_path: Path | None


def write_recovery(path: Path, document: Document) -> None:
    """Write the recovery file through the save path's strict writer and text policy."""
    payload = {
        "format": RECOVERY_FORMAT,
        "path": str(document.path) if document.path else None,
        "document": to_document(document.design),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(path, json_text.dump(visible_strings(payload), indent=1).encode("utf-8"))


def read_recovery(path: Path) -> Recovered:
    """The design in a recovery file; raises LoadError (and nothing else) when it is damaged."""
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise LoadError(str(path), f"cannot be read ({error.strerror or error})") from error
    if len(data) > 2 * LIMITS.file_bytes:
        raise LoadError(str(path), "is larger than any design ArchCanvas reads")
    try:
        payload = json_text.parse(data.decode("utf-8"))
    except (UnicodeDecodeError, json_text.JsonError) as error:
        raise LoadError(str(path), str(error)) from error
    if not isinstance(payload, dict) or payload.get("format") != RECOVERY_FORMAT:
        raise LoadError(str(path), "is not an ArchCanvas recovery file")
    design = from_document(payload.get("document"), str(path))
    original = payload.get("path")
    return Recovered(design, Path(original) if isinstance(original, str) else None)


def keep_aside(path: Path) -> Path | None:
    """Move a recovery file that could not be restored out of the way, never deleting it:
    it may hold the only copy of someone's work. Returns where it went."""
    target = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        os.replace(path, target)
    except OSError:
        return None
    return target


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
        except Exception as error:  # noqa: BLE001 - a timer must never raise; Save still works
            self.last_error = f"{type(error).__name__}: {error}"
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
