"""diagrams code export: compiles, maps kinds to real classes, renders with Graphviz."""

from __future__ import annotations

import ast
import importlib
import shutil
import subprocess
import sys

import pytest

from model.catalog import CATALOG
from model.exporters import diagrams_code, export


def test_catalog_classes_exist_in_diagrams() -> None:
    for spec in CATALOG:
        if spec.diagrams_class:
            module, name = spec.diagrams_class.rsplit(".", 1)
            assert hasattr(importlib.import_module(module), name), spec.diagrams_class


def test_script_compiles_with_clusters_and_labelled_edges(small_pipeline, kitchen_sink) -> None:
    script = diagrams_code.render(kitchen_sink, output_name="out")
    compile(script, "diagram.py", "exec")
    assert "with Cluster(nohtml('Ireland')" in script
    assert "diagrams.aws.compute.Lambda(nohtml('Resize images'))" in script
    assert ">> Edge(label=nohtml('triggers')) >>" in script
    assert "'out'" in script
    tree = ast.parse(diagrams_code.render(small_pipeline))
    assert any(isinstance(n, ast.With) for n in ast.walk(tree))


def _run(script_path, cwd):  # type: ignore[no-untyped-def]
    return subprocess.run(
        [sys.executable, str(script_path)], cwd=cwd, capture_output=True, text=True, timeout=240
    )


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")
def test_script_renders_png(tmp_path, small_pipeline) -> None:
    script = tmp_path / "diagram.py"
    export(small_pipeline, "diagrams", script, output="pipeline")
    result = _run(script, tmp_path)
    assert result.returncode == 0, result.stderr
    png = tmp_path / "pipeline.png"
    assert png.read_bytes().startswith(b"\x89PNG")


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")
def test_hostile_labels_execute_nothing(tmp_path, hostile, marker_name) -> None:
    script = tmp_path / "diagram.py"
    export(hostile, "diagrams", script, output="hostile")
    result = _run(script, tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "hostile.png").exists()
    assert not (tmp_path / marker_name).exists()


def _control_label_design():  # type: ignore[no-untyped-def]
    from model.design import Design, new_node
    from model.elements import Edge, Point

    design = Design("name ends\\", "")
    for node_id, kind, label, parent in (
        ("vpc", "aws.vpc", "vpc\\", None),
        ("fn", "aws.lambda", "trailing\\", "vpc"),
        ("q", "aws.sqs.queue", "nul\x00 bell\x07 esc\x1b cr\r\n del\x7f", None),
        ("t", "aws.sns.topic", 'quote\\" \\N \\G \\l "\\', None),
    ):
        design.add_node(new_node(design, kind, Point(0, 0), label, parent, node_id=node_id))
    design.add_edge(Edge("e1", "q", "fn", "triggers", label="edge\\"))
    design.add_edge(Edge("e2", "t", "fn", "triggers", label="ctl\x01\x1f"))
    return design


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")
def test_backslash_and_control_character_labels_render(tmp_path, marker_name) -> None:
    script = tmp_path / "diagram.py"
    export(_control_label_design(), "diagrams", script, output="controls")
    assert "\\x00" not in script.read_text()
    result = _run(script, tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "controls.png").read_bytes().startswith(b"\x89PNG")


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz dot is not installed")
@pytest.mark.parametrize(
    "text", ["trailing\\", "a\\\\b", 'say "hi"\\', "\\N and \\G", "nul\x00bell\x07", "tab\there"]
)
def test_dot_draws_the_label_text(text) -> None:
    from xml.etree import ElementTree

    import graphviz

    from model.exporters.escaping import dot_label, drawable_text

    graph = graphviz.Digraph()
    graph.node("n", label=graphviz.nohtml(dot_label(text)))
    svg = graph.pipe(format="svg")
    drawn = [
        element.text
        for element in ElementTree.fromstring(svg).iter()
        if element.tag.endswith("text")
    ]
    assert drawn == [drawable_text(text).replace("\t", " ")]
