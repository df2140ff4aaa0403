"""Old file versions are upgraded step by step, in order, each step once."""

from __future__ import annotations

from typing import Any

import pytest

from model.serialization import CURRENT_VERSION, MIGRATIONS, LoadError, from_document, migrate
from model.serialization import io as serialization_io


def fake_table(applied: list[int]) -> dict[int, Any]:
    """v1 -> v2 renames 'title' to 'name'; v2 -> v3 wraps nodes in a 'design' object."""

    def v1_to_v2(document: dict[str, Any]) -> dict[str, Any]:
        applied.append(1)
        assert document["version"] == 1
        result = dict(document)
        result["name"] = result.pop("title")
        return result

    def v2_to_v3(document: dict[str, Any]) -> dict[str, Any]:
        applied.append(2)
        assert document["version"] == 2
        assert "name" in document and "title" not in document
        return {
            "version": document["version"],
            "design": {"name": document["name"], "nodes": document["nodes"]},
        }

    return {2: v2_to_v3, 1: v1_to_v2}


def test_each_step_is_applied_once_in_order() -> None:
    applied: list[int] = []
    document = {"version": 1, "title": "Old", "nodes": [1, 2]}
    result = migrate(document, fake_table(applied), target=3)
    assert applied == [1, 2]
    assert result == {"version": 3, "design": {"name": "Old", "nodes": [1, 2]}}


def test_migration_starts_at_the_document_version() -> None:
    applied: list[int] = []
    document = {"version": 2, "name": "Newer", "nodes": []}
    result = migrate(document, fake_table(applied), target=3)
    assert applied == [2]
    assert result["version"] == 3
    assert result["design"]["name"] == "Newer"


def test_a_current_document_is_left_alone() -> None:
    applied: list[int] = []
    document = {"version": 3, "design": {}}
    assert migrate(document, fake_table(applied), target=3) == {"version": 3, "design": {}}
    assert applied == []


def test_a_missing_step_raises() -> None:
    applied: list[int] = []
    table = fake_table(applied)
    del table[2]
    with pytest.raises(KeyError) as error:
        migrate({"version": 1, "title": "Old", "nodes": []}, table, target=3)
    assert "2" in str(error.value)
    assert applied == [1]


def test_the_real_table_covers_every_old_version() -> None:
    assert sorted(MIGRATIONS) == list(range(1, CURRENT_VERSION))
    document = {"version": CURRENT_VERSION, "design": {}}
    assert migrate(dict(document)) == document


def test_a_missing_step_makes_loading_fail_with_a_load_error(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def gap(document: dict[str, Any]) -> dict[str, Any]:
        return migrate(document, {}, target=CURRENT_VERSION + 1)

    monkeypatch.setattr(serialization_io, "migrate", gap)
    raw = {"format": "archcanvas", "version": CURRENT_VERSION, "app_version": "0", "design": {}}
    with pytest.raises(LoadError) as error:
        from_document(raw, "old.archcanvas")
    assert error.value.field == "version"
    assert "old.archcanvas" in str(error.value)
    assert "no migration" in str(error.value)
