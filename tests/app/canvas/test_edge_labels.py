"""Connection labels keep off service icons and each other, shorten to the relation when
there is no room, and always show the full text in the tooltip."""

from __future__ import annotations

from PySide6.QtCore import QRectF

from app.canvas import geometry as geo
from model.commands import Connect
from model.config import EdgeConfig
from model.elements import Edge

from .conftest import add


def icon_rect(item) -> QRectF:
    return QRectF(item.x() + geo.ICON_LEFT, item.y() + geo.ICON_TOP, geo.ICON, geo.ICON)


def name_rect(item) -> QRectF:
    return QRectF(item.x() + 10, item.y() + geo.LABEL_TOP, geo.NODE_W - 20, 14)


def connect(document, edge_id, source, target, relation, **config) -> None:
    edge = Edge(edge_id, source, target, relation, EdgeConfig(**config))
    assert document.push(Connect(edge))


def test_fan_out_labels_keep_off_icons_and_each_other(canvas, document):
    scene, _view = canvas
    source = add(document, "aws.stepfunctions.state_machine", 0, 200)
    targets = [add(document, "aws.lambda", 320, 200 + dy) for dy in (-140, 0, 140, 280)]
    for index, target in enumerate(targets):
        connect(document, f"e-{index}", source, target, "invokes", expected_rps=100 + index)
    labels = [scene.edges[f"e-{index}"].label_rect() for index in range(len(targets))]
    for index, label in enumerate(labels):
        for other in labels[index + 1 :]:
            assert not label.intersects(other)
        for node_id in [source, *targets]:
            item = scene.nodes[node_id]
            assert not label.intersects(icon_rect(item)), (index, node_id)
            assert not label.intersects(name_rect(item)), (index, node_id)


def test_tight_connection_shows_the_relation_and_the_full_text_in_its_tooltip(canvas, document):
    scene, _view = canvas
    source = add(document, "aws.sqs.queue", 0, 0)
    target = add(document, "aws.lambda", 150, 0)
    connect(document, "e-1", source, target, "triggers", expected_rps=20, batch_size=10)
    item = scene.edges["e-1"]
    full = "triggers · 20 req/s"
    assert item.label_text() == "triggers"
    assert full in item.toolTip()
    assert "→" in item.toolTip()
    for node_id in (source, target):
        assert not item.label_rect().intersects(icon_rect(scene.nodes[node_id]))


def test_roomy_connection_shows_the_full_text(canvas, document):
    scene, _view = canvas
    source = add(document, "aws.sqs.queue", 0, 0)
    target = add(document, "aws.lambda", 500, 0)
    connect(document, "e-1", source, target, "triggers", expected_rps=20)
    item = scene.edges["e-1"]
    assert item.label_text() == "triggers · 20 req/s"
    assert not item.label_rect().intersects(icon_rect(scene.nodes[source]))


def test_level_connection_is_one_segment_with_its_full_label(canvas, document):
    scene, _view = canvas
    source = add(document, "aws.s3.bucket", 0, 0)
    target = add(document, "aws.lambda", 280, 0)
    connect(document, "e-1", source, target, "triggers", expected_rps=40)
    item = scene.edges["e-1"]
    assert item.label_text() == "triggers · 40 req/s"


def test_tight_labels_keep_the_event_type_before_the_relation() -> None:
    from app.canvas.items.edge_item import edge_texts
    from model.config import EdgeConfig
    from model.elements import Edge

    edge = Edge(
        "e1", "cdn", "auth", "triggers", EdgeConfig(event_type="viewer-request", expected_rps=800)
    )
    assert edge_texts(edge) == ["triggers · viewer-request · 800 req/s", "viewer-request"]
    plain = Edge("e2", "a", "b", "uses")
    assert edge_texts(plain) == ["uses"]


def test_a_long_connection_label_is_drawn_elided_and_keeps_its_setting(canvas, document):
    scene, _view = canvas
    source = add(document, "aws.cloudfront.distribution", 0, 200)
    target = add(document, "aws.lambda_edge", 420, 200)
    connect(document, "e-long", source, target, "triggers", event_type="viewer-request")
    from model.commands import SetEdgeConfig

    config = document.design.edge("e-long").config
    assert document.push(SetEdgeConfig("e-long", config, "x" * 1000))
    item = scene.edges["e-long"]
    drawn = item.label_text()
    assert len(drawn) < 80 and "…" in drawn and drawn.endswith("viewer-request")
    assert max(item.label_widths()) < 400
    item._update_tooltip()
    assert ("x" * 1000) in item.toolTip()
