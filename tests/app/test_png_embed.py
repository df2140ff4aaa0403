"""Reading the design out of a PNG: only the archcanvas chunk is inflated, with a cap, and a
damaged chunk is a LoadError (class 6 of issue 8). Needs no Qt."""

from __future__ import annotations

import time
import tracemalloc
import zlib
from pathlib import Path

import pytest

from app.png_embed import SIGNATURE, _chunk, embed, read_design_from_png
from model.serialization import LoadError, dumps, loads
from model.serialization.limits import LIMITS

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "image-pipeline.archcanvas"


def _png(*chunks: bytes) -> bytes:
    header = _chunk(b"IHDR", b"\0\0\0\1\0\0\0\1\x08\x02\0\0\0")
    return SIGNATURE + header + b"".join(chunks) + _chunk(b"IEND", b"")


def _bomb(size: int) -> bytes:
    compressor = zlib.compressobj(9)
    block = b"\0" * (1 << 20)
    parts = [compressor.compress(block) for _ in range(size >> 20)]
    return b"".join(parts) + compressor.flush()


def _peak_mb_while(call):  # type: ignore[no-untyped-def]
    """(result, peak MB allocated during the call): the process's RSS peak would include
    whatever earlier tests of the suite allocated, and could not fail."""
    tracemalloc.start()
    try:
        result = call()
        return result, tracemalloc.get_traced_memory()[1] / (1 << 20)
    finally:
        tracemalloc.stop()


def test_a_bomb_under_another_keyword_is_never_inflated(tmp_path: Path) -> None:
    design = EXAMPLE.read_text(encoding="utf-8")
    bomb = b"Comment\0" + b"\0" + _bomb(1 << 30)
    png = embed(_png(_chunk(b"zTXt", bomb)), design)
    path = tmp_path / "bomb.png"
    path.write_bytes(png)
    started = time.perf_counter()
    loaded, peak_mb = _peak_mb_while(lambda: read_design_from_png(path))
    assert time.perf_counter() - started < 5
    assert peak_mb < 200
    assert dumps(loaded) == dumps(loads(design))


def test_a_bomb_in_the_archcanvas_chunk_stops_at_the_cap(tmp_path: Path) -> None:
    payload = b"archcanvas\0\x01\x00\0\0" + _bomb(LIMITS.file_bytes + (8 << 20))
    path = tmp_path / "bomb.png"
    path.write_bytes(_png(_chunk(b"iTXt", payload)))

    def load() -> None:
        with pytest.raises(LoadError, match="inflates to more than"):
            read_design_from_png(path)

    _, peak_mb = _peak_mb_while(load)
    assert peak_mb < 3 * LIMITS.file_bytes / (1 << 20)


@pytest.mark.parametrize(
    "payload",
    [b"archcanvas\0", b"archcanvas\0\x01", b"archcanvas\0\x01\x00en", b"archcanvas\0\x01\x00\0\0x"],
)
def test_a_truncated_itxt_chunk_is_a_load_error(tmp_path: Path, payload: bytes) -> None:
    path = tmp_path / "cut.png"
    path.write_bytes(_png(_chunk(b"iTXt", payload)))
    with pytest.raises(LoadError, match="not a readable PNG"):
        read_design_from_png(path)


def test_a_huge_integer_in_an_embedded_design_is_a_load_error(tmp_path: Path) -> None:
    text = EXAMPLE.read_text(encoding="utf-8").replace('"x": ', '"x": ' + "7" * 5000 + ', "_": ', 1)
    path = tmp_path / "huge.png"
    path.write_bytes(embed(_png(), text))
    with pytest.raises(LoadError, match="huge.png"):
        read_design_from_png(path)
