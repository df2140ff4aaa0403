"""SIGKILL during a save (issue 8, items 10 and 13): the file is always the old or the new
complete design, and no temporary file outlives the next save."""

from __future__ import annotations

import os
import select
import signal
import subprocess
import sys
import time
from pathlib import Path

from model.serialization import dumps, load_design, save_design

REPO = Path(__file__).resolve().parents[2]
SAVER = """
import signal, sys
signal.alarm(120)  # never outlive a test that lost track of it
from model.serialization import load_design, save_design
design = load_design(sys.argv[1])
big = design.description
i = 0
print("ready", flush=True)
while True:
    i += 1
    design.set_properties(f"version {i}", big)
    save_design(design, sys.argv[1])
"""


def test_kill_during_save_leaves_a_complete_design_and_no_stale_temporary(tmp_path: Path) -> None:
    path = tmp_path / "work.archcanvas"
    design = load_design(REPO / "examples" / "image-pipeline.archcanvas")
    design.set_properties("version 0", "x" * 60_000)
    save_design(design, path)
    rounds = 12
    for _ in range(rounds):
        process = subprocess.Popen(
            [sys.executable, "-c", SAVER, str(path)],
            cwd=REPO,
            stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(REPO)},
        )
        assert process.stdout is not None
        started = select.select([process.stdout], [], [], 60)[0]
        if not started or process.stdout.readline().strip() != b"ready":
            process.kill()
            process.wait(timeout=30)
            raise AssertionError("the saving process did not start")
        time.sleep(0.05 + 0.2 * (_ % 3) / 3)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)
        loaded = load_design(path)
        assert loaded.name.startswith("version ")
    final = load_design(path)
    save_design(final, path)
    assert list(tmp_path.glob(".work.archcanvas.*.tmp")) == []
    assert dumps(load_design(path)) == dumps(final)
