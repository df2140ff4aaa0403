"""JSON Schema (draft 2020-12) of the .archcanvas file, generated from the pydantic models.

Other tools and editors validate design files with it; docs/archcanvas.schema.json is this
output, committed, and a test fails when it is stale. Regenerate it with
`python -m model.serialization.jsonschema --write docs/archcanvas.schema.json`.
"""

from __future__ import annotations

import copy
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import JsonSchemaMode, models_json_schema

from model.catalog import CATALOG, KindSpec, Registry
from model.config.edges import EdgeConfig
from model.serialization import json_text
from model.serialization.io import write_atomic
from model.serialization.schema import CURRENT_VERSION, FileDoc

DRAFT = "https://json-schema.org/draft/2020-12/schema"
REF_TEMPLATE = "#/$defs/{model}"


def design_schema(catalog: Registry = CATALOG) -> dict[str, Any]:
    """The file's schema: each node is one of the catalog's kinds with that kind's config."""
    specs = sorted(catalog, key=lambda spec: spec.id)
    models: list[type[BaseModel]] = [FileDoc, EdgeConfig]
    for spec in specs:
        if spec.config_model not in models:
            models.append(spec.config_model)
    inputs: list[tuple[type[BaseModel], JsonSchemaMode]] = [(m, "validation") for m in models]
    refs, top = models_json_schema(inputs, ref_template=REF_TEMPLATE)
    defs: dict[str, Any] = top["$defs"]

    def ref_of(model: type[BaseModel]) -> str:
        return str(refs[(model, "validation")]["$ref"])

    root: dict[str, Any] = defs.pop(_def_name(ref_of(FileDoc)))
    node_base = defs.pop("NodeDoc")
    variants = []
    for spec in specs:
        name = f"Node_{spec.id}"
        defs[name] = _node_variant(node_base, spec, ref_of(spec.config_model))
        variants.append({"$ref": REF_TEMPLATE.format(model=name)})
    defs["DesignDoc"]["properties"]["nodes"]["items"] = {"oneOf": variants}
    defs["EdgeDoc"]["properties"]["config"] = {
        "$ref": ref_of(EdgeConfig),
        "description": "Connection settings.",
    }
    root["properties"]["version"]["maximum"] = CURRENT_VERSION
    root.update(
        {
            "$schema": DRAFT,
            "title": "ArchCanvas design file",
            "description": "A design saved by ArchCanvas (.archcanvas): nodes of catalog kinds, "
            "their settings, connections and the account profile.",
            "$defs": defs,
        }
    )
    return root


def _def_name(ref: str) -> str:
    return ref.removeprefix(REF_TEMPLATE.format(model=""))


def _node_variant(base: dict[str, Any], spec: KindSpec, config_ref: str) -> dict[str, Any]:
    variant = copy.deepcopy(base)
    variant["title"] = spec.display_name
    variant["description"] = spec.description
    kind_ids = [spec.id, *spec.replaces]
    kind: dict[str, Any] = {"description": "Catalog kind."}
    if len(kind_ids) == 1:
        kind["const"] = spec.id
    else:
        kind["enum"] = kind_ids
    variant["properties"]["kind"] = kind
    variant["properties"]["config"] = {
        "$ref": config_ref,
        "description": f"Settings of the {spec.display_name}.",
    }
    return variant


def schema_text(catalog: Registry = CATALOG) -> str:
    """The schema as committed: two-space indent, sorted keys, final newline."""
    return json_text.dump(design_schema(catalog), sort_keys=True)


def write_schema(path: str | Path) -> None:
    write_atomic(Path(path), schema_text().encode("utf-8"))


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args[:1] == ["--write"] and len(args) == 2:
        write_schema(args[1])
        return 0
    if args:
        sys.stderr.write("usage: python -m model.serialization.jsonschema [--write PATH]\n")
        return 2
    sys.stdout.write(schema_text())
    return 0


if __name__ == "__main__":
    sys.exit(main())
