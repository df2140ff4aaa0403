"""The bundled example designs: they load, save byte for byte, keep the catalog's rules and are
exactly what examples/build_examples.py produces."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from model.design import Design
from model.serialization import dumps, load_design
from model.stepfunctions import check_structure

EXAMPLES_DIR = Path(__file__).resolve().parent.parent / "examples"
EXAMPLE_FILES = sorted(EXAMPLES_DIR.glob("*.archcanvas"))
EXPECTED = {
    "image-pipeline",
    "nightly-analytics",
    "container-web-app",
    "compute-family",
    "common-mistakes",
    "platform-limits",
    "image-pipeline-revised",
}
NODE_SIZE = (120.0, 100.0)


def _build_script() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "build_examples", EXAMPLES_DIR / "build_examples.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _ids(paths: list[Path]) -> list[str]:
    return [p.stem for p in paths]


def _rect(design: Design, node_id: str) -> tuple[float, float, float, float]:
    node = design.node(node_id)
    size = node.placement.size
    w, h = (size.w, size.h) if size is not None else NODE_SIZE
    return node.position.x, node.position.y, node.position.x + w, node.position.y + h


def test_every_expected_example_is_bundled() -> None:
    assert {p.stem for p in EXAMPLE_FILES} == EXPECTED


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=_ids(EXAMPLE_FILES))
def test_example_saves_back_byte_for_byte(path: Path) -> None:
    design = load_design(path)
    assert design.nodes, f"{path.name} has no nodes"
    assert dumps(design) == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=_ids(EXAMPLE_FILES))
def test_example_keeps_containment_and_connection_rules(path: Path) -> None:
    design = load_design(path)
    broken = [
        f"edge {edge.id}: {verdict.reason}"
        for edge in design.iter_edges()
        if not (verdict := design.can_connect(edge.source, edge.target, edge.relation))
    ]
    broken += [
        f"node {node.id}: {verdict.reason}"
        for node in design.iter_nodes()
        if node.parent is not None
        and not (verdict := design.can_contain(node.parent, node.kind, node.id))
    ]
    assert broken == []


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=_ids(EXAMPLE_FILES))
def test_example_layout_nests_without_overlaps(path: Path) -> None:
    """Children lie inside their container; siblings never overlap."""
    design = load_design(path)
    problems = []
    for parent in [None, *(n.id for n in design.iter_nodes())]:
        children = design.children(parent)
        if parent is not None:
            px1, py1, px2, py2 = _rect(design, parent)
            for child in children:
                x1, y1, x2, y2 = _rect(design, child)
                if x1 < px1 or y1 < py1 or x2 > px2 or y2 > py2:
                    problems.append(f"{child} sticks out of {parent}")
        for i, first in enumerate(children):
            a = _rect(design, first)
            for second in children[i + 1 :]:
                b = _rect(design, second)
                if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]:
                    problems.append(f"{first} overlaps {second}")
    assert problems == []


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=_ids(EXAMPLE_FILES))
def test_example_state_machines_are_well_formed(path: Path) -> None:
    design = load_design(path)
    machines = [n for n in design.iter_nodes() if n.kind == "aws.stepfunctions.state_machine"]
    for node in machines:
        config = node.config
        definition = config.definition  # type: ignore[attr-defined]
        assert definition is not None, f"{node.id} has no definition"
        assert check_structure(definition) == [], node.id
        text = str(definition)
        for name, target in config.definition_substitutions.items():  # type: ignore[attr-defined]
            assert f"${{{name}}}" in text, f"{node.id}: placeholder {name} unused"
            assert design.has_node(target), f"{node.id}: {name} maps to missing {target}"
            invoked = set(design.neighbours(node.id, "invokes"))
            beside = set(design.neighbours(target, direction="both"))
            assert target in invoked or beside & invoked, (
                f"{node.id}: {name} -> {target} is neither invoked nor next to what is"
            )


def test_build_script_regenerates_the_bundled_files(tmp_path: Path) -> None:
    written = _build_script().build_all(tmp_path)
    assert sorted(p.name for p in written) == sorted(p.name for p in EXAMPLE_FILES)
    for path in written:
        assert path.read_bytes() == (EXAMPLES_DIR / path.name).read_bytes(), path.name


def test_default_example_is_mostly_clean() -> None:
    """The design the README launches shows no errors, only advice."""
    from model.rules import validate

    findings = validate(load_design(EXAMPLES_DIR / "image-pipeline.archcanvas"))
    assert [f.rule for f in findings if f.severity == "error"] == []


def test_common_mistakes_example_shows_errors() -> None:
    from model.rules import validate

    findings = validate(load_design(EXAMPLES_DIR / "common-mistakes.archcanvas"))
    assert any(f.severity == "error" for f in findings)


def test_platform_limits_example_shows_each_platforms_rules() -> None:
    """Each mistake the description lists is found on the element that carries it."""
    from model.rules import validate

    findings = validate(load_design(EXAMPLES_DIR / "platform-limits.archcanvas"))
    found = {(f.rule, f.elements[0]) for f in findings}
    intended = {
        ("APPRUNNER_VPC_CONNECTOR", "partner-api"),
        ("APPRUNNER_AUTO_DEPLOY", "status-page"),
        ("LIGHTSAIL_AUTOSCALING", "blog"),
        ("LIGHTSAIL_BUNDLE", "reporting-server"),
        ("OUTPOSTS_UNSUPPORTED_SERVICE", "line-telemetry"),
        ("OUTPOSTS_FARGATE", "label-printer"),
        ("FARGATE_EPHEMERAL_STORAGE", "transcode"),
        ("FARGATE_SPOT_INTERRUPTION", "thumbnailer"),
        ("EC2_SPOT_NOT_FAULT_TOLERANT", "ledger-reconcile"),
        ("EC2_BURSTABLE_SUSTAINED", "search-indexer"),
        ("SFN_EXPRESS_DURATION", "catalog-import"),
        ("SFN_EXPRESS_INTEGRATION_PATTERN", "catalog-import"),
    }
    assert intended - found == set()
