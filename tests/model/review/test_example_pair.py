"""The bundled review pair: the image pipeline and its revised version."""

from __future__ import annotations

from pathlib import Path

from model.review.diff import diff_designs
from model.serialization import load_design

EXAMPLES = Path(__file__).resolve().parents[3] / "examples"


def test_the_revised_pipeline_differs_in_every_way_a_review_needs() -> None:
    old = load_design(EXAMPLES / "image-pipeline.archcanvas")
    new = load_design(EXAMPLES / "image-pipeline-revised.archcanvas")
    diff = diff_designs(old, new)
    document = diff.to_json()
    assert "audit" in document["nodes"]["added"]
    assert document["nodes"]["removed"] == ["viewer-auth"]
    notes = [n for n in new.iter_nodes() if n.kind == "note"]
    assert len(notes) == 2 and all(n.id in document["nodes"]["added"] for n in notes)
    assert document["nodes"]["changed"]["resize"] == {"config.memory_mb": [1536, 2048]}
    renamed = document["nodes"]["changed"]["analyse"]
    assert renamed["config.definition.States.SaveResult.name"] == ["SaveResult", "RecordResult"]
    assert [w["rule"] for w in document["waivers"]["added"]] == ["SFN_EXPRESS_IDEMPOTENCY"]
    assert document["review"] == [None, "in review by ana on 2026-11-28"]
    assert (
        diff_designs(new, load_design(EXAMPLES / "image-pipeline-revised.archcanvas")).semantic
        is False
    )
