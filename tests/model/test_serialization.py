"""Saving and loading: identity round trips, byte-stable and atomic saves, the file contract."""

from __future__ import annotations

import difflib
import json
import os
from pathlib import Path

import pytest

from model import APP_VERSION
from model.catalog import CATALOG
from model.commands import SetConfig, UndoStack
from model.design import Design, new_node
from model.elements import Edge, Point, Size
from model.profile import Profile
from model.serialization import (
    FORMAT_NAME,
    LoadError,
    dumps,
    from_document,
    load_design,
    loads,
    save_design,
    to_document,
    write_atomic,
)


def rich_design() -> Design:
    """One node of every kind, containers, pinned and sized nodes, labelled edges, quotas."""
    design = Design(
        "Every kind — ünïcode",
        "Line one\nline two",
        Profile(
            region="eu-west-1",
            quotas={"lambda_unreserved_minimum": 100, "lambda_concurrent_executions": 1000},
        ),
    )
    design.add_node(new_node(design, "aws.region", node_id="region", config={"name": "eu-west-1"}))
    design.add_node(new_node(design, "aws.vpc", node_id="vpc", parent="region"))
    design.add_node(new_node(design, "aws.subnet", node_id="private-a", parent="vpc"))
    for index, spec in enumerate(CATALOG):
        if spec.id in ("aws.region", "aws.vpc", "aws.subnet"):
            continue
        parent = "private-a" if design.can_contain("private-a", spec.id) else None
        node = new_node(design, spec.id, Point(index * 37.5, index * 11), parent=parent)
        design.add_node(node)
    design.add_node(
        new_node(
            design,
            "aws.lambda",
            Point(420, 160),
            "Resize images",
            "private-a",
            {"memory_mb": 1024, "timeout_s": 60, "layers": ["pillow"], "environment": {"A": "1"}},
            node_id="resize",
        )
    )
    design.set_pinned("resize", True)
    design.resize("resize", Size(120.5, 80))
    design.add_node(new_node(design, "aws.s3.bucket", node_id="uploads", label="Uploads"))
    config = type(Edge("x", "a", "b", "uses").config).model_validate({"expected_rps": 12.5})
    design.add_edge(Edge("e1", "uploads", "resize", "triggers", config, "on upload"))
    design.add_edge(Edge("e2", "resize", "uploads", "uses"))
    return design


# ---- round trips ------------------------------------------------------------------------------
def test_save_then_load_is_the_identity(tmp_path: Path) -> None:
    design = rich_design()
    path = tmp_path / "every-kind.archcanvas"
    save_design(design, path)
    loaded = load_design(path)
    assert dumps(loaded) == dumps(design)
    assert loaded.nodes == design.nodes
    assert loaded.edges == design.edges
    assert loaded.profile == design.profile
    assert (loaded.name, loaded.description) == (design.name, design.description)
    for node in design.nodes:
        assert loaded.children(node.id) == design.children(node.id)


def test_document_round_trip() -> None:
    design = rich_design()
    document = to_document(design)
    assert json.loads(json.dumps(document)) == document
    assert dumps(from_document(document)) == dumps(design)


def test_the_empty_design_round_trips() -> None:
    design = Design()
    assert design.is_empty()
    assert dumps(loads(dumps(design))) == dumps(design)


def test_saves_are_byte_stable(tmp_path: Path) -> None:
    design = rich_design()
    first, second = tmp_path / "a.archcanvas", tmp_path / "b.archcanvas"
    save_design(design, first)
    save_design(load_design(first), second)
    assert first.read_bytes() == second.read_bytes()
    save_design(load_design(second), second)
    assert first.read_bytes() == second.read_bytes()


