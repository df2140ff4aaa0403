"""Crash recovery: unsaved work is written to a recovery file every few seconds.

A recovery file is a small JSON wrapper around the design document plus the path the
design came from; a clean close deletes it, so finding one at start means a crash. Each
window of each running instance has its own file in the recovery folder, named after its
instance's session (`<pid>-<random>.w<n>.recovery.json`), and each instance holds a
QLockFile for its session while it runs: only the files of instances that are no longer
running are offered at start, so no instance ever takes or deletes another's live work.
"""

from __future__ import annotations

import contextlib
import os
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QLockFile, QObject, QTimer, Signal

from app.document import Document
from model.design import Design
from model.serialization import LoadError, from_document, json_text, to_document, write_atomic
from model.serialization.limits import LIMITS
from model.text import visible_strings

RECOVERY_FORMAT = "archcanvas-recovery"
RECOVERY_SUFFIX = ".recovery.json"
LEGACY_RECOVERY = "recovery.archcanvas.json"  # the one shared file of earlier versions


@dataclass
class Recovered:
    design: Design
    original_path: Path | None
    source: Path  # the recovery file it came from
    saved_at: float  # when it was last written (seconds since the epoch)


def write_recovery(path: Path, document: Document) -> None:
    """Write the recovery file through the save path's strict writer and text policy."""
    payload = {
        "format": RECOVERY_FORMAT,
        "path": str(document.path) if document.path else None,
        "document": to_document(document.design),
    }
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    write_atomic(path, json_text.dump(visible_strings(payload), indent=1).encode("utf-8"))


def read_recovery(path: Path) -> Recovered:
    """The design in a recovery file; raises LoadError (and nothing else) when it is damaged."""
    try:
        data = Path(path).read_bytes()
        saved_at = Path(path).stat().st_mtime
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
    original_path = Path(original) if isinstance(original, str) else None
    return Recovered(design, original_path, Path(path), saved_at)


def keep_aside(path: Path) -> Path | None:
    """Move a recovery file that could not be restored out of the way, never deleting it:
    it may hold the only copy of someone's work. Returns where it went."""
    target = path.with_name(f"{path.name}.damaged-{time.strftime('%Y%m%d-%H%M%S')}")
    try:
        os.replace(path, target)
    except OSError:
        return None
    return target


class RecoverySession:
    """This instance's claim on its recovery files: a lock that other instances see as held
    while this process runs and as stale once it has died (QLockFile records the pid, and on
    a local disk also holds an flock that dies with the process)."""

    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        self.id = f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self._files = 0
        with contextlib.suppress(OSError):
            self.folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        self.lock = _lock(self.folder, self.id)
        self.locked = self.lock.tryLock(0)

    def new_file(self) -> Path:
        """A recovery file name that no other window or instance uses."""
        self._files += 1
        return self.folder / f"{self.id}.w{self._files}{RECOVERY_SUFFIX}"


def _lock(folder: Path, session_id: str) -> QLockFile:
    lock = QLockFile(str(folder / f"{session_id}.lock"))
    lock.setStaleLockTime(0)  # stale only when its process is gone, however long it ran
    return lock


_SESSIONS: dict[Path, RecoverySession] = {}


def recovery_session(folder: Path) -> RecoverySession:
    """The one session of this process for a recovery folder."""
    folder = Path(folder)
    if folder not in _SESSIONS:
        _SESSIONS[folder] = RecoverySession(folder)
    return _SESSIONS[folder]


def _take_dead_owners_lock(lock: QLockFile, owner: str) -> bool:
    """True when the lock was taken, which means its owner is not running. A lock that names
    our own pid belongs to an earlier process that had the same pid (pids repeat, in
    sandboxes often at once): Qt would see it as live, yet its flock is gone with it."""
    if lock.tryLock(0):
        return True
    if owner.split("-")[0] == str(os.getpid()) and lock.removeStaleLockFile():
        return lock.tryLock(0)
    return False


def claim_orphans(session: RecoverySession) -> list[Path]:
    """Move the recovery files of instances that are no longer running into this session and
    return them, newest first. A running instance's lock cannot be taken, so its files are
    never touched; holding a dead owner's lock while moving its files keeps two instances
    that start together from taking the same file. The dead owner's temporaries and lock
    go; the shared file of earlier versions is claimed too."""
    folder = session.folder
    claimed: list[Path] = []
    legacy = folder.parent / LEGACY_RECOVERY
    if legacy.is_file():
        target = session.new_file()
        with contextlib.suppress(OSError):
            os.replace(legacy, target)
            claimed.append(target)
    owners = {path.name.split(".")[0] for path in folder.glob(f"*{RECOVERY_SUFFIX}")}
    owners |= {path.name.removesuffix(".lock") for path in folder.glob("*.lock")}
    for owner in sorted(owners - {session.id}):
        lock = _lock(folder, owner)
        if not _take_dead_owners_lock(lock, owner):
            continue
        try:
            for stale in folder.glob(f".{owner}.*.tmp"):
                stale.unlink(missing_ok=True)
            for path in sorted(folder.glob(f"{owner}.w*{RECOVERY_SUFFIX}")):
                target = session.new_file()
                with contextlib.suppress(OSError):
                    os.replace(path, target)
                    claimed.append(target)
        finally:
            lock.unlock()
    return sorted(claimed, key=_modified, reverse=True)


def _modified(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


class Autosaver(QObject):
    """Writes the current document to its window's recovery file on a timer while it has
    unsaved edits. `problem` says why the work is not backed up (a failed write, recovery
    files that cannot be locked), and says "" once it is again."""

    problem = Signal(str)

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
            self._report(f"Autosave to {self.recovery_file} failed: {error}")
            return False
        self._report("")
        return True

    def _report(self, message: str) -> None:
        if message != self.last_error:
            self.last_error = message
            self.problem.emit(message)

    def has_recovery(self) -> bool:
        return self.recovery_file.is_file()

    def discard(self) -> None:
        self.recovery_file.unlink(missing_ok=True)


class RecoveredDocument(Document):
    """A design restored from a recovery file: unsaved until the user saves it. Its window
    keeps autosaving to that file, so the work is never without a copy."""

    def __init__(self, recovered: Recovered) -> None:
        super().__init__(recovered.design, recovered.original_path)
        self.recovery_file = recovered.source
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
