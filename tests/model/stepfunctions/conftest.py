"""Shared helpers for the Step Functions analysis tests."""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[3]
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture
def load_fixture() -> Callable[[str], object]:
    """Parse one definition from fixtures/ by file name."""

    def load(name: str) -> object:
        return json.loads((FIXTURES / name).read_text(encoding="utf-8"))

    return load
