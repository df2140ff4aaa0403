"""The router on small purpose-built layouts: each kind of overlap the diagrams must not
have, and routes that depend on the shapes alone, never on the order of edits."""

from __future__ import annotations

from model.routing import Box, LabelPlacer, Link, Port, Router, Shape
from model.routing.quality import measure

ICON = 56.0


def node(node_id: str, x: float, y: float) -> Shape:
    """A service drawn like the canvas draws one: icon at (x, y), name under it."""
    icon = Box(x, y, x + ICON, y + ICON)
    name = Box(x - 20, y + ICON + 6, x + ICON + 20, y + ICON + 21)
    cx, cy = x + ICON / 2, y + ICON / 2
    ports = {
        "left": Port(x - 7, cy, y + 6, y + ICON - 6),
        "right": Port(x + ICON + 7, cy, y + 6, y + ICON - 6),
        "top": Port(cx, y - 7, x + 6, x + ICON - 6),
        "bottom": Port(cx, name.bottom + 7, x + 6, x + ICON - 6),
    }
    return Shape(node_id, icon, ports, (icon, name))


def group(group_id: str, x: float, y: float, w: float, h: float) -> Shape:
    frame = Box(x, y, x + w, y + h)
    title = Box(x, y, x + 160, y + 30)
    ports = {
        "left": Port(x - 7, y + h / 2, y + 30, y + h - 6),
        "right": Port(x + w + 7, y + h / 2, y + 30, y + h - 6),
        "top": Port(x + max(w / 2, 180), y - 7, x + 166, x + w - 6),
        "bottom": Port(x + w / 2, y + h + 7, x + 6, x + w - 6),
    }
    return Shape(group_id, frame, ports, (title,), frame)


def routed(shapes: list[Shape], links: list[Link]) -> Router:
    router = Router()
    for shape in shapes:
        router.set_shape(shape)
    for link in links:
        router.add_link(link)
    router.update()
    return router


def quality(router: Router, labels: LabelPlacer | None = None):
    placed = {}
    if labels is not None:
        placed = {k: v[1] for k in router.links if (v := labels.label(k)) is not None}
    lanes = {link.id: f"{link.source}|{link.bundle}" for link in router.links.values()}
    return measure(router.shapes, router.routes(), lanes, placed)


def orthogonal(points) -> bool:
    return all(a[0] == b[0] or a[1] == b[1] for a, b in zip(points, points[1:], strict=False))


def test_a_route_goes_round_a_service_in_its_way():
    router = routed(
        [node("a", 0, 0), node("b", 200, 0), node("c", 400, 0)], [Link("e", "a", "c", "uses")]
    )
    points = router.route("e")
    assert orthogonal(points)
    assert len(points) > 2  # not the straight line through b
    assert quality(router).through_nodes == 0


def test_a_route_keeps_out_of_a_group_it_has_no_end_in_and_off_its_title():
    shapes = [node("a", 0, 100), group("g", 200, 0, 300, 300), node("c", 700, 100)]
    router = routed(shapes, [Link("e", "a", "c", "uses")])
    found = quality(router)
    assert found.wrong_frame_crossings == 0
    assert found.through_titles == 0
    assert len(router.route("e")) > 2


def test_a_route_into_a_group_crosses_its_frame_once_and_misses_the_title():
    shapes = [node("a", 0, 0), group("g", 200, -40, 400, 300), node("c", 450, 8)]
    router = routed(shapes, [Link("e", "a", "c", "uses")])
    found = quality(router)
    assert found.wrong_frame_crossings == 0
    assert found.through_titles == 0
    assert found.through_nodes == 0


def test_a_route_does_not_run_along_a_group_border():
    shapes = [node("a", 0, 0), group("g", -100, 78, 700, 200), node("c", 400, 0)]
    router = routed(shapes, [Link("e", "a", "c", "uses")])
    for a, b in zip(router.route("e"), router.route("e")[1:], strict=False):
        if a[1] == b[1]:
            assert abs(a[1] - 78) >= 8


def test_different_connections_on_one_line_are_separated():
    shapes = [node("a", 0, 0), node("b", 0, 200), node("c", 400, 100), node("d", 400, 300)]
    links = [Link("e1", "a", "d", "uses"), Link("e2", "b", "c", "uses")]
    router = routed(shapes, links)
    assert quality(router).shared_segments == 0


def test_a_fan_out_shares_its_trunk():
    shapes = [node("s", 0, 100), node("t1", 400, 0), node("t2", 400, 200)]
    links = [Link("e1", "s", "t1", "invokes"), Link("e2", "s", "t2", "invokes")]
    router = routed(shapes, links)
    assert router.route("e1")[0] == router.route("e2")[0]
    assert router.route("e1")[1] == router.route("e2")[1]


def test_fan_in_from_parallel_sources_is_separated_at_the_target():
    shapes = [node("a", 0, 0), node("b", 0, 40 + ICON), node("t", 400, 60)]
    links = [Link("e1", "a", "t", "uses"), Link("e2", "b", "t", "uses")]
    router = routed(shapes, links)
    assert quality(router).shared_segments == 0
    assert router.route("e1")[-1] != router.route("e2")[-1]


