"""Export a generated 1,000-node design to PNG and to CloudFormation; print the times.

Run: .venv/bin/python bench/bench_export.py [NODES]
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from model.design import Design, new_node  # noqa: E402
from model.elements import Edge, Point  # noqa: E402
from model.exporters import export  # noqa: E402

KINDS = ("aws.sqs.queue", "aws.lambda", "aws.dynamodb.table", "aws.sns.topic", "aws.s3.bucket")


def generated_design(count: int) -> Design:
    """Rows of queue -> function -> table chains, with topics and buckets around them."""
    design = Design(f"Generated {count}")
    for index in range(count):
        kind = KINDS[index % len(KINDS)]
        position = Point(160.0 * (index % 40), 140.0 * (index // 40))
        design.add_node(new_node(design, kind, position, f"{kind} {index}", node_id=f"n{index}"))
    for index in range(0, count - 2, len(KINDS)):
        design.add_edge(Edge(f"t{index}", f"n{index}", f"n{index + 1}", "triggers"))
        design.add_edge(Edge(f"u{index}", f"n{index + 1}", f"n{index + 2}", "uses"))
    return design


def timed(label: str, action) -> float:  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    action()
    seconds = time.perf_counter() - start
    print(f"{label:<32} {seconds:8.2f} s")
    return seconds


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    design = generated_design(count)
    print(f"design: {len(design.nodes)} nodes, {len(design.edges)} edges")
    from app.image_export import ensure_application, export_image

    ensure_application()
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder)
        timed("CloudFormation (YAML)", lambda: export(design, "cloudformation", out / "t.yaml"))
        timed(
            "CloudFormation (JSON)",
            lambda: export(design, "cloudformation", out / "t.json", json=True),
        )
        timed("Terraform", lambda: export(design, "terraform", out / "tf"))
        timed("PNG 1x", lambda: export_image(design, "png", out / "d.png"))
        timed("PNG 2x", lambda: export_image(design, "png", out / "d2.png", scale=2))
        timed("SVG", lambda: export_image(design, "svg", out / "d.svg"))
        print(
            f"YAML size: {(out / 't.yaml').stat().st_size / 1e6:.1f} MB; "
            f"PNG 1x size: {(out / 'd.png').stat().st_size / 1e6:.1f} MB"
        )


if __name__ == "__main__":
    main()
