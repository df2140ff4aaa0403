"""The long fuzz run of issue 8: N mutants (default 10,000) of the bundled designs through load,
validation, save/reload and every text export (tests/fuzz/harness.py), with PNG and SVG export
for every 50th mutant. Prints its figures; exit 1 when any mutant failed.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/fuzz_designs.py [N] [SEED]
"""

from __future__ import annotations

import resource
import sys
import time
from pathlib import Path
from xml.etree import ElementTree

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.fuzz.harness import run  # noqa: E402


def _images(design) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QImage

    from app.image_export import ensure_application, render_png, render_svg

    ensure_application()
    assert not QImage.fromData(render_png(design)).isNull()
    ElementTree.fromstring(render_svg(design))


def main() -> int:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 2026
    started = time.perf_counter()
    tally = run(count, seed, images=_images, image_every=50)
    took = time.perf_counter() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"mutants {tally.mutants}  loaded {tally.loaded}  refused {tally.refused}")
    print(f"time {took:.0f} s  slowest step {tally.slowest[0]:.2f} s ({tally.slowest[1]})")
    print(f"peak memory {peak:.0f} MB  failures {len(tally.failures)}")
    for message, seen in sorted(tally.messages.items(), key=lambda item: -item[1])[:10]:
        print(f"  {seen:5d}  {message}")
    for failure in tally.failures[:50]:
        print("FAIL", failure)
    return 1 if tally.failures else 0


if __name__ == "__main__":
    raise SystemExit(main())
