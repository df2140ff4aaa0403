"""docs/rules.md is generated from the registry and must not go stale."""

from __future__ import annotations

from model.review.waivers import REVIEW_RULES
from model.rules import RULES
from model.rules.docs import DOC_PATH, rules_markdown, rules_table


def test_table_lists_every_rule_with_its_source() -> None:
    rows = rules_table()
    assert [r["id"] for r in rows] == sorted(spec.id for spec in [*RULES, *REVIEW_RULES])
    assert all(r["severity"] in ("error", "warning", "info") for r in rows)
    assert all(r["source"] and r["title"] and r["hint"] for r in rows)


def test_documented_rules_cite_one_url() -> None:
    mine = (
        "lambda_rules",
        "edge_rules",
        "stepfunctions_rules",
        "integration_rules",
        "capacity_rules",
        "fargate_rules",
    )
    specs = [s for s in RULES if s.check.__module__.rsplit(".", 1)[-1] in mine]
    assert len(specs) >= 39
    for spec in specs:
        assert spec.source.startswith("https://") and " " not in spec.source, spec.id


def test_markdown_has_one_row_per_rule() -> None:
    text = rules_markdown()
    for spec in RULES:
        assert f"| `{spec.id}` | {spec.severity} |" in text


def test_docs_rules_md_is_current() -> None:
    assert DOC_PATH.read_text(encoding="utf-8") == rules_markdown(), (
        "docs/rules.md is stale: run `python -m model.rules.docs > docs/rules.md`"
    )
