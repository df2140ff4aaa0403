"""CI-sized fuzz run over the bundled designs (tests/fuzz/harness.py); the 10,000-mutant run is
scripts/fuzz_designs.py. Images (PNG, SVG) are exported for every 25th mutant that loads."""

from __future__ import annotations

import os
import resource
from xml.etree import ElementTree

from tests.fuzz.harness import run

MUTANTS = int(os.environ.get("ARCHCANVAS_FUZZ_MUTANTS", "240"))


def _images(design):  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QImage

    from app.image_export import ensure_application, render_png, render_svg

    ensure_application()

    assert not QImage.fromData(render_png(design)).isNull()
    ElementTree.fromstring(render_svg(design))


def test_every_mutant_loads_cleanly_or_is_refused_clearly() -> None:
    tally = run(MUTANTS, seed=8, images=_images, image_every=25)
    assert tally.failures == []
    assert tally.loaded > MUTANTS // 10 and tally.refused > MUTANTS // 10
    assert tally.slowest[0] < 10
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 1024 * 1024
