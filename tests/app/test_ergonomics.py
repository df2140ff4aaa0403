"""Editor ergonomics (issue 9): wording, counts, and the small things a daily user expects."""

from __future__ import annotations


def test_status_bar_counts_services_and_containers_apart(main_window):
    label = main_window.contents_label
    assert label.text() == "3 services, 1 container and 2 connections"
    main_window.scene.select_ids([e.id for e in main_window.document.design.iter_edges()][:1])
    main_window.edit_delete()
    assert label.text() == "3 services, 1 container and 1 connection"


def test_inspector_contents_use_plurals(main_window):
    main_window.scene.select_ids([])
    main_window.edit_select_all()
    heading = main_window.inspector.heading.text()
    assert heading == "3 services, 1 container and 2 connections selected"


def test_align_and_distribute_from_the_arrange_menu_are_one_undo_step(main_window):
    design = main_window.document.design
    ids = [n.id for n in design.iter_nodes() if not design.spec(n.id).is_container]
    assert len(ids) == 3
    main_window.scene.select_ids(ids)
    before = {i: design.node(i).position for i in ids}
    main_window.actions_by_name["align_left"].trigger()
    assert len({design.node(i).position.x for i in ids}) == 1
    assert main_window.document.stack.undo_text() == "Align left"
    main_window.edit_undo()
    main_window.actions_by_name["distribute_h"].trigger()
    xs = sorted(design.node(i).position.x for i in ids)
    assert abs((xs[1] - xs[0]) - (xs[2] - xs[1])) < 1
    assert main_window.document.stack.undo_text() == "Distribute horizontally"
    main_window.edit_undo()
    assert {i: design.node(i).position for i in ids} == before


def test_arrange_actions_need_a_selection(main_window):
    main_window.scene.select_ids([])
    assert not main_window.actions_by_name["align_left"].isEnabled()
    assert not main_window.actions_by_name["distribute_v"].isEnabled()


def _positions(design, ids):
    return [(design.node(i).position.x, design.node(i).position.y) for i in ids]


def test_successive_pastes_and_duplicates_never_land_on_each_other(main_window):
    design = main_window.document.design
    queue = next(n.id for n in design.iter_nodes() if n.kind == "aws.sqs.queue")
    main_window.scene.select_ids([queue])
    assert main_window.edit_copy()
    seen = set(_positions(design, [queue]))
    for _ in range(3):
        new = main_window.edit_paste()
        assert len(new) == 1
        position = _positions(design, new)[0]
        assert position not in seen
        seen.add(position)
    main_window.scene.select_ids([queue])
    duplicate = main_window.edit_duplicate()
    assert _positions(design, duplicate)[0] not in seen


def test_paste_at_a_point_over_a_container_puts_the_copy_inside(main_window):
    from PySide6.QtCore import QPointF

    design = main_window.document.design
    vpc = next(n.id for n in design.iter_nodes() if n.kind == "aws.vpc")
    queue = next(n.id for n in design.iter_nodes() if n.kind == "aws.sqs.queue")
    fn = next(n.id for n in design.iter_nodes() if n.kind == "aws.lambda")
    main_window.scene.select_ids([fn])
    main_window.edit_copy()
    inside = main_window.scene.containers[vpc].sceneBoundingRect().center()
    new = main_window.edit_paste(at=inside - QPointF(60, 50))
    assert design.node(new[0]).parent == vpc
    main_window.scene.select_ids([queue])
    main_window.edit_copy()
    far = main_window.scene.items_rect().bottomRight() + QPointF(400, 400)
    outside = main_window.edit_paste(at=far)
    assert design.node(outside[0]).parent is None
    assert abs(design.node(outside[0]).position.x - round(far.x())) < 1


def _menu_texts(menu):
    texts = []
    for action in menu.actions():
        if action.menu():
            texts.append(action.text())
            texts.extend(f"{action.text()}/{a.text()}" for a in action.menu().actions() if a.text())
        elif action.text():
            texts.append(action.text().replace("&", ""))
    return texts


def _right_click(window, scene_point):
    window.context_menu_headless = True
    return window._canvas_context_menu(window.view.mapFromScene(scene_point))


