"""Design queries (neighbours, paths, containment, effective Region) and mutator invariants."""

from __future__ import annotations

import pytest

from model.design import Design, ModelError, new_node
from model.elements import Edge, Point, Size
from model.events import (
    EdgeAdded,
    EdgeRemoved,
    EdgeUpdated,
    Event,
    NodeAdded,
    NodeConfigChanged,
    NodeMoved,
    NodePinned,
    NodeRemoved,
    NodeRenamed,
    NodeReparented,
    NodeResized,
    OrderRestored,
    ProfileChanged,
    PropertiesChanged,
)
from model.profile import Profile
from model.serialization import dumps, loads


def add(
    design: Design,
    node_id: str,
    kind: str,
    parent: str | None = None,
    config: dict[str, object] | None = None,
) -> str:
    design.add_node(new_node(design, kind, parent=parent, config=config, node_id=node_id))
    return node_id


def connect(design: Design, edge_id: str, source: str, target: str, relation: str) -> str:
    assert design.can_connect(source, target, relation), (source, target, relation)
    design.add_edge(Edge(edge_id, source, target, relation))
    return edge_id


@pytest.fixture
def pipeline() -> Design:
    """Image pipeline: bucket triggers a function in a subnet; API and workflow invoke it."""
    design = Design("Image pipeline", profile=Profile(region="ap-southeast-2"))
    add(design, "region", "aws.region", config={"name": "eu-west-1"})
    add(design, "vpc", "aws.vpc", parent="region")
    add(design, "subnet", "aws.subnet", parent="vpc")
    add(design, "resize", "aws.lambda", parent="subnet")
    add(design, "uploads", "aws.s3.bucket", parent="region")
    add(design, "table", "aws.dynamodb.table")
    add(design, "api", "aws.apigateway.api")
    add(design, "flow", "aws.stepfunctions.state_machine")
    add(design, "thumbs", "aws.lambda")
    connect(design, "e1", "uploads", "resize", "triggers")
    connect(design, "e2", "resize", "table", "uses")
    connect(design, "e3", "api", "resize", "invokes")
    connect(design, "e4", "flow", "resize", "invokes")
    connect(design, "e5", "resize", "thumbs", "invokes")
    connect(design, "e6", "thumbs", "uploads", "uses")
    return design


# ---- neighbours and paths ---------------------------------------------------------------------
def test_nodes_of_kind_follows_every_change_to_the_nodes(pipeline: Design) -> None:
    def ids(*kinds: str) -> list[str]:
        return [node.id for node in pipeline.nodes_of_kind(*kinds)]

    assert ids("aws.lambda") == ["resize", "thumbs"]
    assert ids("aws.lambda", "aws.s3.bucket") == ["resize", "uploads", "thumbs"]
    assert ids("aws.batch.job_queue") == []
    add(pipeline, "more", "aws.lambda")
    assert ids("aws.lambda") == ["resize", "thumbs", "more"]
    pipeline.rename("thumbs", "Thumbnails")
    assert [n.label for n in pipeline.nodes_of_kind("aws.lambda")][1] == "Thumbnails"
    pipeline.restore_order(["more"], [])
    assert ids("aws.lambda") == ["more", "resize", "thumbs"]
    pipeline.remove_node("more")
    assert ids("aws.lambda") == ["resize", "thumbs"]
    copy = pipeline.copy()
    add(copy, "extra", "aws.lambda")
    assert ids("aws.lambda") == ["resize", "thumbs"]


def test_neighbours_by_relation_and_direction(pipeline: Design) -> None:
    assert pipeline.neighbours("resize") == ["table", "thumbs"]
    assert pipeline.neighbours("resize", "uses") == ["table"]
    assert pipeline.neighbours("resize", "invokes") == ["thumbs"]
    assert pipeline.neighbours("resize", direction="in") == ["uploads", "api", "flow"]
    assert pipeline.neighbours("resize", "invokes", direction="in") == ["api", "flow"]
    assert pipeline.neighbours("resize", "triggers", direction="in") == ["uploads"]
    assert set(pipeline.neighbours("resize", direction="both")) == {
        "table",
        "thumbs",
        "uploads",
        "api",
        "flow",
    }
    assert pipeline.neighbours("table") == []


