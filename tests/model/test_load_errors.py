"""Every way a file can be wrong gives one LoadError naming the file, the element and the field."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from model.serialization import CURRENT_VERSION, LoadError, load_design


def document(
    nodes: list[dict[str, Any]] | None = None,
    edges: list[dict[str, Any]] | None = None,
    **top: Any,
) -> dict[str, Any]:
    result: dict[str, Any] = {
        "format": "archcanvas",
        "version": CURRENT_VERSION,
        "app_version": "0.1.0",
        "design": {"name": "Broken", "nodes": nodes or [], "edges": edges or []},
    }
    result.update(top)
    return result


def node(node_id: str, kind: str = "aws.lambda", **fields: Any) -> dict[str, Any]:
    return {"id": node_id, "kind": kind, "label": node_id, "position": {"x": 0, "y": 0}, **fields}


def edge(
    edge_id: str, source: str, target: str, relation: str = "uses", **fields: Any
) -> dict[str, Any]:
    return {"id": edge_id, "source": source, "target": target, "relation": relation, **fields}


def write(tmp_path: Path, content: str | bytes | dict[str, Any], name: str = "broken") -> Path:
    path = tmp_path / f"{name}.archcanvas"
    if isinstance(content, dict):
        content = json.dumps(content, indent=2)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def load_error(path: Path) -> LoadError:
    """Load a bad file: exactly a LoadError, and the file and its folder are left as they were."""
    before = path.read_bytes() if path.is_file() else None
    listing = sorted(p.name for p in path.parent.iterdir()) if path.parent.exists() else []
    with pytest.raises(LoadError) as caught:
        load_design(path)
    error = caught.value
    assert type(error) is LoadError
    assert str(path) in str(error)
    assert (path.read_bytes() if path.is_file() else None) == before
    assert (sorted(p.name for p in path.parent.iterdir()) if path.parent.exists() else []) == (
        listing
    )
    return error


def assert_names(error: LoadError, element: str | None, field: str | None, *words: str) -> None:
    message = str(error)
    if element is not None:
        assert error.element == element
        assert element in message
    if field is not None:
        assert error.field == field
        assert f"'{field}'" in message
    for word in words:
        assert word in message


# ---- the file as a whole ----------------------------------------------------------------------
def test_unreadable_file(tmp_path: Path) -> None:
    error = load_error(tmp_path / "missing" / "nowhere.archcanvas")
    assert "cannot be read" in str(error)


def test_a_folder_is_not_a_file(tmp_path: Path) -> None:
    folder = tmp_path / "folder.archcanvas"
    folder.mkdir()
    error = load_error(folder)
    assert "cannot be read" in str(error)


def test_not_utf8(tmp_path: Path) -> None:
    error = load_error(write(tmp_path, b'{"format": "archcanvas", "x": "\xff\xfe"}'))
    assert "UTF-8" in str(error)


def test_invalid_json(tmp_path: Path) -> None:
    error = load_error(write(tmp_path, '{\n  "format": "archcanvas",\n  "version": \n}'))
    assert_names(error, None, None, "not valid JSON", "line 4")


def test_json_nested_too_deeply(tmp_path: Path) -> None:
    error = load_error(write(tmp_path, "[" * 200_000))
    assert "nested too deeply" in str(error)


@pytest.mark.parametrize("content", ["[]", '"design"', "42", "null"])
def test_top_level_not_an_object(tmp_path: Path, content: str) -> None:
    error = load_error(write(tmp_path, content))
    assert "not a JSON object" in str(error)


def test_another_format(tmp_path: Path) -> None:
    error = load_error(write(tmp_path, document(format="drawio")))
    assert_names(error, None, "format", "drawio", "archcanvas")


def test_a_newer_version(tmp_path: Path) -> None:
    error = load_error(write(tmp_path, document(version=CURRENT_VERSION + 1)))
    assert_names(error, None, "version", "newer", str(CURRENT_VERSION + 1))


@pytest.mark.parametrize("version", ["1", 0, True, None, 1.5])
def test_an_invalid_version(tmp_path: Path, version: Any) -> None:
    error = load_error(write(tmp_path, document(version=version)))
    assert_names(error, None, "version", "version")


def test_missing_design(tmp_path: Path) -> None:
    content = document()
    del content["design"]
    assert_names(load_error(write(tmp_path, content)), "file", "design", "missing")


def test_unknown_top_level_field(tmp_path: Path) -> None:
    error = load_error(write(tmp_path, document(colour="red")))
    assert_names(error, "file", "colour", "unknown field")


# ---- nodes ------------------------------------------------------------------------------------
def test_unknown_kind_suggests_the_nearest(tmp_path: Path) -> None:
    error = load_error(write(tmp_path, document([node("resize", "aws.lamda")])))
    assert_names(error, "node 'resize'", "kind", "aws.lamda", "did you mean 'aws.lambda'")


def test_unknown_kind_without_a_near_one(tmp_path: Path) -> None:
    error = load_error(write(tmp_path, document([node("thing", "zzz.qqq")])))
    assert_names(error, "node 'thing'", "kind", "zzz.qqq")
    assert "did you mean" not in str(error)


def test_wrong_type_in_config(tmp_path: Path) -> None:
    content = document([node("ok"), node("resize", config={"memory_mb": "1024"})])
    error = load_error(write(tmp_path, content))
    assert_names(error, "node 'resize'", "config.memory_mb", "integer", "'1024'")


def test_wrong_type_in_nested_config(tmp_path: Path) -> None:
    selectors = {"selectors": [{"namespace": "ok"}, {"namespace": 7}]}
    content = document([node("pods", "aws.eks.fargate_profile", config=selectors)])
    error = load_error(write(tmp_path, content))
    assert_names(error, "node 'pods'", "config.selectors[1].namespace", "string")


def test_wrong_value_in_config(tmp_path: Path) -> None:
    content = document([node("resize", config={"architecture": "sparc"})])
    error = load_error(write(tmp_path, content))
    assert_names(error, "node 'resize'", "config.architecture", "sparc")


def test_wrong_type_in_position(tmp_path: Path) -> None:
    content = document([node("resize", position={"x": "left", "y": 0})])
    assert_names(load_error(write(tmp_path, content)), "node 'resize'", "position.x", "number")


def test_unknown_config_field(tmp_path: Path) -> None:
    content = document([node("resize", config={"memroy_mb": 1024})])
    error = load_error(write(tmp_path, content))
    assert_names(error, "node 'resize'", "config.memroy_mb", "unknown field")


def test_unknown_node_field(tmp_path: Path) -> None:
    content = document([node("resize", colour="red")])
    assert_names(load_error(write(tmp_path, content)), "node 'resize'", "colour", "unknown field")


def test_missing_required_node_field(tmp_path: Path) -> None:
    content = document([{"id": "resize", "kind": "aws.lambda"}])
    error = load_error(write(tmp_path, content))
    assert_names(error, "node 'resize'", "position", "missing")


def test_node_without_an_id_is_named_by_position(tmp_path: Path) -> None:
    content = document([node("a"), {"kind": "aws.lambda", "position": {"x": 0, "y": 0}}])
    error = load_error(write(tmp_path, content))
    assert_names(error, "node #2", "id", "missing")


def test_dangling_parent(tmp_path: Path) -> None:
    content = document([node("resize", parent="private-a")])
    error = load_error(write(tmp_path, content))
    assert_names(error, "node 'resize'", "parent", "private-a")


def test_duplicate_node_id(tmp_path: Path) -> None:
    content = document([node("resize"), node("other"), node("resize", "aws.sqs.queue")])
    assert_names(load_error(write(tmp_path, content)), "node 'resize'", "id", "duplicate")


def test_duplicate_id_between_a_node_and_an_edge(tmp_path: Path) -> None:
    content = document([node("a"), node("b")], [edge("a", "a", "b", "invokes")])
    assert_names(load_error(write(tmp_path, content)), "edge 'a'", "id", "duplicate")


def test_containment_cycle(tmp_path: Path) -> None:
    content = document(
        [
            node("region", "aws.region"),
            node("vpc", "aws.vpc", parent="subnet"),
            node("subnet", "aws.subnet", parent="vpc"),
        ]
    )
    error = load_error(write(tmp_path, content))
    assert error.field == "parent"
    assert error.element in ("node 'vpc'", "node 'subnet'")
    assert_names(error, None, None, "containment cycle", "vpc", "subnet")


def test_a_node_inside_itself(tmp_path: Path) -> None:
    content = document([node("vpc", "aws.vpc", parent="vpc")])
    assert_names(load_error(write(tmp_path, content)), "node 'vpc'", "parent", "cycle")


# ---- edges ------------------------------------------------------------------------------------
@pytest.mark.parametrize("end", ["source", "target"])
def test_dangling_edge(tmp_path: Path, end: str) -> None:
    ends = {"source": "resize", "target": "resize", end: "ghost"}
    content = document([node("resize")], [edge("e1", ends["source"], ends["target"])])
    assert_names(load_error(write(tmp_path, content)), "edge 'e1'", end, "ghost")


def test_unknown_relation(tmp_path: Path) -> None:
    content = document([node("a"), node("b")], [edge("e1", "a", "b", "eats")])
    assert_names(load_error(write(tmp_path, content)), "edge 'e1'", "relation", "eats")


def test_wrong_type_in_edge_config(tmp_path: Path) -> None:
    content = document([node("a"), node("b")], [edge("e1", "a", "b", config={"order": "1"})])
    assert_names(load_error(write(tmp_path, content)), "edge 'e1'", "config.order", "integer")


def test_unknown_edge_config_field(tmp_path: Path) -> None:
    content = document([node("a"), node("b")], [edge("e1", "a", "b", config={"rps": 5})])
    error = load_error(write(tmp_path, content))
    assert_names(error, "edge 'e1'", "config.rps", "unknown field")


def test_missing_required_edge_field(tmp_path: Path) -> None:
    content = document([node("a")], [{"id": "e1", "source": "a", "relation": "uses"}])
    assert_names(load_error(write(tmp_path, content)), "edge 'e1'", "target", "missing")


# ---- the design --------------------------------------------------------------------------------
def test_wrong_type_in_profile(tmp_path: Path) -> None:
    content = document()
    content["design"]["profile"] = {"region": 5}
    assert_names(load_error(write(tmp_path, content)), "design", "profile.region", "string")


def test_nodes_not_a_list(tmp_path: Path) -> None:
    content = document()
    content["design"]["nodes"] = {"resize": node("resize")}
    assert_names(load_error(write(tmp_path, content)), "design", "nodes", "list")


def test_deeply_nested_containers_load(tmp_path: Path) -> None:
    """A long containment chain is data, not a reason to fail (no recursion limit)."""
    chain = [node("n0", "aws.vpc")]
    chain += [node(f"n{i}", "aws.vpc", parent=f"n{i - 1}") for i in range(1, 3000)]
    design = load_design(write(tmp_path, document(list(reversed(chain))), "deep"))
    assert len(design.ancestors("n2999")) == 2999
    assert [n.id for n in design.nodes][0] == "n2999"


def test_wrong_quota_type_names_the_quota_not_pydantic_internals(tmp_path) -> None:
    import json

    import pytest

    from model.serialization import LoadError, load_design

    document = {
        "format": "archcanvas",
        "version": 1,
        "app_version": "0.1.0",
        "design": {"profile": {"quotas": {"lambda_concurrent_executions": "many"}}},
    }
    path = tmp_path / "quota.archcanvas"
    path.write_text(json.dumps(document))
    with pytest.raises(LoadError) as caught:
        load_design(path)
    assert caught.value.field == "profile.quotas.lambda_concurrent_executions"
    assert str(path) in str(caught.value)
