"""Edits in the editor with text or numbers no file can hold (issue 8, classes 2 and 3):
the edit, its undo and redo never raise, and the design still saves and reloads."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from app.document import Document
from model.commands import Rename, SetConfig
from model.serialization.io import load_design

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "image-pipeline.archcanvas"


@pytest.fixture
def document(qapp) -> Document:
    return Document(load_design(EXAMPLE), EXAMPLE)


def test_a_lone_surrogate_typed_in_the_editor_pushes_undoes_redoes_and_saves(document, tmp_path):
    node_id = next(iter(document.design.iter_nodes())).id
    assert document.push(Rename(node_id, "resize \ud800 image"))
    shown = document.design.node(node_id).label
    assert "\ud800" not in shown and "\\ud800" in shown
    document.undo()
    document.redo()
    target = tmp_path / "out.archcanvas"
    document.save(target)
    assert load_design(target).node(node_id).label == shown


def test_a_non_finite_number_in_the_editor_is_refused_and_the_design_still_saves(
    document, tmp_path
):
    design = document.design
    function = next(
        n.id
        for n in design.iter_nodes()
        if n.kind == "aws.lambda" and hasattr(n.config, "package_size_mb")
    )
    before = design.node(function).config
    with pytest.raises(ValueError):
        document.push(SetConfig.field(design, function, "package_size_mb", math.nan))
    assert design.node(function).config == before
    target = tmp_path / "out.archcanvas"
    document.save(target)
    assert "NaN" not in target.read_text(encoding="utf-8")
