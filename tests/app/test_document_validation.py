"""A document's live findings: a full validation on opening, then the validator's recording of
what rules read in idle time (IdlePreparer, owned by the window), so the first edit re-runs only
what it touches."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QTimer

from app.document import Document, IdlePreparer
from model.commands import SetConfig
from model.serialization.io import load_design

PREPARE_WAIT_MS = 500

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "common-mistakes.archcanvas"


def first_function(document: Document) -> str:
    return next(n.id for n in document.design.iter_nodes() if n.kind == "aws.lambda")


def prepared_idly(document: Document) -> IdlePreparer:
    preparer = IdlePreparer()
    preparer.follow(document)
    return preparer


def test_idle_time_prepares_the_validator_and_an_edit_then_reruns_only_what_it_touched(qtbot):
    document = Document(load_design(EXAMPLE), EXAMPLE)
    preparer = prepared_idly(document)
    assert document.findings and not document.validator.prepared
    qtbot.waitUntil(lambda: document.validator.prepared, timeout=5000)
    assert not preparer.pending
    node_id = first_function(document)
    assert document.push(SetConfig.field(document.design, node_id, "timeout_s", 901))
    run = document.validator.last_run
    assert not run.full and 0 < run.nodes < len(document.design.nodes)
    assert any(f.rule == "LAMBDA_TIMEOUT_MAX" and node_id in f.elements for f in document.findings)


def test_an_edit_before_the_idle_preparation_ends_is_still_validated_in_full(qtbot):
    from model.rules import validate

    document = Document(load_design(EXAMPLE), EXAMPLE)
    preparer = prepared_idly(document)
    node_id = first_function(document)
    assert document.push(SetConfig.field(document.design, node_id, "timeout_s", 901))
    assert document.validator.last_run.full and document.validator.prepared
    assert [f.to_json() for f in document.validator.findings()] == [
        f.to_json() for f in validate(document.design)
    ]
    assert not preparer.pending


def test_a_document_opened_without_validation_prepares_after_its_first_edit(qtbot):
    document = Document(load_design(EXAMPLE), EXAMPLE, validate=False)
    preparer = prepared_idly(document)
    qtbot.wait(50)
    assert not preparer.pending
    node_id = first_function(document)
    assert document.push(SetConfig.field(document.design, node_id, "timeout_s", 901))
    assert preparer.pending
    qtbot.waitUntil(lambda: document.validator.prepared, timeout=5000)


def test_a_document_owns_no_timer_so_an_unreferenced_one_never_fires_into_the_collector(qtbot):
    documents = [Document(load_design(EXAMPLE), EXAMPLE) for _ in range(3)]
    assert all(not d.findChildren(QTimer) and not d.findChildren(QObject) for d in documents)
    qtbot.wait(PREPARE_WAIT_MS)
    assert not any(d.validator.prepared for d in documents)


def test_the_window_prepares_the_document_it_shows_and_the_next_one_it_is_given(qtbot, main_window):
    window = main_window
    qtbot.waitUntil(lambda: window.document.validator.prepared, timeout=5000)
    following = Document(load_design(EXAMPLE), EXAMPLE)
    window.set_document(following)
    assert not following.validator.prepared
    qtbot.waitUntil(lambda: following.validator.prepared, timeout=5000)
    assert not window.preparer.pending