def test_a_one_property_edit_is_a_one_line_diff() -> None:
    design = rich_design()
    before = dumps(design).splitlines()
    UndoStack(design).push(SetConfig.field(design, "resize", "memory_mb", 2048))
    after = dumps(design).splitlines()
    changed = [
        line
        for line in difflib.unified_diff(before, after, lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert [(line[0], line[1:].strip()) for line in changed] == [
        ("-", '"memory_mb": 1024,'),
        ("+", '"memory_mb": 2048,'),
    ]


def test_a_value_beyond_an_aws_limit_loads_and_saves_unchanged(tmp_path: Path) -> None:
    design = Design()
    design.add_node(new_node(design, "aws.lambda", node_id="big", config={"memory_mb": 20_000}))
    design.add_node(
        new_node(design, "aws.sqs.queue", node_id="q", config={"visibility_timeout_s": 10**9})
    )
    path = tmp_path / "big.archcanvas"
    save_design(design, path)
    text = path.read_text(encoding="utf-8")
    assert '"memory_mb": 20000' in text
    loaded = load_design(path)
    assert loaded.node("big").config.memory_mb == 20_000  # type: ignore[attr-defined]
    assert loaded.node("q").config.visibility_timeout_s == 10**9  # type: ignore[attr-defined]
    save_design(loaded, path)
    assert path.read_text(encoding="utf-8") == text


# ---- the file contract ------------------------------------------------------------------------
def test_keys_come_in_the_contract_order() -> None:
    document = to_document(rich_design())
    assert list(document) == ["format", "version", "app_version", "design"]
    assert document["format"] == FORMAT_NAME == "archcanvas"
    assert document["app_version"] == APP_VERSION
    assert list(document["design"]) == ["name", "description", "profile", "nodes", "edges"]
    assert list(document["design"]["profile"]) == ["region", "quotas"]
    assert list(document["design"]["profile"]["quotas"]) == [
        "lambda_concurrent_executions",
        "lambda_unreserved_minimum",
    ]
    resize = next(n for n in document["design"]["nodes"] if n["id"] == "resize")
    assert list(resize) == ["id", "kind", "label", "parent", "position", "size", "pinned", "config"]
    assert list(resize["config"]) == ["memory_mb", "timeout_s", "layers", "environment"]
    plain = next(n for n in document["design"]["nodes"] if n["id"] == "uploads")
    assert list(plain) == ["id", "kind", "label", "parent", "position", "config"]
    first_edge = document["design"]["edges"][0]
    assert list(first_edge) == ["id", "source", "target", "relation", "label", "config"]
    assert list(document["design"]["edges"][1]) == ["id", "source", "target", "relation", "config"]


def test_nodes_and_edges_keep_insertion_order() -> None:
    design = rich_design()
    document = to_document(design)
    assert [n["id"] for n in document["design"]["nodes"]] == [n.id for n in design.nodes]
    assert [e["id"] for e in document["design"]["edges"]] == ["e1", "e2"]


def test_defaults_are_not_written_and_whole_numbers_have_no_fraction() -> None:
    design = Design()
    design.add_node(new_node(design, "aws.lambda", Point(10.0, 2.5), node_id="f"))
    node = to_document(design)["design"]["nodes"][0]
    assert node["config"] == {}
    assert node["position"] == {"x": 10, "y": 2.5}
    assert '"x": 10,' in dumps(design)


def test_text_is_utf8_pretty_printed_with_a_final_newline(tmp_path: Path) -> None:
    design = rich_design()
    path = tmp_path / "d.archcanvas"
    save_design(design, path)
    raw = path.read_bytes()
    assert raw.endswith(b"}\n")
    assert "ünïcode".encode() in raw
    assert raw.decode("utf-8").startswith('{\n  "format": "archcanvas",\n  "version": 1,')


def test_the_example_in_the_contract_loads() -> None:
    example = {
        "format": "archcanvas",
        "version": 1,
        "app_version": "0.1.0",
        "design": {
            "name": "Image pipeline",
            "description": "free text",
            "profile": {
                "region": "eu-west-1",
                "quotas": {"lambda_concurrent_executions": 1000, "lambda_unreserved_minimum": 100},
            },
            "nodes": [
                {"id": "private-a", "kind": "aws.subnet", "position": {"x": 0, "y": 0}},
                {"id": "uploads", "kind": "aws.s3.bucket", "position": {"x": 0, "y": 0}},
                {
                    "id": "resize",
                    "kind": "aws.lambda",
                    "label": "Resize images",
                    "parent": "private-a",
                    "position": {"x": 420, "y": 160},
                    "config": {"memory_mb": 1024, "timeout_s": 60},
                },
            ],
            "edges": [
                {
                    "id": "e1",
                    "source": "uploads",
                    "target": "resize",
                    "relation": "triggers",
                    "config": {},
                }
            ],
        },
    }
    design = from_document(example, "example.archcanvas")
    assert design.node("resize").parent == "private-a"
    assert design.edge("e1").relation == "triggers"
    assert design.profile.quotas["lambda_concurrent_executions"] == 1000


def test_load_design_accepts_str_paths(tmp_path: Path) -> None:
    path = tmp_path / "d.archcanvas"
    save_design(rich_design(), str(path))
    assert dumps(load_design(str(path))) == dumps(rich_design())


# ---- atomic saves -----------------------------------------------------------------------------
def _listing(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir())


def test_a_failed_rename_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "design.archcanvas"
    save_design(rich_design(), path)
    old = path.read_bytes()

    def broken_replace(src: object, dst: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", broken_replace)
    changed = rich_design()
    changed.rename("resize", "Changed")
    with pytest.raises(OSError):
        save_design(changed, path)
    assert path.read_bytes() == old
    assert _listing(tmp_path) == ["design.archcanvas"]


def test_a_failed_write_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "design.archcanvas"
    save_design(rich_design(), path)
    old = path.read_bytes()

    def broken_fsync(fd: int) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken_fsync)
    with pytest.raises(OSError):
        save_design(Design("Other"), path)
    assert path.read_bytes() == old
    assert _listing(tmp_path) == ["design.archcanvas"]


def test_an_interrupted_save_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "new.archcanvas"

    def interrupted(src: object, dst: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(path, b"{}")
    assert _listing(tmp_path) == []


def test_a_save_keeps_the_file_mode(tmp_path: Path) -> None:
    path = tmp_path / "private.archcanvas"
    save_design(rich_design(), path)
    os.chmod(path, 0o600)
    save_design(Design("Changed"), path)
    assert path.stat().st_mode & 0o777 == 0o600
    assert load_design(path).name == "Changed"
    fresh = tmp_path / "fresh.archcanvas"
    save_design(Design(), fresh)
    assert fresh.stat().st_mode & 0o777 == 0o644


def test_saving_into_a_missing_folder_fails_cleanly(tmp_path: Path) -> None:
    with pytest.raises(OSError):
        save_design(Design(), tmp_path / "missing" / "d.archcanvas")
    assert _listing(tmp_path) == []


def test_a_failed_load_changes_nothing(tmp_path: Path) -> None:
    path = tmp_path / "bad.archcanvas"
    path.write_text('{"format": "archcanvas", "version": 1}', encoding="utf-8")
    before = path.read_bytes()
    with pytest.raises(LoadError):
        load_design(path)
    assert path.read_bytes() == before
    assert _listing(tmp_path) == ["bad.archcanvas"]


def test_save_through_a_symbolic_link_writes_the_linked_file(tmp_path) -> None:
    from model.design import Design
    from model.serialization import dumps, load_design, save_design

    real = tmp_path / "real" / "design.archcanvas"
    real.parent.mkdir()
    save_design(Design("Before"), real)
    link = tmp_path / "link.archcanvas"
    link.symlink_to(real)
    design = load_design(link)
    design.name = "After"
    save_design(design, link)
    assert link.is_symlink()
    assert real.read_text() == dumps(design)


def test_save_refuses_a_target_that_is_not_a_regular_file(tmp_path) -> None:
    import pytest

    from model.design import Design
    from model.serialization import save_design

    folder = tmp_path / "folder.archcanvas"
    folder.mkdir()
    with pytest.raises(OSError, match="is not a regular file"):
        save_design(Design(), folder)
    assert folder.is_dir() and not list(folder.iterdir())
    assert [p.name for p in tmp_path.iterdir()] == ["folder.archcanvas"]


def test_a_lone_surrogate_typed_into_a_label_is_kept_visible_and_saves(tmp_path) -> None:
    """The text policy: the model turns unsafe characters of an edit into visible escapes,
    so what is saved loads back equal, and a file holding them raw is refused."""
    from model.design import Design, new_node
    from model.serialization import LoadError, dumps, load_design, save_design

    design = Design("Odd text")
    design.add_node(new_node(design, "aws.lambda", label="pasted \ud800 text \u202e"))
    assert design.nodes[0].label == "pasted \\ud800 text \\u202e"
    path = tmp_path / "odd.archcanvas"
    save_design(design, path)
    again = load_design(path)
    assert dumps(again) == dumps(design)
    raw = path.read_text(encoding="utf-8").replace("\\\\ud800", "\\ud800")
    path.write_text(raw, encoding="utf-8")
    with pytest.raises(LoadError) as error:
        load_design(path)
    assert "field 'label'" in str(error.value) and "U+D800" in str(error.value)