def test_context_menus_offer_what_applies_where_clicked(main_window):
    design = main_window.document.design
    scene = main_window.scene
    queue = next(n.id for n in design.iter_nodes() if n.kind == "aws.sqs.queue")
    vpc = next(n.id for n in design.iter_nodes() if n.kind == "aws.vpc")
    node_menu = _right_click(main_window, scene.nodes[queue].sceneBoundingRect().center())
    texts = _menu_texts(node_menu)
    assert scene.selected_ids() == [queue]
    for wanted in ("Cut", "Copy", "Paste Here", "Duplicate", "Delete", "Rename", "Pin Selection"):
        assert wanted in texts, wanted
    assert "Same Size" not in texts and "Align" in texts

    frame = scene.containers[vpc].sceneBoundingRect()
    container_menu = _right_click(
        main_window, frame.topLeft() + (frame.bottomRight() - frame.topLeft()) * 0.05
    )
    assert scene.selected_ids() == [vpc]
    assert "Same Size" in _menu_texts(container_menu)

    edge = next(iter(design.iter_edges()))
    edge_item = scene.edges[edge.id]
    point = edge_item.mapToScene(edge_item._path.pointAtPercent(0.5))
    edge_menu = _menu_texts(_right_click(main_window, point))
    assert "Delete" in edge_menu and "Rename" in edge_menu and "Cut" not in edge_menu

    from PySide6.QtCore import QPointF

    empty = scene.items_rect().bottomRight() + QPointF(300, 300)
    canvas_menu = _menu_texts(_right_click(main_window, empty))
    assert scene.selected_ids() == []
    assert {"Paste Here", "Select All", "Auto Layout", "Fit Design"} <= set(canvas_menu)


def test_extensions_register_their_own_entries(main_window):
    from app import context_menus

    ran = []
    entry = context_menus.register(
        context_menus.MenuEntry(
            "Do It", frozenset({"node"}), run=lambda c: ran.append(c.element_id), group="review"
        )
    )
    try:
        queue = next(
            n.id for n in main_window.document.design.iter_nodes() if n.kind == "aws.sqs.queue"
        )
        menu = _right_click(
            main_window, main_window.scene.nodes[queue].sceneBoundingRect().center()
        )
        action = next(a for a in menu.actions() if a.text() == "Do It")
        action.trigger()
        assert ran == [queue]
    finally:
        context_menus.ENTRIES.remove(entry)


def test_f2_edits_a_label_in_place_as_one_undo_step(main_window, qtbot):
    from PySide6.QtCore import Qt

    design = main_window.document.design
    queue = next(n.id for n in design.iter_nodes() if n.kind == "aws.sqs.queue")
    main_window.scene.select_ids([queue])
    main_window.actions_by_name["rename"].trigger()
    editor = main_window.label_editor
    assert editor is not None and editor.text() == "Jobs" and editor.isVisible()
    qtbot.keyClicks(editor, "Orders queue")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert design.node(queue).label == "Orders queue"
    assert main_window.document.stack.undo_text().startswith("Rename")
    main_window.edit_undo()
    assert design.node(queue).label == "Jobs"


def test_escape_cancels_in_place_editing_and_double_click_starts_it(main_window, qtbot):
    from PySide6.QtCore import Qt

    design = main_window.document.design
    queue = next(n.id for n in design.iter_nodes() if n.kind == "aws.sqs.queue")
    main_window.scene.node_activated.emit(queue)
    editor = main_window.label_editor
    assert editor is not None
    qtbot.keyClicks(editor, "nope")
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert design.node(queue).label == "Jobs"


def _focus(qtbot, window, field) -> None:
    """Give field the keyboard focus; on a real X server the window must be active first."""
    window.activateWindow()
    window.raise_()
    qtbot.waitUntil(window.isActiveWindow)
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)


def test_ctrl_z_in_an_inspector_field_with_no_own_history_undoes_the_design(main_window, qtbot):
    from PySide6.QtCore import Qt

    from model.commands import Rename

    design = main_window.document.design
    queue = next(n.id for n in design.iter_nodes() if n.kind == "aws.sqs.queue")
    main_window.scene.select_ids([queue])
    main_window.push(Rename(queue, "Renamed"))
    field = main_window.inspector.label_editor.line
    _focus(qtbot, main_window, field)
    assert not field.isUndoAvailable()
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert design.node(queue).label == "Jobs"


