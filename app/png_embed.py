"""The design inside its PNG: an iTXt chunk "archcanvas" holding the design file's JSON.

A PNG exported by ArchCanvas reopens as the design it shows. Reading and writing the chunk
needs only the standard library, so the CLI can open such a PNG without Qt.
"""

from __future__ import annotations

import os
import struct
import zlib
from pathlib import Path

from model.design import Design
from model.serialization import LoadError, loads

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


def text_chunks(png: bytes) -> dict[str, str]:
    """Every tEXt, zTXt and iTXt chunk by keyword."""
    texts: dict[str, str] = {}
    for kind, data, _ in _chunks(png):
        if kind == b"tEXt":
            key, _, value = data.partition(b"\0")
            texts[key.decode("latin-1")] = value.decode("latin-1")
        elif kind == b"zTXt":
            key, _, rest = data.partition(b"\0")
            texts[key.decode("latin-1")] = zlib.decompress(rest[1:]).decode("latin-1")
        elif kind == b"iTXt":
            key, _, rest = data.partition(b"\0")
            compressed, _method = rest[0], rest[1]
            _language, _, rest = rest[2:].partition(b"\0")
            _translated, _, value = rest.partition(b"\0")
            raw = zlib.decompress(value) if compressed else value
            texts[key.decode("latin-1")] = raw.decode("utf-8")
    return texts


def read_design_from_png(path: str | os.PathLike[str]) -> Design:
    """The design an ArchCanvas PNG carries; LoadError (naming the file) when there is none."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise LoadError(name, f"cannot be read ({error.strerror or error})") from error
    try:
        texts = text_chunks(data)
    except (ValueError, zlib.error, UnicodeDecodeError) as error:
        raise LoadError(name, f"is not a readable PNG image ({error})") from error
    if KEYWORD not in texts:
        raise LoadError(
            name,
            "is a PNG image without an ArchCanvas design (only PNGs exported by ArchCanvas "
            "carry one)",
        )
    return loads(texts[KEYWORD], name)
