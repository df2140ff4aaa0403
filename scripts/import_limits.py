"""Regenerate model/data/limits.json from the team's reference (../shared/reference/aws-limits.yaml).

Run: .venv/bin/python scripts/import_limits.py [PATH_TO_YAML]
Keeps every entry with its source and status, adds the profile quota name that overrides an
adjustable value, and stamps the date the data was last checked against the reference.
"""

from __future__ import annotations

import datetime
import json
import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "reference" / "aws-limits.yaml"
TARGET = ROOT / "model" / "data" / "limits.json"

QUOTA_NAMES = {
    "LAMBDA_ACCOUNT_CONCURRENCY": "lambda_concurrent_executions",
    "LAMBDA_UNRESERVED_MIN": "lambda_unreserved_minimum",
}
KEYS = ("id", "service", "constraint", "value", "unit", "kind", "condition", "severity", "source",
        "status", "notes", "advisory", "services", "based_on")


def convert(entries: list[dict], verified: str) -> list[dict]:
    result = []
    for entry in entries:
        item = {key: entry[key] for key in KEYS if key in entry}
        item["verified"] = verified
        quota = QUOTA_NAMES.get(entry["id"])
        if quota is None and entry.get("kind") == "adjustable" and not entry.get("advisory"):
            quota = entry["id"].lower()
        item["quota"] = quota
        result.append(item)
    return result


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE
    entries = yaml.safe_load(source.read_text(encoding="utf-8"))
    verified = datetime.date.today().isoformat()
    TARGET.write_text(json.dumps(convert(entries, verified), indent=2) + "\n", encoding="utf-8")
    print(f"wrote {len(entries)} limits to {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
