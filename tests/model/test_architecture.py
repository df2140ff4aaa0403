"""The model is pure Python: importing it never loads Qt or the app."""

from __future__ import annotations

import ast
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGES = [
    "model",
    "model.rules",
    "model.serialization",
    "model.exporters",
    "model.stepfunctions",
    "model.routing",
]
FORBIDDEN_PREFIXES = ("PySide6", "shiboken6", "app")
MODEL_DIR = Path(__file__).resolve().parents[2] / "model"
ALLOWED_THIRD_PARTY = {"pydantic", "networkx", "model"}
# The template reader parses YAML with PyYAML (a runtime dependency); no other model module may.
ALLOWED_PER_FILE = {"model/importers/reader.py": {"yaml"}}


def _present(name: str) -> bool:
    try:
        return importlib.util.find_spec(name) is not None
    except ModuleNotFoundError:
        return False


@pytest.mark.parametrize("package", [p for p in PACKAGES if _present(p)])
def test_importing_model_loads_no_qt_and_no_app(package: str) -> None:
    script = (
        "import importlib, json, sys\n"
        f"importlib.import_module({package!r})\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    loaded = json.loads(result.stdout)
    assert package in loaded
    offenders = [
        name
        for name in loaded
        if any(name == prefix or name.startswith(prefix + ".") for prefix in FORBIDDEN_PREFIXES)
    ]
    assert offenders == []


def test_the_check_would_see_a_forbidden_import() -> None:
    """Guard against a check that cannot fail: a Qt import shows up in sys.modules."""
    if not _present("PySide6"):
        pytest.skip("PySide6 is not installed")
    script = "import sys, PySide6\nprint('PySide6' in sys.modules)\n"
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    assert result.stdout.strip() == "True"


def test_importing_every_model_module_loads_no_qt_and_no_app() -> None:
    script = (
        "import importlib, json, pkgutil, sys\n"
        "import model\n"
        "names = [m.name for m in pkgutil.walk_packages(model.__path__, 'model.')]\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps({'imported': names, 'loaded': sorted(sys.modules)}))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True, timeout=120
    )
    report = json.loads(result.stdout)
    assert "model.serialization.io" in report["imported"]
    offenders = [
        name
        for name in report["loaded"]
        if any(name == prefix or name.startswith(prefix + ".") for prefix in FORBIDDEN_PREFIXES)
    ]
    assert offenders == []


def test_model_source_imports_only_stdlib_pydantic_and_networkx() -> None:
    """Static check, so an import inside a function that the runtime test never reaches counts."""
    outside: list[str] = []
    files = sorted(MODEL_DIR.rglob("*.py"))
    assert files
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names = [node.module]
            else:
                continue
            for name in names:
                top = name.split(".")[0]
                where = path.relative_to(MODEL_DIR.parent).as_posix()
                if top in sys.stdlib_module_names or top in ALLOWED_THIRD_PARTY:
                    continue
                if top not in ALLOWED_PER_FILE.get(where, ()):
                    outside.append(f"{where}: {name}")
    assert outside == []