def test_outgoing_incoming_and_edges_of(pipeline: Design) -> None:
    assert [e.id for e in pipeline.outgoing("resize")] == ["e2", "e5"]
    assert [e.id for e in pipeline.outgoing("resize", "uses")] == ["e2"]
    assert [e.id for e in pipeline.incoming("resize", "invokes")] == ["e3", "e4"]
    assert [e.id for e in pipeline.edges_of("resize")] == ["e1", "e2", "e3", "e4", "e5"]


def test_paths_follow_only_the_given_relations(pipeline: Design) -> None:
    assert pipeline.paths("api", "table") == [["api", "resize", "table"]]
    assert pipeline.paths("api", "table", relations=["invokes"]) == []
    assert pipeline.paths("api", "table", relations=["invokes", "uses"]) == [
        ["api", "resize", "table"]
    ]
    assert sorted(pipeline.paths("api", "uploads")) == [["api", "resize", "thumbs", "uploads"]]
    assert pipeline.paths("table", "api") == []
    assert pipeline.paths("api", "nowhere") == []


def test_reachable(pipeline: Design) -> None:
    assert pipeline.reachable("api") == {"resize", "table", "thumbs", "uploads"}
    assert pipeline.reachable("api", relations=["invokes"]) == {"resize", "thumbs"}
    assert pipeline.reachable("table") == set()


# ---- containment ------------------------------------------------------------------------------
def test_containment_ancestry(pipeline: Design) -> None:
    assert pipeline.ancestors("resize") == ["subnet", "vpc", "region"]
    assert pipeline.ancestors("region") == []
    assert pipeline.ancestor_of_kind("resize", "aws.vpc") == "vpc"
    assert pipeline.ancestor_of_kind("resize", "aws.ecs.cluster") is None
    assert pipeline.children(None) == ["region", "table", "api", "flow", "thumbs"]
    assert pipeline.children("region") == ["vpc", "uploads"]
    assert pipeline.descendants("region") == ["vpc", "subnet", "resize", "uploads"]
    assert pipeline.descendants("resize") == []


def test_effective_region(pipeline: Design) -> None:
    add(pipeline, "pinned-region", "aws.lambda", config={"region": "us-west-2"})
    add(pipeline, "overridden", "aws.lambda", parent="region", config={"region": "us-west-2"})
    add(pipeline, "edge", "aws.lambda_edge")
    assert pipeline.effective_region("resize") == "eu-west-1"
    assert pipeline.effective_region("uploads") == "eu-west-1"
    assert pipeline.effective_region("overridden") == "eu-west-1"
    assert pipeline.effective_region("pinned-region") == "us-west-2"
    assert pipeline.effective_region("thumbs") == "ap-southeast-2"
    assert pipeline.effective_region("edge") == "us-east-1"


def test_can_connect_gives_reasons(pipeline: Design) -> None:
    assert pipeline.can_connect("uploads", "resize", "triggers")
    refused = pipeline.can_connect("resize", "region", "uses")
    assert not refused and "Lambda function" in refused.reason and "Region" in refused.reason
    wrong_relation = pipeline.can_connect("uploads", "resize", "routes")
    assert not wrong_relation and "triggers" in wrong_relation.reason
    assert "itself" in pipeline.can_connect("resize", "resize", "invokes").reason
    assert not pipeline.can_connect("resize", "ghost", "invokes")


def test_can_contain_gives_reasons(pipeline: Design) -> None:
    assert pipeline.can_contain("subnet", "aws.lambda")
    assert pipeline.can_contain(None, "aws.lambda")
    forbidden = pipeline.can_contain("resize", "aws.s3.bucket")
    assert not forbidden and "cannot contain" in forbidden.reason
    cycle = pipeline.can_contain("subnet", "aws.vpc", "vpc")
    assert not cycle and "itself" in cycle.reason
    assert not pipeline.can_contain("ghost", "aws.lambda")


