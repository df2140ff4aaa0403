"""What a top-down flow (the workflow canvas) asks of the router: fixed sides, loops back up
the flow, routes the layout kept free (hints), and arrows merging before their target."""

from __future__ import annotations

from model.routing import Box, Link, Port, Router, Shape
from model.routing.geometry import segment_hits


def state(state_id: str, x: float, y: float, w: float = 200.0, h: float = 50.0) -> Shape:
    box = Box(x, y, x + w, y + h)
    cx, cy = x + w / 2, y + h / 2
    ports = {
        "top": Port(cx, y - 7, x + 24, x + w - 24),
        "bottom": Port(cx, y + h + 7, x + 24, x + w - 24),
        "left": Port(x - 7, cy, y + 12, y + h - 12),
        "right": Port(x + w + 7, cy, y + 12, y + h - 12),
    }
    return Shape(state_id, box, ports, (box,))


def routed(shapes: list[Shape], links: list[Link]) -> Router:
    router = Router()
    for shape in shapes:
        router.set_shape(shape)
    for link in links:
        router.add_link(link)
    router.update()
    return router


def crosses(points, shape: Shape) -> bool:
    return any(segment_hits(a, b, shape.box) for a, b in zip(points, points[1:], strict=False))


DOWN = ("bottom", "top")


def test_fixed_sides_leave_by_the_bottom_and_enter_by_the_top_even_when_apart_sideways():
    a, b = state("a", 0, 0), state("b", 400, 120)
    free = routed([a, b], [Link("ab", "a", "b")]).route("ab")
    assert free[0] == (207.0, 25.0)  # unconstrained: out of the right side, facing b
    route = routed([a, b], [Link("ab", "a", "b", sides=DOWN)]).route("ab")
    assert route[0] == (100.0, 57.0) and route[-1] == (500.0, 113.0)
    assert route[1][0] == 100.0 and route[-2][0] == 500.0  # straight out and straight in


def test_a_loop_back_up_the_flow_goes_round_every_state_between():
    top, middle, bottom = state("top", 0, 0), state("middle", 0, 100), state("bottom", 0, 200)
    router = routed([top, middle, bottom], [Link("loop", "bottom", "top", sides=DOWN)])
    route = router.route("loop")
    assert route[0] == (100.0, 257.0) and route[-1] == (100.0, -7.0)
    assert route[1][1] > 257.0 and route[-2][1] < -7.0  # down first, and into the top
    assert not any(crosses(route, s) for s in (top, middle, bottom))


def test_a_hint_the_layout_kept_free_is_taken_when_no_simple_route_is_clear():
    source, blocker, target = state("s", 0, 0), state("x", 0, 100), state("t", 0, 200)
    hint = ((100.0, 57.0), (100.0, 75.0), (240.0, 75.0), (240.0, 175.0), (100.0, 175.0))
    hint = (*hint, (100.0, 193.0))
    router = routed([source, blocker, target], [Link("st", "s", "t", sides=DOWN, hint=hint)])
    assert router.route("st") == list(hint)
    assert not crosses(router.route("st"), blocker)


def test_arrows_that_merge_share_their_last_segment_and_others_are_kept_apart():
    left, right, below = state("l", 0, 0), state("r", 300, 0), state("b", 150, 140)
    links = [Link(f"{s}b", s, "b", sides=DOWN, merge=True) for s in ("l", "r")]
    router = routed([left, right, below], links)
    ends = {tuple(router.route(k)[-1]) for k in ("lb", "rb")}
    assert ends == {(250.0, 133.0)}
    apart = [Link(f"{s}b", s, "b", sides=DOWN) for s in ("l", "r")]
    router = routed([left, right, below], apart)
    assert len({tuple(router.route(k)[-1]) for k in ("lb", "rb")}) == 2
