"""CI-sized fuzz run over the bundled designs (tests/fuzz/harness.py); the 10,000-mutant run is
scripts/fuzz_designs.py. Images (PNG, SVG) are exported for every 25th mutant that loads.

The run happens in a fresh child process, so its peak memory is the fuzzed steps' own and not
whatever earlier tests of the suite left behind."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
MUTANTS = int(os.environ.get("ARCHCANVAS_FUZZ_MUTANTS", "240"))

CHILD = """
import json, resource, sys
from xml.etree import ElementTree
from tests.fuzz.harness import run

def images(design):
    from PySide6.QtGui import QImage
    from app.image_export import ensure_application, render_png, render_svg
    ensure_application()
    assert not QImage.fromData(render_png(design)).isNull()
    ElementTree.fromstring(render_svg(design))

def peak_kb():
    # Linux carries ru_maxrss across exec, so a child started by a large test process would
    # report that process's peak; VmHWM is the peak of this process's own memory.
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

tally = run(int(sys.argv[1]), seed=8, images=images, image_every=25)
print(json.dumps({
    "failures": tally.failures, "loaded": tally.loaded, "refused": tally.refused,
    "slowest": list(tally.slowest),
    "peak_kb": peak_kb(),
}))
"""


def test_every_mutant_loads_cleanly_or_is_refused_clearly() -> None:
    child = subprocess.run(
        [sys.executable, "-c", CHILD, str(MUTANTS)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=900,
        env={**os.environ, "PYTHONPATH": str(REPO), "QT_QPA_PLATFORM": "offscreen"},
    )
    assert child.returncode == 0, child.stderr[-3000:]
    tally = json.loads(child.stdout.splitlines()[-1])
    assert tally["failures"] == []
    assert tally["loaded"] > MUTANTS // 10 and tally["refused"] > MUTANTS // 10
    assert tally["slowest"][0] < 10, tally["slowest"]
    assert tally["peak_kb"] < 1024 * 1024