def test_spec_of_a_node(pipeline: Design) -> None:
    assert pipeline.spec("resize").id == "aws.lambda"


# ---- ids ---------------------------------------------------------------------------------------
def test_new_ids_are_short_and_readable() -> None:
    design = Design()
    first = new_node(design, "aws.lambda")
    design.add_node(first)
    second = new_node(design, "aws.lambda")
    labelled = new_node(design, "aws.sqs.queue", label="Orders Queue")
    assert first.id == "lambda-1"
    assert second.id == "lambda-2"
    assert labelled.id == "orders-queue-1"
    assert design.new_edge_id() == "e-1"
    design.add_node(second)
    design.remove_node("lambda-1")
    assert new_node(design, "aws.lambda").id not in {"lambda-2"}


def test_new_node_has_kind_defaults_and_container_size() -> None:
    design = Design()
    region = new_node(design, "aws.region")
    function = new_node(design, "aws.lambda", Point(10, 20))
    assert region.placement.size is not None
    assert function.placement.size is None
    assert function.position == Point(10, 20)
    assert function.label == "Lambda function"
    assert function.config.memory_mb == 128  # type: ignore[attr-defined]


# ---- mutator invariants -----------------------------------------------------------------------
def test_add_node_refuses_duplicates_unknown_kinds_and_missing_parents(pipeline: Design) -> None:
    before = dumps(pipeline)
    with pytest.raises(ModelError):
        add(pipeline, "resize", "aws.lambda")
    with pytest.raises(ModelError):
        add(pipeline, "e1", "aws.lambda")
    with pytest.raises(KeyError):
        add(pipeline, "x", "aws.nope")
    with pytest.raises(ModelError):
        add(pipeline, "x", "aws.lambda", parent="ghost")
    assert dumps(pipeline) == before


def test_remove_node_refuses_while_connected_or_containing(pipeline: Design) -> None:
    before = dumps(pipeline)
    with pytest.raises(ModelError):
        pipeline.remove_node("resize")
    with pytest.raises(ModelError):
        pipeline.remove_node("subnet")
    assert dumps(pipeline) == before


def test_add_edge_refuses_missing_ends_and_duplicate_ids(pipeline: Design) -> None:
    before = dumps(pipeline)
    with pytest.raises(ModelError):
        pipeline.add_edge(Edge("e9", "resize", "ghost", "invokes"))
    with pytest.raises(ModelError):
        pipeline.add_edge(Edge("e1", "api", "thumbs", "invokes"))
    with pytest.raises(ModelError):
        pipeline.add_edge(Edge("table", "api", "thumbs", "invokes"))
    assert dumps(pipeline) == before


def test_reparent_refuses_cycles_and_missing_parents(pipeline: Design) -> None:
    before = dumps(pipeline)
    with pytest.raises(ModelError):
        pipeline.reparent("vpc", "subnet")
    with pytest.raises(ModelError):
        pipeline.reparent("vpc", "vpc")
    with pytest.raises(ModelError):
        pipeline.reparent("vpc", "ghost")
    assert dumps(pipeline) == before
    assert pipeline.children("vpc") == ["subnet"]


def test_set_config_refuses_another_kinds_config(pipeline: Design) -> None:
    queue_config = pipeline.node("uploads").config
    with pytest.raises(ModelError):
        pipeline.set_config("resize", queue_config)


def test_children_keep_design_order_after_reparenting(pipeline: Design) -> None:
    pipeline.reparent("vpc", None)
    pipeline.reparent("vpc", "region")
    assert pipeline.children("region") == ["vpc", "uploads"]
    assert pipeline.descendants("region") == ["vpc", "subnet", "resize", "uploads"]
    pipeline.reparent("thumbs", "region")
    ordered = [n.id for n in pipeline.nodes if n.parent == "region"]
    assert pipeline.children("region") == ordered
    assert loads(dumps(pipeline)).children("region") == ordered


