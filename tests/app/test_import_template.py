"""File ▸ Import… and opening a template from the command line: an untitled design with the
import report in the findings panel."""

from __future__ import annotations

from pathlib import Path

from app.document_io import load_document

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "cfn"


def test_import_opens_an_untitled_design_with_the_report_as_info_findings(main_window):
    assert main_window.import_path(FIXTURES / "generic-heavy.yaml")
    document = main_window.document
    assert document.path is None
    labels = {n.label for n in document.design.iter_nodes()}
    assert {"DataKey", "Reader", "Users"} <= labels
    notes = [f for f in document.findings if f.rule.startswith("IMPORT")]
    assert notes[0].rule == "IMPORT" and "generic-heavy.yaml" in notes[0].message
    generic = [f for f in notes if f.rule == "IMPORT_GENERIC"]
    assert any("DataKey (AWS::KMS::Key)" in f.message for f in generic)
    assert all(f.severity == "info" for f in notes)
    assert main_window.scene.items()


def test_a_bad_template_shows_why_and_keeps_the_current_design(main_window, message_boxes):
    document = main_window.document
    assert not main_window.import_path(FIXTURES / "bad" / "circular-ref.yaml")
    assert main_window.document is document
    kind, text = message_boxes.calls[-1]
    assert "circular reference" in text and "circular-ref.yaml:2" in text


def test_file_menu_has_import(main_window):
    file_menu = main_window.menuBar().actions()[0].menu()
    texts = [a.text().replace("&", "") for a in file_menu.actions()]
    assert "Import…" in texts


def test_opening_a_template_path_imports_it(qtbot):
    document = load_document(FIXTURES / "ecs-fargate-alb.yaml")
    assert document.path is None
    assert any(n.kind == "aws.ecs.service" for n in document.design.iter_nodes())