def _grid_design() -> tuple[list[Shape], list[Link]]:
    shapes = [node(f"n{i}", (i % 5) * 200, (i // 5) * 160) for i in range(20)]
    shapes.append(group("g", 180, 140, 420, 300))
    links = [Link(f"e{i}", f"n{i}", f"n{(i * 7 + 3) % 20}", "uses") for i in range(20)]
    return shapes, links


def test_routes_do_not_depend_on_the_order_of_edits():
    shapes, links = _grid_design()
    fresh = routed(shapes, links)
    edited = routed(list(reversed(shapes)), list(reversed(links)))
    assert edited.routes() == fresh.routes()
    edited.remove_link("e4")
    edited.remove_shape("n9")
    edited.update()
    edited.set_shape(shapes[9])
    for link in links:
        edited.add_link(link)
    edited.update()
    assert edited.routes() == fresh.routes()


def test_moving_a_shape_and_back_restores_every_route_and_reroutes_only_its_area():
    shapes, links = _grid_design()
    router = routed(shapes, links)
    before = router.routes()
    moved = node("n0", 30, 20)
    router.set_shape(moved)
    changed = router.update()
    assert changed and len(changed) < len(links)
    incremental = router.routes()
    assert incremental == routed([moved, *shapes[1:]], links).routes()
    router.set_shape(shapes[0])
    router.update()
    assert router.routes() == before


def test_labels_keep_off_icons_names_titles_and_each_other_and_sit_on_their_line():
    shapes = [node("s", 0, 200), *(node(f"t{i}", 320, 60 + i * 110) for i in range(4))]
    links = [Link(f"e{i}", "s", f"t{i}", f"r{i}") for i in range(4)]
    router = routed(shapes, links)
    labels = LabelPlacer(router)
    for link in links:
        labels.set_widths(link.id, [110.0, 50.0])
    labels.update(set(router.links))
    found = quality(router, labels)
    assert found.label_overlaps == 0
    assert found.labels_off_line == 0


def test_a_label_with_no_room_shortens():
    shapes = [node("a", 0, 0), node("b", 130, 0)]
    router = routed(shapes, [Link("e", "a", "b", "uses")])
    labels = LabelPlacer(router)
    labels.set_widths("e", [140.0, 30.0])
    labels.update({"e"})
    placed = labels.label("e")
    assert placed is not None and placed[0] == 1
    assert quality(router, labels).label_overlaps == 0


def test_labels_after_an_edit_equal_labels_placed_from_scratch():
    shapes, links = _grid_design()
    router = routed(shapes, links)
    labels = LabelPlacer(router)
    for link in links:
        labels.set_widths(link.id, [90.0, 40.0])
    labels.update(set(router.links))
    router.set_shape(node("n12", 430, 350))
    touched, router.touched = router.touched, []
    labels.update(router.update(), touched)
    fresh_router = routed([node("n12", 430, 350) if s.id == "n12" else s for s in shapes], links)
    fresh = LabelPlacer(fresh_router)
    for link in links:
        fresh.set_widths(link.id, [90.0, 40.0])
    fresh.update(set(fresh_router.links))
    assert {k: labels.label(k) for k in router.links} == {k: fresh.label(k) for k in router.links}


def _crossed_labels(router: Router, labels: LabelPlacer) -> list[str]:
    from model.routing.geometry import segment_hits

    routes = router.routes()
    found = []
    for link_id in router.links:
        box = labels.label(link_id)[1].expanded(-0.5)
        for other, points in routes.items():
            if other != link_id and any(
                segment_hits(a, b, box) for a, b in zip(points, points[1:], strict=False)
            ):
                found.append(f"{link_id} crossed by {other}")
    return found


def test_a_label_keeps_off_another_connections_line_where_it_has_room():
    shapes = [node("a", 0, 200), node("b", 600, 200), node("c", 300, 0), node("d", 300, 420)]
    links = [Link("e1", "a", "b", "uses"), Link("e2", "c", "d", "uses")]
    router = routed(shapes, links)
    assert router.routes()["e1"][0][1] == router.routes()["e1"][-1][1]  # straight across
    crossing_x = router.routes()["e2"][0][0]
    assert 100 < crossing_x < 550  # e2 runs down across e1's middle
    labels = LabelPlacer(router)
    for link in links:
        labels.set_widths(link.id, [60.0])
    labels.update(set(router.links))
    assert _crossed_labels(router, labels) == []
    assert quality(router, labels).labels_off_line == 0


def test_labels_that_keep_off_a_moved_line_equal_labels_placed_from_scratch():
    shapes = [node("a", 0, 200), node("b", 600, 200), node("c", 500, 0), node("d", 500, 420)]
    links = [Link("e1", "a", "b", "uses"), Link("e2", "c", "d", "uses")]
    router = routed(shapes, links)
    labels = LabelPlacer(router)
    for link in links:
        labels.set_widths(link.id, [60.0])
    labels.update(set(router.links))
    moved = [node("c", 300, 0), node("d", 300, 420)]
    for shape in moved:
        router.set_shape(shape)
    touched, router.touched = router.touched, []
    labels.update(router.update(), touched)
    fresh_router = routed([*shapes[:2], *moved], links)
    fresh = LabelPlacer(fresh_router)
    for link in links:
        fresh.set_widths(link.id, [60.0])
    fresh.update(set(fresh_router.links))
    assert {k: labels.label(k) for k in ("e1", "e2")} == {k: fresh.label(k) for k in ("e1", "e2")}
    assert _crossed_labels(router, labels) == []


def test_a_label_too_long_for_its_last_segment_moves_off_the_arrowhead():
    from model.routing.labels import ARROW_ROOM

    router = routed([node("a", 0, 0), node("b", 200, 150)], [Link("e", "a", "b", "uses")])
    points = router.routes()["e"]
    (corner_x, y), (tip_x, tip_y) = points[-2], points[-1]
    assert y == tip_y and 40 < tip_x - corner_x < 100  # a short last segment into b
    labels = LabelPlacer(router)
    labels.set_widths("e", [tip_x - corner_x - 11])  # longer than its room, shorter than it
    labels.update({"e"})
    box = labels.label("e")[1]
    assert box.top < y < box.bottom  # on its last segment
    assert box.right <= tip_x - ARROW_ROOM or box.left <= corner_x + 0.5
