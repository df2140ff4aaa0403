"""The palette lists the whole catalog, filters as you type, drags and adds entries."""

from __future__ import annotations

from app.palette import PALETTE_MIME, Palette, palette_entries
from model.catalog import CATALOG


def test_lists_every_kind_and_preset_by_category(qtbot):
    palette = Palette()
    qtbot.addWidget(palette)
    keys = set(palette.visible_keys())
    assert {spec.id for spec in CATALOG} <= keys
    assert "preset:fargate" in keys
    for category, group in palette.groups.items():
        for i in range(group.childCount()):
            key = group.child(i).data(0, 257)
            entry = next(e for e in palette_entries() if e.key == key)
            assert entry.category == category


def test_search_filters_names_descriptions_and_aliases(qtbot):
    palette = Palette()
    qtbot.addWidget(palette)
    qtbot.keyClicks(palette.search, "lambda")
    shown = palette.visible_keys()
    assert "aws.lambda" in shown
    assert "aws.sqs.queue" not in shown
    assert len(shown) < len(palette.entries)
    by_key = {e.key: e for e in palette.entries}
    assert all(by_key[key].matches("lambda") for key in shown)

    palette.search.clear()
    qtbot.keyClicks(palette.search, "fargate")
    assert "preset:fargate" in palette.visible_keys()
    assert "aws.lambda" not in palette.visible_keys()

    palette.search.clear()
    qtbot.keyClicks(palette.search, "no such service xyz")
    assert palette.visible_keys() == []
    assert all(group.isHidden() for group in palette.groups.values())

    palette.search.clear()
    assert len(palette.visible_keys()) == len(palette.entries)


def test_alias_search(qtbot):
    spec = next(s for s in CATALOG if s.aliases)
    palette = Palette()
    qtbot.addWidget(palette)
    palette.filter(spec.aliases[0])
    assert spec.id in palette.visible_keys()


def test_drag_payload(qtbot):
    palette = Palette()
    qtbot.addWidget(palette)
    mime = palette.tree.mimeData([palette.items["preset:fargate"]])
    assert bytes(mime.data(PALETTE_MIME).data()) == b"preset:fargate"
    mime = palette.tree.mimeData([palette.items["aws.lambda"]])
    assert bytes(mime.data(PALETTE_MIME).data()) == b"aws.lambda"


def test_double_click_adds_at_view_centre(qtbot, main_window):
    design = main_window.document.design
    before = {n.id for n in design.nodes}
    item = main_window.palette_panel.items["preset:fargate"]
    main_window.palette_panel.tree.itemDoubleClicked.emit(item, 0)
    added = [n for n in design.nodes if n.id not in before]
    assert len(added) == 1
    node = added[0]
    assert node.kind == "aws.ecs.service" and node.config.launch_type == "FARGATE"
    centre = main_window.view.mapToScene(main_window.view.viewport().rect().center())
    assert abs(node.position.x - centre.x()) < 200 and abs(node.position.y - centre.y()) < 200
    assert main_window.scene.selected_ids() == [node.id]
    main_window.document.undo()
    assert not design.has_node(node.id)


def test_enter_in_search_adds_first_match(qtbot, main_window):
    design = main_window.document.design
    count = len(design.nodes)
    main_window.palette_panel.search.setText("sqs")
    main_window.palette_panel.search.returnPressed.emit()
    assert len(design.nodes) == count + 1
    assert design.nodes[-1].kind == "aws.sqs.queue"
