"""Importers: templates to designs. `import_template(path)` reads a CloudFormation or SAM
template; `looks_like_template(path)` tells a template from a design file."""

from __future__ import annotations

from pathlib import Path

from model.importers.builder import ImportResult
from model.importers.cloudformation import import_template, import_text
from model.importers.errors import ImportFailure
from model.importers.report import ImportReport

TEMPLATE_SUFFIXES = (".yaml", ".yml", ".template", ".json", ".cfn")


def looks_like_template(path: str | Path) -> bool:
    """Whether path is to be imported rather than loaded: a YAML file, or a JSON file that
    is not an ArchCanvas design."""
    source = Path(path)
    suffix = source.suffix.lower()
    if suffix in (".yaml", ".yml", ".template", ".cfn"):
        return True
    if suffix != ".json":
        return False
    try:
        with source.open("rb") as handle:
            head = handle.read(4096)
    except OSError:
        return False
    return b'"archcanvas"' not in head


__all__ = [
    "ImportFailure",
    "ImportReport",
    "ImportResult",
    "import_template",
    "import_text",
    "looks_like_template",
]
