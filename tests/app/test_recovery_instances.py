"""Recovery across running instances, with real processes: an instance that is running keeps
its recovery file to itself, and one killed with SIGKILL in the middle of an autosave leaves
work that the next start offers intact.

Every child runs the real window offscreen, editing and autosaving as fast as it can, and
ends itself after CHILD_LIFETIME_S whatever happens to the test, so nothing can hang CI.
"""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.application import initial_documents
from app.autosave import RECOVERY_SUFFIX, RecoveredDocument, read_recovery
from app.settings import Settings

REPO = Path(__file__).resolve().parents[2]
EXAMPLE = REPO / "examples" / "image-pipeline.archcanvas"
CHILD_LIFETIME_S = 240
STARTUP_TIMEOUT_S = 150

INSTANCE = """
import signal, sys
signal.alarm(int(sys.argv[3]))
tag, filler, edits = sys.argv[2], "x" * 60_000, [0]
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from app.document_io import load_document
from app.main_window import MainWindow
from app.settings import Settings
from model.commands import SetProperties

if sys.argv[4] == "stall":  # stop inside an autosave: its temporary written, not yet renamed
    import os, time
    rename = os.replace
    def stalled(source, target):
        if str(target).endswith(".recovery.json") and edits[0] > 5:
            print("mid-autosave", flush=True)
            time.sleep(600)
        rename(source, target)
    os.replace = stalled

application = QApplication([])
window = MainWindow(load_document(Path(sys.argv[1])), Settings(), autosave_ms=int(sys.argv[5]))

def edit():
    if edits[0] == 300:
        timer.stop()  # enough history; autosave goes on writing the last state
        return
    edits[0] += 1
    window.document.push(SetProperties(f"{tag} {edits[0]}", f"{filler} #{edits[0]}"))
    if edits[0] > 3 and window.autosaver.has_recovery() and not window.property("told"):
        window.setProperty("told", True)
        print("autosaving", flush=True)

timer = QTimer()
timer.timeout.connect(edit)
timer.start(0)
application.exec()
"""


class Instances:
    """Running ArchCanvas instances of one test, all killed when the test ends."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.running: list[subprocess.Popen[bytes]] = []

    def start(self, tag: str, stall: bool = False, every_ms: int = 1) -> subprocess.Popen[bytes]:
        """An instance editing and autosaving; returns once it has written its recovery."""
        log = self.folder / f"{tag}-{len(self.running)}.log"
        mode = "stall" if stall else "run"
        process = subprocess.Popen(
            [
                sys.executable,
                "-c",
                INSTANCE,
                str(EXAMPLE),
                tag,
                str(CHILD_LIFETIME_S),
                mode,
                str(every_ms),
            ],
            cwd=REPO,
            stdout=subprocess.PIPE,
            stderr=log.open("wb"),
            env={**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"},
        )
        self.running.append(process)
        self.wait_for(process, b"autosaving", log)
        if stall:
            self.wait_for(process, b"mid-autosave", log)
        return process

    def wait_for(self, process: subprocess.Popen[bytes], line: bytes, log: Path) -> None:
        assert process.stdout is not None
        ready, _, _ = select.select([process.stdout], [], [], STARTUP_TIMEOUT_S)
        said = process.stdout.readline() if ready else b""
        if said.strip() != line:
            self.kill(process)
            pytest.fail(f"the instance never said {line!r}:\n{log.read_text()[-2000:]}")

    def kill(self, process: subprocess.Popen[bytes]) -> None:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)

    def stop_all(self) -> None:
        for process in self.running:
            if process.poll() is None:
                self.kill(process)


@pytest.fixture
def instances(tmp_path: Path) -> Iterator[Instances]:
    running = Instances(tmp_path)
    yield running
    running.stop_all()


def recovery_files(settings: Settings) -> list[Path]:
    return sorted(settings.recovery_dir.glob(f"*{RECOVERY_SUFFIX}"))


def assert_intact(path: Path, tag: str) -> int:
    """The file is one complete autosave of instance `tag`: name and description agree."""
    design = read_recovery(path).design
    prefix, _, number = design.name.rpartition(" ")
    assert prefix == tag, design.name
    assert design.description.endswith(f" #{number}")
    return int(number)


def test_a_running_instances_recovery_is_never_offered_nor_deleted(instances):
    settings = Settings()
    settings.mark_started()
    first = instances.start("first")
    asked: list = []

    def ask(recovered):  # type: ignore[no-untyped-def]
        asked.append(recovered)
        return "discard"

    [document] = initial_documents(None, settings, ask, print)  # a second instance starts
    assert asked == [] and not isinstance(document, RecoveredDocument)
    [live] = recovery_files(settings)
    before = assert_intact(live, "first")
    time.sleep(0.5)
    assert first.poll() is None and assert_intact(live, "first") >= before

    instances.kill(first)
    [restored] = initial_documents(None, settings, lambda _r: "restore", print)
    assert isinstance(restored, RecoveredDocument)
    assert restored.design.name.startswith("first ")


def test_sigkill_during_autosave_next_start_offers_that_work_intact(instances):
    settings = Settings()
    settings.mark_started()
    other = instances.start("other", every_ms=50)  # keeps running through every round
    for stall in (True, False):
        victim = instances.start("victim", stall=stall)
        if stall:  # killed between writing its temporary and renaming it over the file
            assert list(settings.recovery_dir.glob(f".{victim.pid}-*.tmp"))
        else:  # killed wherever it happens to be
            time.sleep(0.2)
        instances.kill(victim)
        offered: list = []

        def ask(recovered, offered=offered):  # type: ignore[no-untyped-def]
            offered.append(recovered)
            return "restore"

        documents = initial_documents(None, settings, ask, print)
        assert len(offered) == 1 and len(documents) == 1
        assert assert_intact(offered[0].source, "victim") > 0
        assert isinstance(documents[0], RecoveredDocument)
        assert list(settings.recovery_dir.glob(f".{victim.pid}-*")) == []  # its temporaries
        offered[0].source.unlink()  # this round's start is done with it
        [left] = recovery_files(settings)  # only the running instance's file remains
        assert left.name.startswith(f"{other.pid}-")
        assert_intact(left, "other")
    assert other.poll() is None