def test_restore_order(pipeline: Design) -> None:
    nodes = [n.id for n in pipeline.nodes]
    edges = [e.id for e in pipeline.edges]
    pipeline.restore_order(list(reversed(nodes)), list(reversed(edges)))
    assert [n.id for n in pipeline.nodes] == list(reversed(nodes))
    assert [e.id for e in pipeline.edges] == list(reversed(edges))
    assert pipeline.children("region") == ["uploads", "vpc"]
    pipeline.restore_order(["table"], [])
    assert [n.id for n in pipeline.nodes][0] == "table"


# ---- events ------------------------------------------------------------------------------------
def test_each_mutator_emits_one_event(pipeline: Design) -> None:
    events: list[Event] = []
    pipeline.subscribe(events.append)
    lambda_config = type(pipeline.node("resize").config).model_validate({"memory_mb": 256})
    steps: list[tuple[type[Event], object]] = [
        (NodeAdded, lambda: add(pipeline, "extra", "aws.lambda")),
        (NodeConfigChanged, lambda: pipeline.set_config("extra", lambda_config)),
        (NodeRenamed, lambda: pipeline.rename("extra", "Extra")),
        (NodeMoved, lambda: pipeline.move("extra", Point(5, 5))),
        (NodeResized, lambda: pipeline.resize("extra", Size(10, 10))),
        (NodePinned, lambda: pipeline.set_pinned("extra", True)),
        (NodeReparented, lambda: pipeline.reparent("extra", "subnet")),
        (EdgeAdded, lambda: connect(pipeline, "e7", "extra", "table", "uses")),
        (EdgeUpdated, lambda: pipeline.set_edge_config("e7", pipeline.edge("e7").config, "rw")),
        (EdgeRemoved, lambda: pipeline.remove_edge("e7")),
        (NodeRemoved, lambda: pipeline.remove_node("extra")),
        (ProfileChanged, lambda: pipeline.set_profile(Profile(region="eu-north-1"))),
        (PropertiesChanged, lambda: pipeline.set_properties("New name", "text")),
        (OrderRestored, lambda: pipeline.restore_order([], [])),
    ]
    for expected, action in steps:
        events.clear()
        action()  # type: ignore[operator]
        assert [type(e) for e in events] == [expected]
    pipeline.unsubscribe(events.append)
    events.clear()
    pipeline.rename("resize", "quiet")
    assert events == []


def test_event_ids_name_the_elements() -> None:
    design = Design()
    events: list[Event] = []
    design.subscribe(events.append)
    add(design, "q", "aws.sqs.queue")
    add(design, "f", "aws.lambda")
    connect(design, "e", "q", "f", "triggers")
    assert events[0].node_ids == ("q",)
    assert events[2].edge_ids == ("e",)
    assert set(events[2].node_ids) == {"q", "f"}


def test_a_copy_saves_the_same_and_edits_of_it_leave_the_original_alone() -> None:
    from pathlib import Path

    from model.serialization import load_design

    examples = Path(__file__).resolve().parents[2] / "examples"
    original = load_design(next(iter(sorted(examples.glob("*.archcanvas")))))
    heard: list[Event] = []
    original.subscribe(heard.append)
    saved = dumps(original)
    copy = original.copy()
    assert dumps(copy) == saved
    node = next(iter(copy.iter_nodes()))
    copy.rename(node.id, "renamed in the copy")
    busy = next(n.id for n in copy.iter_nodes() if copy.edges_of(n.id))
    for edge in copy.edges_of(busy):
        copy.remove_edge(edge.id)
    copy.remove_node(busy)
    copy.add_node(new_node(copy, "aws.lambda", Point(0, 0), "new in the copy"))
    assert dumps(original) == saved
    assert heard == []
