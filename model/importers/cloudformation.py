"""The CloudFormation and SAM front end: a template file to a SourceTemplate (sections,
resources, SAM Globals, files that DefinitionUri names), then to a design."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from model.importers.builder import ImportResult, build_design, resources_of
from model.importers.errors import ImportFailure
from model.importers.reader import RawTemplate, parse_template, read_template
from model.importers.source import SourceTemplate
from model.mapping.intrinsics import Resolver


def source_template(raw: RawTemplate) -> SourceTemplate:
    resources = resources_of(raw.data, raw.path, raw.lines)
    resolver = Resolver(raw.data)
    resolver.check_cycles(raw.lines, str(raw.path))
    sections = {key: value for key, value in raw.data.items() if key != "Resources"}
    globals_ = raw.data.get("Globals")
    folder = raw.path.resolve().parent

    def read_file(relative: str) -> Any:
        target = (folder / relative).resolve()
        if not target.is_relative_to(folder):
            raise ImportFailure(f"DefinitionUri '{relative}' points outside the template's folder")
        if not target.is_file():
            raise ImportFailure(f"DefinitionUri '{relative}': no such file ({target})")
        text = target.read_text(encoding="utf-8")
        try:
            document = parse_template(text, target, require_resources=False).data
        except ImportFailure as failure:
            raise ImportFailure(f"DefinitionUri '{relative}': {failure}") from None
        return document

    return SourceTemplate(
        path=raw.path,
        resources=resources,
        sections=sections,
        resolver=resolver,
        globals=globals_ if isinstance(globals_, dict) else {},
        read_file=read_file,
    )


def import_template(path: str | Path) -> ImportResult:
    """The design a CloudFormation or SAM template describes, with the import report.
    Raises ImportFailure (file, line and logical id where known) and never returns a
    partial design."""
    raw = read_template(path)
    try:
        return build_design(source_template(raw))
    except ImportFailure:
        raise
    except RecursionError:
        raise ImportFailure(f"{raw.path}: values nested too deeply") from None


def import_text(text: str, path: str | Path = "<template>") -> ImportResult:
    raw = parse_template(text, Path(path))
    return build_design(source_template(raw))