def test_ctrl_z_in_a_field_with_its_own_typing_undoes_the_typing_first(main_window, qtbot):
    from PySide6.QtCore import Qt

    main_window.scene.select_ids([])
    field = main_window.inspector.name_edit
    _focus(qtbot, main_window, field)
    qtbot.keyClicks(field, "xy")
    depth = main_window.document.stack.depth
    qtbot.keyClick(field, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert main_window.document.stack.depth == depth
    assert field.text() != "Samplexy"


def test_findings_banner_waits_for_the_release_so_format_click_is_not_lost(main_window, qtbot):
    from PySide6.QtCore import QPoint, Qt
    from PySide6.QtTest import QTest

    from model.commands import AddNode, SetConfig
    from model.design import new_node
    from model.elements import Point

    document = main_window.document
    node = new_node(document.design, "aws.stepfunctions.state_machine", Point(900, 400))
    main_window.push(AddNode(node))
    main_window.scene.select_ids([node.id])
    inspector = main_window.inspector
    editor = next(e for e in inspector.editors.values() if hasattr(e, "editor"))
    button = editor.editor.format_button
    button.show()
    qtbot.waitUntil(button.isVisible)
    before = button.mapTo(inspector, QPoint(0, 0))
    clicks = []
    button.clicked.connect(lambda: clicks.append(1))
    banner_was = inspector.findings_box.isVisible()
    QTest.mousePress(button, Qt.MouseButton.LeftButton, pos=button.rect().center())
    broken = {"Comment": "no StartAt", "States": {}}
    main_window.push(SetConfig.field(document.design, node.id, "definition", broken))
    qtbot.wait(80)
    assert button.mapTo(inspector, QPoint(0, 0)) == before
    QTest.mouseRelease(button, Qt.MouseButton.LeftButton, pos=button.rect().center())
    assert clicks == [1]
    qtbot.waitUntil(lambda: inspector.findings_box.isVisible() or banner_was)
    assert inspector.element_findings()


def test_region_row_says_where_the_region_comes_from(main_window):
    from model.commands import AddNode, Reparent
    from model.design import new_node
    from model.elements import Point

    design = main_window.document.design
    queue = next(n.id for n in design.iter_nodes() if n.kind == "aws.sqs.queue")
    main_window.scene.select_ids([queue])
    row = main_window.inspector.findChild(type(main_window.inspector.heading), "regionRow")
    assert row.text() == f"{design.profile.region}  ·  from the account profile"
    region = new_node(design, "aws.region", Point(2000, 0), config={"name": "eu-west-1"})
    main_window.push(AddNode(region))
    fn = new_node(design, "aws.lambda", Point(2040, 60), parent=region.id)
    main_window.push(AddNode(fn))
    main_window.scene.select_ids([fn.id])
    row = main_window.inspector.findChild(type(main_window.inspector.heading), "regionRow")
    assert row.text().startswith("eu-west-1  ·  from Region ")
    assert "region" not in main_window.inspector.editors
    assert Reparent


def test_connection_fields_that_do_not_apply_are_hidden_and_hints_show_in_the_banner(main_window):
    from model.commands import AddNode, Connect
    from model.design import new_node
    from model.elements import Edge, Point

    design = main_window.document.design
    cdn = new_node(design, "aws.cloudfront.distribution", Point(2000, 0))
    main_window.push(AddNode(cdn))
    fn = new_node(design, "aws.lambda_edge", Point(2300, 0))
    main_window.push(AddNode(fn))
    edge = Edge(design.new_edge_id(), cdn.id, fn.id, "triggers")
    main_window.push(Connect(edge))
    main_window.scene.select_ids([edge.id])
    editors = main_window.inspector.editors
    assert "event_type" in editors
    assert "batch_size" not in editors and "batching_window_s" not in editors
    assert "integration_pattern" not in editors
    main_window.scene.select_ids([fn.id])
    texts = [label.text() for label in main_window.inspector.findings_box.labels]
    assert texts and any("\nHint: " in text for text in texts)


def test_focus_canvas_hides_every_dock_and_brings_them_back(main_window):
    docks = [main_window.palette_dock, main_window.inspector_dock, main_window.findings_dock]
    action = main_window.actions_by_name["focus_canvas"]
    action.trigger()
    assert not any(d.isVisible() for d in docks)
    action.trigger()
    assert all(d.isVisible() for d in docks)


def test_small_window_keeps_most_of_the_width_for_the_canvas(main_window, qtbot):
    main_window.resize(1024, 700)
    qtbot.wait(50)
    assert main_window.view.width() >= 520, main_window.view.width()
    assert main_window.findings_dock.height() <= 700 // 4


def test_new_design_shows_an_empty_canvas_hint_until_the_first_element(main_window, qtbot):
    from app.document import Document

    hint = main_window.empty_hint
    assert not hint.isVisible()
    main_window.set_document(Document())
    qtbot.waitUntil(hint.isVisible)
    assert "Drag a service" in hint.text()
    main_window.add_palette_entry("aws.lambda")
    assert not hint.isVisible()


def test_getting_started_opens_the_example_at_its_first_finding(main_window, monkeypatch, qtbot):
    from PySide6.QtWidgets import QMessageBox

    def accept_tour(box):
        box.setProperty("shown", True)
        tour = next(b for b in box.buttons() if "Tour" in b.text())
        monkeypatch.setattr(box, "clickedButton", lambda: tour)
        return 0

    monkeypatch.setattr(QMessageBox, "exec", accept_tour)
    assert main_window.help_getting_started()
    assert main_window.document.path.name == "image-pipeline.archcanvas"
    qtbot.waitUntil(lambda: main_window.findings.current_finding() is not None)
    tour = main_window.tour
    findings = main_window.findings.visible_findings()
    assert tour.isVisible() and len(findings) >= 2
    assert tour.title.text().startswith("<b>Finding 1 of ")
    assert findings[0].message.split("“")[0] in tour.text.text()
    assert not tour.back.isEnabled()
    assert tour.text.height() >= tour.text.heightForWidth(tour.text.width()), "text not clipped"
    view = main_window.view
    box = view.mapFromScene(main_window.scene.rect_of(main_window.scene.selected_ids()))
    box = box.boundingRect().translated(view.viewport().pos())
    assert tour.parentWidget() is view
    assert not box.intersects(tour.geometry()), "the card never hides the finding's element"
    view.horizontalScrollBar().setValue(view.horizontalScrollBar().value() + 200)
    assert view.viewport().geometry().contains(tour.geometry()), "it does not scroll away"
    tour.next.click()
    workflow = main_window.tabs.current_workflow()
    if workflow is not None:  # the finding opened its workflow: the card follows it there
        assert tour.isVisible() and tour.parentWidget() is workflow.view
    assert main_window.findings.current_finding() == findings[1]
    assert set(main_window.scene.selected_ids()) & set(findings[1].elements)
    tour.close_button.click()
    assert not tour.isVisible()


def test_bring_to_front_and_send_to_back_restack_as_one_undo_step(main_window):
    design = main_window.document.design
    scene = main_window.scene
    services = [n.id for n in design.iter_nodes() if not design.spec(n.id).is_container]
    first, last = services[0], services[-1]
    assert scene.nodes[first].zValue() < scene.nodes[last].zValue()
    scene.select_ids([first])
    menu = _right_click(main_window, scene.nodes[first].sceneBoundingRect().center())
    assert {"Bring to Front", "Send to Back"} <= set(_menu_texts(menu))
    main_window.actions_by_name["bring_to_front"].trigger()
    assert scene.nodes[first].zValue() > scene.nodes[last].zValue()
    assert [n.id for n in design.iter_nodes()][-1] == first
    assert main_window.document.stack.undo_text() == "Bring to Front"
    main_window.document.undo()
    assert scene.nodes[first].zValue() < scene.nodes[last].zValue()
    scene.select_ids([last])
    main_window.actions_by_name["send_to_back"].trigger()
    assert scene.nodes[last].zValue() < scene.nodes[first].zValue()
    assert scene.nodes[last].zValue() > max(item.zValue() for item in scene.edges.values()), (
        "a service sent to the back stays above connections"
    )


def test_open_aws_documentation_opens_the_kinds_page(main_window, monkeypatch):
    from PySide6.QtGui import QDesktopServices

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    design = main_window.document.design
    queue = next(n.id for n in design.iter_nodes() if n.kind == "aws.sqs.queue")
    menu = _right_click(main_window, main_window.scene.nodes[queue].sceneBoundingRect().center())
    action = next(a for a in menu.actions() if a.text() == "Open AWS Documentation")
    action.trigger()
    assert opened == [design.spec(queue).docs_url]
    assert opened[0].startswith("https://docs.aws.amazon.com/") and "SQS" in opened[0]


def test_every_aws_kind_links_its_documentation():
    from model.catalog import CATALOG, GENERIC_KIND

    for spec in CATALOG:
        if spec.annotation or spec.id == GENERIC_KIND:
            assert not spec.docs_url
        else:
            assert spec.docs_url.startswith("https://docs.aws.amazon.com/"), spec.id


def test_findings_list_context_menu_comes_from_the_registry(main_window, monkeypatch):
    from app import context_menus
    from model.commands import SetConfig

    design = main_window.document.design
    main_window.document.push(SetConfig.field(design, "handler-1", "timeout_s", 1200))
    finding = next(f for f in main_window.document.findings if f.rule == "LAMBDA_TIMEOUT_MAX")
    main_window.context_menu_headless = True
    texts = _menu_texts(main_window._finding_context_menu(finding))
    assert {"Show in Design", "Waive Finding…", "Add Note", "Copy Message"} <= set(texts)
    waived = []
    monkeypatch.setattr(main_window, "waive_finding", lambda f: waived.append(f))
    menu = main_window._finding_context_menu(finding)
    next(a for a in menu.actions() if a.text() == "Waive Finding…").trigger()
    assert waived == [finding]
    entry = context_menus.register(
        context_menus.MenuEntry("Explain", context_menus.FINDING, run=lambda c: None)
    )
    try:
        assert "Explain" in _menu_texts(main_window._finding_context_menu(finding))
    finally:
        context_menus.ENTRIES.remove(entry)
    point = main_window.findings.table.visualRect(main_window.findings.proxy.index(0, 2)).center()
    requested = []
    main_window.findings.context_menu_requested.connect(lambda f, _p: requested.append(f))
    main_window.findings._context_menu(point)
    assert requested and requested[0] == main_window.findings.current_finding()


def test_inspector_hides_settings_that_do_not_apply_to_the_variant(main_window, qtbot):
    from model.commands import AddNode, SetConfig
    from model.design import new_node
    from model.elements import Point

    design = main_window.document.design
    service = new_node(design, "aws.ecs.service", Point(3000, 0))
    main_window.push(AddNode(service))
    main_window.scene.select_ids([service.id])
    inspector = main_window.inspector
    assert all(inspector.is_field_shown(n) for n in ("platform_version", "fargate_spot"))
    launch = inspector.editors["launch_type"].widget
    launch.setFocus()
    main_window.push(SetConfig.field(design, service.id, "launch_type", "EC2"))
    assert not inspector.is_field_shown("platform_version")
    assert not inspector.is_field_shown("fargate_spot") and inspector.is_field_shown("network_mode")
    assert inspector.editors["launch_type"].widget is launch, "hidden in place, not rebuilt"
    main_window.document.undo()
    assert inspector.is_field_shown("platform_version")


def test_a_setting_that_does_not_apply_stays_visible_while_it_holds_a_value(main_window):
    from model.commands import AddNode
    from model.design import new_node
    from model.elements import Point

    design = main_window.document.design
    fn = new_node(
        design, "aws.lambda", Point(3000, 0), config={"package_type": "image", "layers": ["x"]}
    )
    main_window.push(AddNode(fn))
    main_window.scene.select_ids([fn.id])
    inspector = main_window.inspector
    assert not inspector.is_field_shown("runtime")
    assert inspector.is_field_shown("layers") and inspector.is_field_shown("memory_mb")


def test_tab_walks_the_selection_through_the_design_then_leaves_the_canvas(main_window, qtbot):
    from PySide6.QtCore import Qt

    main_window.activateWindow()
    qtbot.waitUntil(main_window.isActiveWindow)
    view = main_window.view
    view.setFocus()
    qtbot.waitUntil(view.hasFocus)
    order = [n.id for n in main_window.document.design.iter_nodes()]
    main_window.scene.select_ids([])
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert main_window.scene.selected_ids() == [order[0]]
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert main_window.scene.selected_ids() == [order[1]]
    qtbot.keyClick(view, Qt.Key.Key_Backtab, Qt.KeyboardModifier.ShiftModifier)
    assert main_window.scene.selected_ids() == [order[0]]
    main_window.scene.select_ids([order[-1]])
    qtbot.keyClick(view, Qt.Key.Key_Tab)
    assert main_window.scene.selected_ids() == []
    assert not view.hasFocus(), "past the last element Tab moves focus on"


def test_file_new_clears_what_was_said_about_the_previous_design(main_window):
    from app.document import Document

    main_window.statusBar().showMessage("about the old design")
    main_window.set_document(Document())
    assert main_window.statusBar().currentMessage() == ""
    assert main_window.overview._image_rect.width() == 800 + 2 * 60  # the empty canvas


def test_inspector_fits_its_panel_on_small_screens(main_window, qtbot):
    fn = "handler-1"
    for size in ((1280, 720), (1024, 768)):
        main_window.resize(*size)
        qtbot.wait(50)
        main_window.scene.select_ids([])
        main_window.scene.select_ids([fn])
        qtbot.wait(10)
        inspector = main_window.inspector
        needed = inspector.body.minimumSizeHint().width()
        assert needed <= inspector.scroll_area.viewport().width(), (size, needed)
        assert main_window.view.width() >= 480, size
