"""Reading and writing .archcanvas files: strict, clear errors, atomic and byte-stable saves."""

from __future__ import annotations

import contextlib
import errno
import glob
import os
import re
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from model.catalog import CATALOG, Registry
from model.collector import collector_paused
from model.config.base import CHECKED_TEXT
from model.config.edges import EdgeConfig
from model.design import Design
from model.elements import Edge, ImportedTemplate, Node, Origin, Placement, Point, Size
from model.serialization import json_text
from model.serialization.check import check_document, text_is_safe, where
from model.serialization.errors import LoadError
from model.serialization.limits import LIMITS
from model.serialization.migrations import migrate
from model.serialization.schema import (
    CURRENT_VERSION,
    FORMAT_NAME,
    DesignDoc,
    EdgeDoc,
    FileDoc,
    NodeDoc,
)
from model.text import shown, visible_strings

SUFFIX = ".archcanvas"


# ---- loading -------------------------------------------------------------------------------
def load_design(path: str | os.PathLike[str], catalog: Registry = CATALOG) -> Design:
    """Read a design file; raises LoadError and nothing else for any bad input."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise LoadError(name, f"cannot be read ({error.strerror or error})") from error
    return loads(data, name, catalog)


def loads(data: bytes | str, path: str = "<design>", catalog: Registry = CATALOG) -> Design:
    if len(data) > LIMITS.file_bytes:
        raise LoadError(
            path, f"is {len(data):,} bytes; a design file holds at most {LIMITS.file_bytes:,}"
        )
    if isinstance(data, bytes):
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError as error:
            raise LoadError(path, f"is not UTF-8 text (byte {error.start})") from error
    else:
        text = data
    with collector_paused():
        return _from_text(text, path, catalog)


def _from_text(text: str, path: str, catalog: Registry) -> Design:
    """Parse and build, in a frame of its own: the parsed document is freed when it returns,
    before the collector resumes and walks what was made while it was paused."""
    try:
        raw = json_text.parse(text)
    except json_text.JsonError as error:
        raise LoadError(path, str(error)) from error
    return from_document(raw, path, catalog, safe_text=text_is_safe(text))


def from_document(
    raw: Any, path: str = "<design>", catalog: Registry = CATALOG, safe_text: bool = False
) -> Design:
    """Build a design from a parsed document, checking everything a file can get wrong
    (safe_text: raw was parsed from a text that check.text_is_safe())."""
    if not isinstance(raw, dict):
        raise LoadError(path, "is not an ArchCanvas design (the top level is not a JSON object)")
    check_document(raw, path, safe_text)
    if raw.get("format") != FORMAT_NAME:
        raise LoadError(
            path,
            f"is not an ArchCanvas design (format is {shown(repr(raw.get('format')), 60)}, "
            f"expected '{FORMAT_NAME}')",
            field="format",
        )
    version = raw.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise LoadError(path, f"has an invalid version {shown(repr(version), 60)}", field="version")
    if version > CURRENT_VERSION:
        raise LoadError(
            path,
            f"was written by a newer ArchCanvas (file version {version}; this build reads "
            f"versions up to {CURRENT_VERSION}). Update ArchCanvas to open it.",
            field="version",
        )
    try:
        raw = migrate(dict(raw))
    except KeyError as error:
        raise LoadError(path, str(error.args[0]), field="version") from error
    try:
        document = FileDoc.model_validate(raw)
    except ValidationError as error:
        raise _validation_error(path, raw, error) from error
    return _build(document.design, path, catalog)


def _build(doc: DesignDoc, path: str, catalog: Registry) -> Design:
    seen: set[str] = set()
    for kind_name, items in (("node", doc.nodes), ("edge", doc.edges)):
        for item in items:
            if item.id in seen:
                raise LoadError(
                    path, "duplicate id", element=f"{kind_name} '{item.id}'", field="id"
                )
            seen.add(item.id)
    node_ids = {n.id for n in doc.nodes}
    nodes = [_node(n, path, catalog) for n in doc.nodes]
    for node in nodes:
        if node.parent is not None and node.parent not in node_ids:
            raise LoadError(
                path,
                f"parent '{node.parent}' is not a node of this design",
                element=f"node '{node.id}'",
                field="parent",
            )
    _check_containment_cycles(nodes, path)
    edges = [_edge(e, node_ids, path) for e in doc.edges]

    design = Design(doc.name, doc.description, doc.profile, catalog)
    if doc.imported is not None:
        design.imported = ImportedTemplate(
            sections=doc.imported.sections,
            source=doc.imported.source,
            inferred_edges=frozenset(doc.imported.inferred_edges),
            implicit_nodes=frozenset(doc.imported.implicit_nodes),
        )
    by_id = {n.id: n for n in nodes}
    added: set[str] = set()
    for node in nodes:
        _add_with_parents(design, node, by_id, added)
    design.restore_order([n.id for n in nodes], [])
    for edge in edges:
        design.add_edge(edge)
    for number, waiver in enumerate(doc.waivers, start=1):
        if design.waiver(waiver.key) is not None:
            raise LoadError(
                path,
                f"a second waiver of {waiver.rule} for the same elements",
                element=f"waiver #{number}",
                field="elements",
            )
        design.add_waiver(waiver)
    design.review = doc.review
    return design


def _add_with_parents(design: Design, node: Node, by_id: dict[str, Node], added: set[str]) -> None:
    """Add node after its containers; iterative, so deep nesting cannot overflow the stack."""
    chain: list[Node] = []
    current: Node | None = node
    while current is not None and current.id not in added:
        chain.append(current)
        current = by_id[current.parent] if current.parent is not None else None
    for item in reversed(chain):
        design.add_node(item)
        added.add(item.id)


def _check_containment_cycles(nodes: Sequence[Node], path: str) -> None:
    """Refuse parents that lead back to a node (each node has one parent, so walk the chains)."""
    parents = {n.id: n.parent for n in nodes}
    settled: set[str] = set()
    for node in nodes:
        chain: dict[str, None] = {}
        current: str | None = node.id
        while current is not None and current not in settled and current not in chain:
            chain[current] = None
            current = parents.get(current)
        if current is not None and current in chain:
            members = list(chain)[list(chain).index(current) :]
            looped = " -> ".join([*members, current])
            raise LoadError(
                path, f"containment cycle: {looped}", element=f"node '{current}'", field="parent"
            )
        settled.update(chain)


def _node(doc: NodeDoc, path: str, catalog: Registry) -> Node:
    element = f"node '{doc.id}'"
    kind = catalog.resolve(doc.kind)
    if kind is None:
        suggestion = catalog.suggest(doc.kind)
        hint = f"; did you mean '{suggestion}'?" if suggestion else ""
        raise LoadError(path, f"unknown kind '{doc.kind}'{hint}", element=element, field="kind")
    model = catalog.get(kind).config_model
    try:
        config = _config(model, doc.config)
    except ValidationError as error:
        first = error.errors()[0]
        raise LoadError(
            path, _describe(first), element=element, field=_loc("config", first["loc"])
        ) from error
    size = Size(doc.size.w, doc.size.h) if doc.size else None
    placement = Placement(Point(doc.position.x, doc.position.y), size, doc.pinned)
    origin = (
        Origin(resources=doc.origin.resources, config=doc.origin.config) if doc.origin else None
    )
    return Node(doc.id, kind, doc.label, config, doc.parent, placement, origin)


def _edge(doc: EdgeDoc, node_ids: set[str], path: str) -> Edge:
    element = f"edge '{doc.id}'"
    for end_field in ("source", "target"):
        end = getattr(doc, end_field)
        if end not in node_ids:
            raise LoadError(
                path, f"'{end}' is not a node of this design", element=element, field=end_field
            )
    try:
        config = _config(EdgeConfig, doc.config)
    except ValidationError as error:
        first = error.errors()[0]
        raise LoadError(
            path, _describe(first), element=element, field=_loc("config", first["loc"])
        ) from error
    return Edge(doc.id, doc.source, doc.target, str(doc.relation), config, doc.label)


_Config = TypeVar("_Config", bound=BaseModel)
_DEFAULTS: dict[type[BaseModel], BaseModel] = {}
"""Each config model's instance for an empty config ({}), shared: configs are frozen, and
most connections and many nodes of a file have all defaults."""


def _config(model: type[_Config], data: dict[str, Any]) -> _Config:
    """The config a file's settings describe (text already checked); raises ValidationError."""
    if data:
        return model.model_validate(data, context=CHECKED_TEXT)
    found = _DEFAULTS.get(model)
    if found is None:
        found = _DEFAULTS[model] = model.model_validate(data, context=CHECKED_TEXT)
    return found  # type: ignore[return-value]


