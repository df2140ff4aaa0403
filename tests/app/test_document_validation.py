"""A document's live findings: a full validation on opening, then the validator's recording of
what rules read in idle time, so the first edit re-runs only what it touches."""

from __future__ import annotations

from pathlib import Path

from app.document import Document
from model.commands import SetConfig
from model.serialization.io import load_design

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "common-mistakes.archcanvas"


def first_function(document: Document) -> str:
    return next(n.id for n in document.design.iter_nodes() if n.kind == "aws.lambda")


def test_idle_time_prepares_the_validator_and_an_edit_then_reruns_only_what_it_touched(qtbot):
    document = Document(load_design(EXAMPLE), EXAMPLE)
    assert document.findings and not document.validator.prepared
    qtbot.waitUntil(lambda: document.validator.prepared, timeout=5000)
    assert not document._preparer.isActive()
    node_id = first_function(document)
    assert document.push(SetConfig.field(document.design, node_id, "timeout_s", 901))
    run = document.validator.last_run
    assert not run.full and 0 < run.nodes < len(document.design.nodes)
    assert any(f.rule == "LAMBDA_TIMEOUT_MAX" and node_id in f.elements for f in document.findings)


def test_an_edit_before_the_idle_preparation_ends_is_still_validated_in_full(qtbot):
    from model.rules import validate

    document = Document(load_design(EXAMPLE), EXAMPLE)
    node_id = first_function(document)
    assert document.push(SetConfig.field(document.design, node_id, "timeout_s", 901))
    assert document.validator.last_run.full and document.validator.prepared
    assert [f.to_json() for f in document.validator.findings()] == [
        f.to_json() for f in validate(document.design)
    ]
    assert not document._preparer.isActive()


def test_a_document_opened_without_validation_prepares_after_its_first_edit(qtbot):
    document = Document(load_design(EXAMPLE), EXAMPLE, validate=False)
    assert not document._preparer.isActive()
    node_id = first_function(document)
    assert document.push(SetConfig.field(document.design, node_id, "timeout_s", 901))
    assert document._preparer.isActive()
    qtbot.waitUntil(lambda: document.validator.prepared, timeout=5000)
