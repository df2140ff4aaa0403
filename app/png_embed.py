"""The design inside its PNG: an iTXt chunk "archcanvas" holding the design file's JSON.

A PNG exported by ArchCanvas reopens as the design it shows. Reading and writing the chunk
needs only the standard library, so the CLI can open such a PNG without Qt.
"""

from __future__ import annotations

import os
import struct
import zlib

from model.design import Design
from model.serialization import LoadError, loads
from model.serialization.limits import LIMITS

KEYWORD = "archcanvas"
SIGNATURE = b"\x89PNG\r\n\x1a\n"


def _chunk(kind: bytes, data: bytes) -> bytes:
    crc = zlib.crc32(kind + data) & 0xFFFFFFFF
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def _chunks(data: bytes) -> list[tuple[bytes, bytes, int]]:
    """(type, data, offset of the chunk) for every chunk; ValueError when truncated."""
    if not data.startswith(SIGNATURE):
        raise ValueError("not a PNG file")
    found = []
    offset = len(SIGNATURE)
    while offset < len(data):
        if offset + 8 > len(data):
            raise ValueError("truncated PNG chunk header")
        (length,) = struct.unpack(">I", data[offset : offset + 4])
        kind = data[offset + 4 : offset + 8]
        end = offset + 12 + length
        if end > len(data):
            raise ValueError("truncated PNG chunk")
        found.append((kind, data[offset + 8 : offset + 8 + length], offset))
        offset = end
        if kind == b"IEND":
            break
    return found


def embed(png: bytes, text: str, keyword: str = KEYWORD) -> bytes:
    """The PNG with a compressed UTF-8 iTXt chunk inserted before IEND (earlier ones with the
    same keyword removed)."""
    kept = []
    iend_offset = None
    for kind, data, offset in _chunks(png):
        if kind == b"IEND":
            iend_offset = offset
            break
        if kind in (b"tEXt", b"zTXt", b"iTXt") and data.split(b"\0", 1)[0] == keyword.encode(
            "latin-1"
        ):
            continue
        kept.append(_chunk(kind, data))
    if iend_offset is None:
        raise ValueError("PNG has no IEND chunk")
    payload = (
        keyword.encode("latin-1")
        + b"\0"
        + b"\x01\x00"
        + b"\0"
        + b"\0"
        + zlib.compress(text.encode("utf-8"), 9)
    )
    return SIGNATURE + b"".join(kept) + _chunk(b"iTXt", payload) + _chunk(b"IEND", b"")


PNG_FILE_BYTES = 4 * LIMITS.file_bytes
"""Largest PNG read: a diagram at 4x scale with its design stays far below it."""


def _inflate(data: bytes) -> bytes:
    """Inflate a chunk incrementally, refusing to grow past the design size limit (so a
    decompression bomb costs at most that much memory)."""
    inflater = zlib.decompressobj()
    out = inflater.decompress(data, LIMITS.file_bytes + 1)
    if len(out) > LIMITS.file_bytes or inflater.unconsumed_tail:
        raise ValueError(
            f"its embedded design inflates to more than {LIMITS.file_bytes:,} bytes, the "
            "largest design ArchCanvas reads"
        )
    if not inflater.eof:
        raise ValueError("its embedded design is truncated")
    return out


def design_text(png: bytes) -> str | None:
    """The text of the "archcanvas" chunk, or None; no other chunk is ever inflated.
    ValueError, naming what is wrong, for a damaged PNG or chunk."""
    keyword = KEYWORD.encode("latin-1")
    for kind, data, _ in _chunks(png):
        if kind not in (b"tEXt", b"zTXt", b"iTXt") or data.split(b"\0", 1)[0] != keyword:
            continue
        rest = data[len(keyword) + 1 :]
        if kind == b"tEXt":
            return rest.decode("latin-1")
        if kind == b"zTXt":
            if not rest:
                raise ValueError("its archcanvas zTXt chunk is truncated")
            return _inflate(rest[1:]).decode("latin-1")
        if len(rest) < 2:
            raise ValueError("its archcanvas iTXt chunk is truncated")
        compressed = rest[0]
        language, language_end, rest = rest[2:].partition(b"\0")
        translated, translated_end, value = rest.partition(b"\0")
        if not language_end or not translated_end:
            raise ValueError("its archcanvas iTXt chunk is truncated")
        return (_inflate(value) if compressed else value).decode("utf-8")
    return None


def read_design_from_png(path: str | os.PathLike[str]) -> Design:
    """The design an ArchCanvas PNG carries; LoadError (naming the file) when there is none."""
    name = str(path)
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size  # 0 for a pipe: read up to the limit
            data = handle.read(min(size or PNG_FILE_BYTES, PNG_FILE_BYTES) + 1)
    except OSError as error:
        raise LoadError(name, f"cannot be read ({error.strerror or error})") from error
    if len(data) > PNG_FILE_BYTES:
        raise LoadError(name, f"is larger than {PNG_FILE_BYTES:,} bytes, the largest PNG read")
    return design_from_png(data, name)


def design_from_png(data: bytes, name: str) -> Design:
    """The design carried by PNG bytes; LoadError naming name when there is none."""
    try:
        text = design_text(data)
    except (ValueError, zlib.error) as error:
        raise LoadError(name, f"is not a readable PNG image ({error})") from error
    if text is None:
        raise LoadError(
            name,
            "is a PNG image without an ArchCanvas design (only PNGs exported by ArchCanvas "
            "carry one)",
        )
    return loads(text, name)