def _validation_error(path: str, raw: dict[str, Any], error: ValidationError) -> LoadError:
    first = error.errors()[0]
    element, loc = where(raw, first["loc"])
    return LoadError(path, _describe(first), element=element, field=_loc("", loc) or None)


_UNION_TAG = re.compile(r"^(int|float|str|bool|none|(literal|list|dict|tuple|function-\w+)\[.*\])$")


def _loc(prefix: str, loc: Sequence[int | str]) -> str:
    """A field path as users write it: config.selectors[0].namespace. Pydantic's names for the
    member of a union it tried (int, float, literal[...]) are not fields, so they are left out."""
    parts = [prefix] if prefix else []
    loc = list(loc)
    while len(loc) > 1 and isinstance(loc[-1], str) and _UNION_TAG.match(loc[-1]):
        loc.pop()
    for part in loc:
        if isinstance(part, int):
            parts[-1:] = [f"{parts[-1]}[{part}]"] if parts else [f"[{part}]"]
        else:
            parts.append(str(part))
    return ".".join(parts)


def _describe(error: Any) -> str:
    kind = error.get("type", "")
    if kind == "extra_forbidden":
        return "unknown field"
    if kind == "missing":
        return "required field is missing"
    shown = repr(error.get("input"))
    if len(shown) > 60:
        shown = shown[:57] + "..."
    return f"{error.get('msg', 'invalid value')} (got {shown})"


