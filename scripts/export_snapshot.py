"""Export every example, fixture template and round-trip sample to CloudFormation (YAML, JSON,
SAM) and Terraform into one folder, so that a refactor of the exporters can be checked to
change no byte: run it before and after, then `diff -r BEFORE AFTER`.

Run: .venv/bin/python scripts/export_snapshot.py OUT_DIR
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "tests/model/importers"), str(ROOT / "tests/model/exporters")]

import designs  # noqa: E402
import test_round_trip  # noqa: E402

from model.design import Design  # noqa: E402
from model.exporters import cloudformation, terraform  # noqa: E402
from model.importers import import_template  # noqa: E402
from model.serialization.io import load_design  # noqa: E402

VARIANTS = {"cfn.yaml": {}, "cfn.json": {"json_format": True}, "sam.yaml": {"sam": True}}


def sources() -> dict[str, Callable[[], Design]]:
    found: dict[str, Callable[[], Design]] = {}
    for path in sorted((ROOT / "examples").glob("*.archcanvas")):
        found["ex-" + path.stem] = lambda path=path: load_design(path)
    for path in test_round_trip.TEMPLATES:
        found["fx-" + path.stem] = lambda path=path: import_template(path).design
    for sample in sorted(test_round_trip.SAMPLES):
        found["rt-" + sample] = lambda sample=sample: test_round_trip._drawn(sample)[0]
    for name in ("kitchen_sink", "hostile", "small_pipeline"):
        found["dz-" + name] = getattr(designs, name)
    return found


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    made = sources()
    for name, make in made.items():
        design = make()
        for suffix, options in VARIANTS.items():
            (out / f"{name}.{suffix}").write_text(cloudformation.render(design, **options))
        files = sorted(terraform.files(design).items())
        (out / f"{name}.tf").write_text("".join(f"### {k}\n{v}\n" for k, v in files))
    print(f"{len(made)} designs exported to {out}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
