"""Composition root of the desktop editor: settings, the first document, the window.

`main(argv)` starts the editor; `--self-test` opens the default example offscreen,
validates it and exits 0 or 1 (what CI runs against a packaged build).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Literal, Protocol

from PySide6.QtCore import QEvent, QObject, QPoint
from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication, QWidget

from app.actions import RESOURCES
from app.autosave import (
    Recovered,
    RecoveredDocument,
    claim_orphans,
    keep_aside,
    read_recovery,
    recovery_session,
)
from app.document import Document
from app.document_io import load_document
from app.settings import Settings
from model.resources import shared_dir
from model.serialization import LoadError

EXAMPLES_DIR = shared_dir("examples")
DEFAULT_EXAMPLE = EXAMPLES_DIR / "image-pipeline.archcanvas"

_IMPORTED = time.monotonic()


class MainWindowLike(Protocol):
    def open_path(self, path: Path, ask: bool = True) -> bool: ...


RestoreAnswer = Literal["restore", "discard", "later"]
AskRestore = Callable[[Recovered], RestoreAnswer]
ShowError = Callable[[str], None]


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="archcanvas", description="ArchCanvas desktop editor")
    parser.add_argument("file", nargs="?", type=Path, help="design file to open")
    parser.add_argument(
        "--self-test",
        action="store_true",
        help="open the default example offscreen, validate it and exit 0 (ok) or 1",
    )
    return parser.parse_args(list(argv))


def recovered_documents(
    settings: Settings, ask_restore: AskRestore, show_error: ShowError
) -> list[Document]:
    """The work of instances that crashed (never of one still running), each as the user
    chose: restored, discarded, or kept for a later start. A damaged file is kept aside."""
    documents: list[Document] = []
    for path in claim_orphans(recovery_session(settings.recovery_dir)):
        try:
            recovered = read_recovery(path)
        except LoadError as error:
            kept = keep_aside(path)
            where = f" It was kept as {kept}." if kept else ""
            show_error(f"The unsaved work could not be restored: {error}.{where}")
            continue
        answer = ask_restore(recovered)
        if answer == "restore":
            documents.append(RecoveredDocument(recovered))
        elif answer == "discard":
            path.unlink(missing_ok=True)
    return documents


def initial_documents(
    file: Path | None, settings: Settings, ask_restore: AskRestore, show_error: ShowError
) -> list[Document]:
    """What the windows show first, one window each: a crash's recovered work (if the user
    wants it) and the file named on the command line; with neither, the example on first
    start, else an empty design."""
    documents = recovered_documents(settings, ask_restore, show_error)
    if file is not None:
        try:
            document = load_document(file)
        except LoadError as error:
            show_error(str(error))
        else:
            settings.add_recent_file(file)
            return [*documents, document]
    if documents:
        return documents
    if file is None and settings.is_first_start() and DEFAULT_EXAMPLE.is_file():
        try:
            return [load_document(DEFAULT_EXAMPLE)]
        except LoadError as error:
            show_error(str(error))
    return [Document()]


def ask_restore_dialog(recovered: Recovered) -> RestoreAnswer:
    """Ask what to do with one crash's unsaved work; closing the box keeps it for later."""
    from PySide6.QtWidgets import QMessageBox

    when = time.strftime("%Y-%m-%d %H:%M", time.localtime(recovered.saved_at))
    origin = f" ({recovered.original_path})" if recovered.original_path else ""
    box = QMessageBox(QMessageBox.Icon.Question, "ArchCanvas", "")
    box.setText(
        f"ArchCanvas did not close normally. Restore the unsaved work on "
        f"“{recovered.design.name}”{origin}, autosaved {when}?"
    )
    box.setInformativeText("Discard deletes it. Later keeps it and asks again at the next start.")
    restore = box.addButton("Restore", QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton("Discard", QMessageBox.ButtonRole.DestructiveRole)
    later = box.addButton("Later", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.setEscapeButton(later)
    box.exec()
    clicked = box.clickedButton()
    return "restore" if clicked is restore else "discard" if clicked is discard else "later"


def release_offscreen_clipboard() -> None:
    """Empty the clipboard on the offscreen platform, whose clipboard crashes the interpreter
    at exit while it holds data set from Python (seen with PySide6 6.11). Displays with a real
    clipboard keep the user's copy."""
    qt_app = QApplication.instance()
    if qt_app is not None and QApplication.platformName() == "offscreen":
        QApplication.clipboard().clear()


def _qt_application(name: str) -> QApplication:
    existing = QApplication.instance()
    return existing if isinstance(existing, QApplication) else QApplication([name])


def missing_resources() -> list[str]:
    """Files the app needs that this installation lacks: the app and toolbar icons, the
    default example and every kind's icon (an AWS icon replaced by the fallback counts)."""
    from app.actions import TOOLBAR
    from model.catalog import CATALOG, icon_path

    needed = [RESOURCES / "archcanvas.svg", DEFAULT_EXAMPLE]
    needed += [RESOURCES / f"toolbar-{name}.svg" for name in TOOLBAR if name != "-"]
    missing = [str(path) for path in needed if not path.is_file()]
    for item in [*CATALOG, *CATALOG.presets]:
        path = icon_path(item.icon)
        fell_back = (
            item.icon.source == "diagrams" and path is not None and path.name == "fallback.svg"
        )
        if path is None or fell_back:
            missing.append(f"icon of {item.id} ({item.icon.source}: {item.icon.path})")
    return missing


def seconds_since_start() -> float:
    """Seconds since this process started (Linux /proc), else since Python imported app."""
    try:
        fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
        uptime = float(Path("/proc/uptime").read_text().split()[0])
        return uptime - int(fields[19]) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return time.monotonic() - _IMPORTED


class _FirstPaint(QObject):
    """Notes when the first paint event reaches the window or one of its children."""

    def __init__(self, window: QWidget) -> None:
        super().__init__()
        self.window = window
        self.shown = time.monotonic()
        self.after: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if (
            self.after is None
            and event.type() == QEvent.Type.Paint
            and isinstance(watched, QWidget)
            and watched.window() is self.window
        ):
            self.after = seconds_since_start()
        return False


class FileOpenForwarder(QObject):
    """Opens the files the system asks to open by event rather than by argument (macOS
    Finder's double-click arrives as a QFileOpenEvent)."""

    def __init__(self, window: MainWindowLike) -> None:
        super().__init__()
        self.window = window

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt API)
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            if event.file():
                self.window.open_path(Path(event.file()))
            return True
        return False


def self_test(example: Path = DEFAULT_EXAMPLE) -> int:
    """Build the whole window offscreen around the example and check it validates and that
    every resource the app needs is installed."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from app.main_window import MainWindow
    from model.rules import validate

    missing = missing_resources()
    if missing:
        print("self-test: FAILED: missing resources:\n  " + "\n  ".join(missing), file=sys.stderr)
        return 1
    qt_app = _qt_application("archcanvas-self-test")
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(Path(folder) / "self-test.ini")
        try:
            document = load_document(example)
        except LoadError as error:
            print(f"self-test: FAILED: {error}", file=sys.stderr)
            return 1
        window = MainWindow(document, settings)
        painted = _FirstPaint(window)
        qt_app.installEventFilter(painted)
        window.show()
        while painted.after is None and time.monotonic() - painted.shown < 10:
            qt_app.processEvents()
        qt_app.removeEventFilter(painted)
        findings = validate(document.design)
        shown = window.findings.model.findings
        ok = len(shown) == len(findings) and window.scene.items_rect().isValid()
        ok = ok and painted.after is not None
        nodes = len(document.design.nodes)
        errors = sum(f.severity == "error" for f in findings)
        window.document.stack.set_clean()
        window.close()
        print(
            f"self-test: {'ok' if ok else 'FAILED'}: {example.name}: {nodes} services, "
            f"{len(findings)} findings ({errors} errors)"
        )
        if painted.after is not None:
            print(f"self-test: first window painted {painted.after:.2f} s after start")
        return 0 if ok else 1


def main(argv: Sequence[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.self_test:
        return self_test(args.file or DEFAULT_EXAMPLE)

    from PySide6.QtGui import QIcon
    from PySide6.QtWidgets import QMessageBox

    from app.main_window import MainWindow

    qt_app = _qt_application(sys.argv[0] if sys.argv else "archcanvas")
    qt_app.setApplicationName("ArchCanvas")
    qt_app.setOrganizationName("ArchCanvas")
    qt_app.setApplicationDisplayName("ArchCanvas")
    qt_app.setDesktopFileName("io.github.archcanvas.ArchCanvas")
    icon = RESOURCES / "archcanvas.svg"
    if icon.is_file():
        qt_app.setWindowIcon(QIcon(str(icon)))
    settings = Settings()

    def show_error(message: str) -> None:
        QMessageBox.critical(None, "ArchCanvas", message)

    qt_app.aboutToQuit.connect(release_offscreen_clipboard)
    documents = initial_documents(args.file, settings, ask_restore_dialog, show_error)
    settings.mark_started()
    windows = [MainWindow(document, settings) for document in documents]
    for number, window in enumerate(windows):
        window.move(window.pos() + QPoint(32, 32) * number)
        window.show()
    opener = FileOpenForwarder(windows[-1])
    qt_app.installEventFilter(opener)
    return int(qt_app.exec())
