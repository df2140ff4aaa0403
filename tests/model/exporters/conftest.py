"""Shared fixtures of the exporter tests: the test designs and every example."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from model.design import Design
from model.serialization import load_design

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
EXAMPLES = sorted((ROOT / "examples").glob("*.archcanvas"))


def _designs_module():  # type: ignore[no-untyped-def]
    name = "exporter_test_designs"
    if name not in sys.modules:
        spec = importlib.util.spec_from_file_location(name, HERE / "designs.py")
        assert spec and spec.loader
        module = importlib.util.module_from_spec(spec)
        sys.modules[name] = module
        spec.loader.exec_module(module)
    return sys.modules[name]


designs = _designs_module()

TEST_DESIGNS = {
    "kitchen_sink": designs.kitchen_sink,
    "hostile": designs.hostile,
    "small_pipeline": designs.small_pipeline,
}


def all_design_names() -> list[str]:
    return list(TEST_DESIGNS) + [f"example:{p.stem}" for p in EXAMPLES]


def design_named(name: str) -> Design:
    if name.startswith("example:"):
        return load_design(ROOT / "examples" / f"{name.removeprefix('example:')}.archcanvas")
    return TEST_DESIGNS[name]()


@pytest.fixture
def kitchen_sink() -> Design:
    return designs.kitchen_sink()


@pytest.fixture
def hostile() -> Design:
    return designs.hostile()


@pytest.fixture
def small_pipeline() -> Design:
    return designs.small_pipeline()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "design_name" in metafunc.fixturenames:
        metafunc.parametrize("design_name", all_design_names())


@pytest.fixture
def load_design_named():  # type: ignore[no-untyped-def]
    return design_named


@pytest.fixture
def cfn_load():  # type: ignore[no-untyped-def]
    spec = importlib.util.spec_from_file_location("exporter_cfn_yaml", HERE / "cfn_yaml.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.load


@pytest.fixture
def marker_name() -> str:
    return str(designs.MARKER_NAME)
