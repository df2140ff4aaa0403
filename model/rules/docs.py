"""The rule catalog as a table and as Markdown, generated from the registry.

Regenerate docs/rules.md with `python -m model.rules.docs > docs/rules.md` (or write_rules_doc()).
"""

from __future__ import annotations

import sys
from pathlib import Path

from model.rules import RULES
from model.rules.engine import RuleRegistry

DOC_PATH = Path(__file__).resolve().parents[2] / "docs" / "rules.md"


def rules_table(registry: RuleRegistry | None = None) -> list[dict[str, str]]:
    """One row per rule, sorted by id: id, severity, title, source, hint, scope, kinds. By
    default the engine's rules and the review rules about waivers."""
    from model.review.waivers import REVIEW_RULES

    specs = sorted([*RULES, *REVIEW_RULES], key=lambda s: s.id) if registry is None else registry
    return [
        {
            "id": spec.id,
            "severity": spec.severity,
            "title": spec.title,
            "source": spec.source,
            "hint": spec.hint,
            "scope": spec.scope,
            "kinds": ", ".join(sorted(spec.kinds)),
        }
        for spec in specs
    ]


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def rules_markdown(registry: RuleRegistry | None = None) -> str:
    """docs/rules.md: every rule with its default severity, what it checks, source and fix."""
    rows = rules_table(registry)
    lines = [
        "# Validation rules",
        "",
        "Generated from the rule registry by `python -m model.rules.docs > docs/rules.md`;"
        " do not edit by hand. `archcanvas rules` prints the same catalog.",
        "",
        "Severity: **error** = AWS rejects it or it cannot work as drawn; **warning** = likely"
        " to fail at scale or breaks a documented recommendation; **info** = worth knowing."
        " Numbers come from `model/data/limits.json`; adjustable quotas follow the design's"
        " `profile.quotas`.",
        "",
        f"{len(rows)} rules.",
        "",
        "| Rule | Severity | Checks | Applies to | Fix | Source |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        applies = row["kinds"] or "any node"
        if row["scope"] == "design":
            applies = f"design ({applies})"
        lines.append(
            f"| `{row['id']}` | {row['severity']} | {_cell(row['title'])} | {_cell(applies)} | "
            f"{_cell(row['hint'])} | <{row['source']}> |"
        )
    return "\n".join(lines) + "\n"


def write_rules_doc(path: Path = DOC_PATH) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(rules_markdown(), encoding="utf-8")


if __name__ == "__main__":
    sys.stdout.write(rules_markdown())