# ---- saving --------------------------------------------------------------------------------
def to_document(design: Design) -> dict[str, Any]:
    """The file's JSON document, keys in the contract's fixed order."""
    from model import APP_VERSION

    body: dict[str, Any] = {
        "name": design.name,
        "description": design.description,
        "profile": {
            "region": design.profile.region,
            "quotas": dict(sorted(design.profile.quotas.items())),
        },
        "nodes": [_node_document(n) for n in design.iter_nodes()],
        "edges": [_edge_document(e) for e in design.iter_edges()],
    }
    imported = design.imported
    if imported is not None:
        body["imported"] = {
            "sections": dict(imported.sections),
            "source": imported.source,
            "inferred_edges": sorted(e for e in imported.inferred_edges if design.has_edge(e)),
            "implicit_nodes": sorted(n for n in imported.implicit_nodes if design.has_node(n)),
        }
    body.update(_review_document(design))
    return {
        "format": FORMAT_NAME,
        "version": CURRENT_VERSION,
        "app_version": APP_VERSION,
        "design": body,
    }


def _review_document(design: Design) -> dict[str, Any]:
    """Waivers and review status, written only when the design has them, so designs
    without review data keep the files they always had."""
    document: dict[str, Any] = {}
    if design.waivers:
        document["waivers"] = [waiver.to_json() for waiver in design.waivers]
    if design.review is not None:
        document["review"] = design.review.model_dump()
    return document


def _number(value: float) -> float | int:
    return int(value) if float(value).is_integer() and abs(value) < 2**53 else value


def _config_document(config: Any) -> dict[str, Any]:
    values: dict[str, Any] = config.model_dump(mode="json", exclude_unset=True)
    ordered = {name: values[name] for name in type(config).model_fields if name in values}
    return {
        key: _number(value) if isinstance(value, float) else value for key, value in ordered.items()
    }


def _node_document(node: Node) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": node.id,
        "kind": node.kind,
        "label": node.label,
        "parent": node.parent,
        "position": {"x": _number(node.position.x), "y": _number(node.position.y)},
    }
    size = node.placement.size
    if size is not None:
        document["size"] = {"w": _number(size.w), "h": _number(size.h)}
    if node.placement.pinned:
        document["pinned"] = True
    document["config"] = _config_document(node.config)
    if node.origin is not None:
        document["origin"] = {
            "resources": {key: dict(value) for key, value in node.origin.resources.items()},
            "config": dict(node.origin.config),
        }
    return document


def _edge_document(edge: Edge) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": edge.id,
        "source": edge.source,
        "target": edge.target,
        "relation": edge.relation,
    }
    if edge.label:
        document["label"] = edge.label
    document["config"] = _config_document(edge.config)
    return document


def dumps(design: Design) -> str:
    """The file text: strict JSON in readable UTF-8 (see json_text.dump). Unsafe characters
    the model should never hold are written visibly, so a saved file always loads back."""
    return json_text.dump(visible_strings(to_document(design)))


def save_design(design: Design, path: str | os.PathLike[str]) -> None:
    """Write atomically: a temporary file beside the target, fsynced, renamed over it."""
    write_atomic(Path(path), dumps(design).encode("utf-8"))


def _remove_stale_temporaries(directory: Path, name: str) -> None:
    """Temporary files of earlier saves of this file that a kill left behind (ours by name:
    .NAME.XXXX.tmp); the save that just succeeded supersedes them."""
    for stale in directory.glob(f".{glob.escape(name)}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


def write_atomic(target: Path, data: bytes) -> None:
    """Replace target's contents all at once, or not at all. A symbolic link is followed, so
    the file it points at is written and the link stays; a device or folder is refused."""
    target = Path(target).resolve()
    if target.exists() and not target.is_file():
        raise OSError(
            errno.EISDIR if target.is_dir() else errno.EINVAL,
            "is not a regular file",
            str(target),
        )
    directory = target.parent
    fd, temporary = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if target.exists():
            os.chmod(temporary, target.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    _remove_stale_temporaries(directory, target.name)
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    finally:
        os.close(dir_fd)
