"""The `archcanvas` command: headless validate/catalog/schema/rules/export, or the desktop app.

The headless commands import no Qt (tests/test_cli.py checks it), so they run in CI
containers without a display or Qt's libraries.
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal, NoReturn, TextIO, get_args, get_origin

COMMANDS = ("validate", "catalog", "schema", "rules", "export", "diff", "import")
SEVERITIES = ("error", "warning", "info")
TEXT_FORMATS = ("cloudformation", "asl", "terraform", "diagrams", "report")
IMAGE_FORMATS = ("png", "svg", "pdf")
WORKFLOW_FORMAT = "workflow"  # a folder with <node id>.svg and .png per state machine
EXIT_OK, EXIT_FINDINGS, EXIT_INVALID = 0, 1, 2


def main(argv: Sequence[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if not args or args[0] not in (*COMMANDS, "-h", "--help", "--version"):
        from app.application import main as run_desktop

        return run_desktop(args)
    parser = _parser()
    options = parser.parse_args(args)
    if options.version:
        from model import APP_VERSION

        print(f"archcanvas {APP_VERSION}")
        return EXIT_OK
    if not getattr(options, "handler", None):
        parser.print_help()
        return EXIT_OK
    try:
        result: int = options.handler(options)
    except BrokenPipeError:
        return EXIT_OK
    if argv is None:
        _end_process(result)
    return result


def _end_process(code: int) -> NoReturn:
    """End the process of a headless command run from the command line without tearing the
    interpreter down: freeing every module and object takes longer than validating a small
    design (30 of the 250 ms of `archcanvas validate` on 600 nodes, which a pre-commit hook
    pays on every commit). The command has closed its files; the standard streams are
    flushed here."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except BrokenPipeError:
        code = EXIT_OK
    os._exit(code)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="archcanvas",
        description=(
            "Validate and export ArchCanvas designs. Run without a command (or with a design "
            "file) to open the desktop editor."
        ),
    )
    parser.add_argument("--version", action="store_true", help="print the version and exit")
    commands = parser.add_subparsers(title="commands", metavar="COMMAND")

    validate = commands.add_parser("validate", help="check designs against AWS limits")
    validate.add_argument("files", nargs="+", metavar="FILE")
    validate.add_argument("--format", choices=("text", "json", "sarif"), default="text")
    validate.add_argument(
        "--fail-on",
        choices=SEVERITIES,
        default="error",
        help="exit 1 when a finding at or above this severity is found (default: error)",
    )
    validate.add_argument(
        "--no-waivers",
        action="store_true",
        help="ignore the designs' waivers: every finding counts",
    )
    validate.set_defaults(handler=cmd_validate)

    catalog = commands.add_parser("catalog", help="list kinds with their fields and defaults")
    catalog.add_argument("--format", choices=("text", "json"), default="text")
    catalog.set_defaults(handler=cmd_catalog)

    schema = commands.add_parser("schema", help="print the JSON Schema of the design file")
    schema.set_defaults(handler=cmd_schema)

    rules = commands.add_parser("rules", help="list every validation rule")
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    rules.set_defaults(handler=cmd_rules)

    importer = commands.add_parser(
        "import", help="turn a CloudFormation or SAM template into a design"
    )
    importer.add_argument("template", metavar="TEMPLATE")
    importer.add_argument("-o", "--output", metavar="DESIGN", help="write the design here")
    importer.add_argument("--format", choices=("text", "json"), default="text")
    importer.set_defaults(handler=cmd_import)

    export = commands.add_parser("export", help="export a design to a diagram or config stubs")
    export.add_argument("design", metavar="DESIGN")
    export.add_argument(
        "--to", required=True, choices=(*TEXT_FORMATS, *IMAGE_FORMATS, WORKFLOW_FORMAT)
    )
    export.add_argument("-o", "--output", required=True, metavar="PATH")
    export.add_argument("--json", action="store_true", help="CloudFormation as JSON")
    export.add_argument("--sam", action="store_true", help="CloudFormation with the SAM transform")
    export.add_argument("--html", action="store_true", help="report as one HTML file")
    export.add_argument("--pdf", action="store_true", help="report as PDF")
    export.add_argument(
        "--base", metavar="OLD", help="report: add the changes since OLD (file, PNG, git:REV:PATH)"
    )
    export.add_argument("--scale", type=int, choices=(1, 2, 4), default=2, help="PNG scale")
    export.add_argument("--transparent", action="store_true", help="PNG without background")
    export.add_argument("--badges", action="store_true", help="draw finding badges")
    export.set_defaults(handler=cmd_export)

    diff = commands.add_parser(
        "diff",
        help="compare two designs by element id (files, PNGs or git:REV:PATH)",
        description="Compare OLD and NEW semantically. Exit 0 when they are semantically equal, "
        "1 when they differ, 2 when one cannot be read. Given git's seven diff-driver "
        "arguments (PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX NEW-MODE) it prints the "
        "diff for git and exits 0.",
    )
    diff.add_argument("inputs", nargs="+", metavar="OLD NEW")
    diff.add_argument("--format", choices=("text", "json", "markdown"), default="text")
    diff.add_argument("--layout", action="store_true", help="also list moves and resizes")
    diff.add_argument("--to", choices=("png", "svg"), help="draw the visual diff instead")
    diff.add_argument("-o", "--output", metavar="PATH", help="file for --to")
    diff.set_defaults(handler=cmd_diff)
    return parser


# ---- validate --------------------------------------------------------------------------------
def cmd_validate(options: argparse.Namespace) -> int:
    from model.review.waivers import apply_waivers
    from model.rules import validate
    from model.serialization import json_text

    results: list[tuple[str, list[Any]]] = []
    errors: dict[str, str] = {}
    status = EXIT_OK
    threshold = SEVERITIES.index(options.fail_on)
    for path in options.files:
        try:
            design = _load_any(path)
        except _LoadFailure as failure:
            error = failure.error
            print(f"archcanvas: {error}", file=sys.stderr)
            status = EXIT_INVALID
            errors[path] = str(error)
            results.append((path, []))
            continue
        findings = validate(design)
        if not options.no_waivers:
            findings = apply_waivers(design, findings)
        results.append((path, findings))
        if status == EXIT_OK and any(
            f.waiver is None and SEVERITIES.index(f.severity) <= threshold for f in findings
        ):
            status = EXIT_FINDINGS
    if options.format == "json":
        document = [
            {"path": path, "findings": [f.to_json() for f in findings]}
            | ({"error": errors[path]} if path in errors else {})
            for path, findings in results
        ]
        print(json_text.dump(document), end="")
    elif options.format == "sarif":
        valid = [(path, findings) for path, findings in results if path not in errors]
        print(json_text.dump(sarif_report(valid)), end="")
    else:
        _print_text([(p, f) for p, f in results if p not in errors], sys.stdout)
    return status


def _print_text(results: list[tuple[str, list[Any]]], out: TextIO) -> None:
    """Open findings first, then the waived ones apart with their reasons, then the counts
    (of open findings only, as the exit status)."""
    counts = dict.fromkeys(SEVERITIES, 0)
    waived: list[tuple[str, Any]] = []
    for path, findings in results:
        for finding in findings:
            if finding.waiver is not None:
                waived.append((path, finding))
                continue
            counts[finding.severity] += 1
            elements = ",".join(finding.elements) or "-"
            out.write(
                f"{path}: {finding.severity}: {elements}: {finding.rule}: {finding.message}\n"
            )
    if waived:
        out.write(f"waived ({len(waived)}):\n")
        for path, finding in waived:
            waiver = finding.waiver
            elements = ",".join(finding.elements) or "-"
            until = f", until {waiver.expires}" if waiver.expires else ""
            by = f" by {waiver.author}" if waiver.author else ""
            out.write(
                f"  {path}: {finding.severity}: {elements}: {finding.rule}: {finding.message}\n"
                f"    waived{by} on {waiver.created}{until}: {waiver.reason}\n"
            )
    summary = ", ".join(f"{counts[s]} {s}{'s' if counts[s] != 1 else ''}" for s in SEVERITIES)
    if waived:
        summary += f" ({len(waived)} waived)"
    out.write(f"{len(results)} design{'s' if len(results) != 1 else ''} checked: {summary}\n")


def _element_lines(path: str) -> dict[str, int]:
    """Line of each element's id in the file, so code-scanning tools can point at it."""
    lines: dict[str, int] = {}
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError:
        return lines
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith('"id": "'):
            element = stripped[len('"id": "') :].rstrip(",").rstrip('"')
            lines.setdefault(element, number)
    return lines


def sarif_report(results: list[tuple[str, list[Any]]]) -> dict[str, Any]:
    """SARIF 2.1.0 for code-scanning tools."""
    from model import APP_VERSION
    from model.review.waivers import REVIEW_RULES
    from model.rules import RULES

    levels = {"error": "error", "warning": "warning", "info": "note"}
    specs = sorted([*RULES, *REVIEW_RULES], key=lambda spec: spec.id)
    rules = [
        {
            "id": spec.id,
            "name": spec.id.title().replace("_", ""),
            "shortDescription": {"text": spec.title},
            "helpUri": spec.source,
            "help": {"text": spec.hint},
            "defaultConfiguration": {"level": levels[spec.severity]},
        }
        for spec in specs
    ]
    index = {rule["id"]: i for i, rule in enumerate(rules)}
    sarif_results = []
    for path, findings in results:
        lines = _element_lines(path)
        for finding in findings:
            location: dict[str, Any] = {"artifactLocation": {"uri": Path(path).as_posix()}}
            first = next((lines[e] for e in finding.elements if e in lines), None)
            if first is not None:
                location["region"] = {"startLine": first}
            result: dict[str, Any] = {
                "ruleId": finding.rule,
                "level": levels[finding.severity],
                "message": {"text": f"{finding.message.rstrip('.')}. Fix: {finding.hint}"},
                "locations": [
                    {
                        "physicalLocation": location,
                        "logicalLocations": [
                            *({"name": e, "kind": "resource"} for e in finding.elements),
                            *(
                                {
                                    "name": state.path,
                                    "fullyQualifiedName": f"{state.element}/{state.path}",
                                    "kind": "object",
                                }
                                for state in finding.states
                            ),
                        ],
                    }
                ],
            }
            if finding.rule in index:
                result["ruleIndex"] = index[finding.rule]
            if finding.waiver is not None:
                result["suppressions"] = [_sarif_suppression(finding.waiver)]
            sarif_results.append(result)
    return {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "ArchCanvas",
                        "version": APP_VERSION,
                        "informationUri": "https://github.com/archcanvas/archcanvas",
                        "rules": rules,
                    }
                },
                "results": sarif_results,
            }
        ],
    }


def _sarif_suppression(waiver: Any) -> dict[str, Any]:
    """A waiver as SARIF sees it: suppressed in the design file itself, with the reason."""
    properties: dict[str, Any] = {"rule": waiver.rule, "created": waiver.created}
    if waiver.author:
        properties["author"] = waiver.author
    if waiver.expires:
        properties["expires"] = waiver.expires
    return {
        "kind": "inSource",
        "status": "accepted",
        "justification": waiver.reason,
        "properties": properties,
    }


# ---- catalog, schema, rules --------------------------------------------------------------------
def catalog_entries() -> list[dict[str, Any]]:
    from model.catalog import CATALOG

    entries = []
    for spec in CATALOG:
        fields = []
        for name, info in spec.config_model.model_fields.items():
            extra = info.json_schema_extra if isinstance(info.json_schema_extra, dict) else {}
            default = info.get_default(call_default_factory=True)
            fields.append(
                {
                    "name": name,
                    "type": _type_name(info.annotation),
                    "unit": extra.get("unit"),
                    "default": default.model_dump() if hasattr(default, "model_dump") else default,
                    "description": info.description or "",
                }
            )
        entries.append(
            {
                "kind": spec.id,
                "name": spec.display_name,
                "category": str(spec.category),
                "description": spec.description,
                "aliases": list(spec.aliases),
                "container": spec.is_container,
                "cloudformation": list(spec.cfn_types),
                "fields": fields,
            }
        )
    return entries


def _type_name(annotation: Any) -> str:
    if get_origin(annotation) is Literal:
        return " | ".join(str(choice) for choice in get_args(annotation))
    text = annotation.__name__ if isinstance(annotation, type) else str(annotation)
    return re.sub(r"\b(typing|model\.config\.\w+)\.", "", text).replace("NoneType", "None")


def cmd_catalog(options: argparse.Namespace) -> int:
    from model.serialization import json_text

    entries = catalog_entries()
    if options.format == "json":
        sys.stdout.write(json_text.dump(entries))
        return EXIT_OK
    for entry in entries:
        container = " (container)" if entry["container"] else ""
        print(f"{entry['kind']}  {entry['name']}{container} [{entry['category']}]")
        print(f"    {entry['description']}")
        for field in entry["fields"]:
            unit = f" {field['unit']}" if field["unit"] else ""
            default = json_text.dump(field["default"], indent=None).rstrip("\n")
            print(f"    {field['name']:<26} {field['type']:<28} default {default}{unit}")
        print()
    return EXIT_OK


def cmd_schema(options: argparse.Namespace) -> int:
    from model.serialization import json_text
    from model.serialization.jsonschema import design_schema

    sys.stdout.write(json_text.dump(design_schema(), sort_keys=True))
    return EXIT_OK


def cmd_rules(options: argparse.Namespace) -> int:
    from model.review.waivers import REVIEW_RULES
    from model.rules import RULES
    from model.serialization import json_text

    if options.format == "markdown":
        from model.rules.docs import rules_markdown

        sys.stdout.write(rules_markdown())
        return EXIT_OK
    rows = [
        {"id": r.id, "severity": r.severity, "title": r.title, "source": r.source}
        for r in sorted([*RULES, *REVIEW_RULES], key=lambda spec: spec.id)
    ]
    if options.format == "json":
        sys.stdout.write(json_text.dump(rows))
        return EXIT_OK
    width = max(len(row["id"]) for row in rows)
    for row in rows:
        print(f"{row['id']:<{width}}  {row['severity']:<7}  {row['title']}")
        print(f"{'':<{width}}           {row['source']}")
    print(f"{len(rows)} rules")
    return EXIT_OK


# ---- export ---------------------------------------------------------------------------------------
def cmd_export(options: argparse.Namespace) -> int:
    from model.exporters import ExportError

    try:
        design = _load_any(options.design)
    except _LoadFailure as failure:
        print(f"archcanvas: {failure.error}", file=sys.stderr)
        return EXIT_INVALID
    try:
        if options.to in IMAGE_FORMATS:
            from app.image_export import ImageExportError, export_image

            try:
                export_image(
                    design,
                    options.to,
                    Path(options.output),
                    scale=options.scale,
                    transparent=options.transparent,
                    badges=options.badges,
                )
            except ImageExportError as error:
                raise ExportError(str(error)) from error
        elif options.to == WORKFLOW_FORMAT:
            from app.image_export import ImageExportError
            from app.workflow.export import export_workflows

            try:
                export_workflows(
                    design, Path(options.output), scale=options.scale, badges=options.badges
                )
            except ImageExportError as error:
                raise ExportError(str(error)) from error
        else:
            _export_text(design, options)
    except ExportError as error:
        print(f"archcanvas: cannot export {options.design}: {error}", file=sys.stderr)
        return EXIT_INVALID
    except OSError as error:
        print(
            f"archcanvas: cannot write {options.output}: {error.strerror or error}", file=sys.stderr
        )
        return EXIT_INVALID
    print(f"wrote {options.output}")
    return EXIT_OK


def _export_text(design: Any, options: argparse.Namespace) -> None:
    from model.exporters import ExportError, export, render

    if options.to == "asl" and not render(design, "asl", options.output):
        raise ExportError("the design has no Step Functions state machine; nothing was written")
    extra: dict[str, Any] = {}
    if options.to == "cloudformation":
        extra = {"json": options.json, "sam": options.sam}
    elif options.to == "report":
        _export_report(design, options)
        return
    export(design, options.to, Path(options.output), **extra)


def _export_report(design: Any, options: argparse.Namespace) -> None:
    """Markdown (with the pictures beside it), one HTML file, or a PDF; with --base, the
    semantic diff against OLD and its picture."""
    from app.design_sources import load_source
    from model.exporters import ExportError, export
    from model.review.diff import diff_designs
    from model.review.waivers import apply_waivers
    from model.rules import validate
    from model.serialization import LoadError, write_atomic

    findings = apply_waivers(design, validate(design))
    base = None
    if options.base:
        try:
            old = load_source(options.base)
        except LoadError as error:
            raise ExportError(str(error)) from error
        base = diff_designs(old, design, new_findings=findings)
    image = _png_bytes(design)
    diff_png = _diff_png(base) if base is not None else None
    output = Path(options.output)
    extra: dict[str, Any] = {
        "findings": findings,
        "base": base,
        "base_name": options.base or "base",
    }
    if options.pdf:
        from app.report_pdf import write_report_pdf

        write_report_pdf(output, design=design, image_png=image, diff_png=diff_png, **extra)
        return
    workflows = _workflow_pngs(design)
    if options.html:
        extra.update(html=True, image_png=image, diff_png=diff_png, workflow_pngs=workflows)
    else:
        names = []
        for node_id, png in workflows:
            picture = output.with_name(f"{output.stem}-{node_id}.png")
            write_atomic(picture, png)
            names.append((node_id, picture.name))
        extra["workflow_images"] = names
        if image is not None:
            sibling = output.with_suffix(".png")
            write_atomic(sibling, image)
            extra["image_name"] = sibling.name
        if diff_png is not None:
            sibling = output.with_name(f"{output.stem}-changes.png")
            write_atomic(sibling, diff_png)
            extra["diff_image_name"] = sibling.name
    export(design, "report", output, **extra)


def _diff_png(diff: Any) -> bytes | None:
    try:
        from app.image_export import render_png
        from app.visual_diff import CompareOverlay

        def decorate(scene: Any) -> Any:
            overlay = CompareOverlay(scene)
            overlay.apply(diff)
            return overlay.rect()

        data: bytes = render_png(diff.new, decorate=decorate)
    except (ImportError, RuntimeError) as error:
        print(f"archcanvas: report without the changes picture ({error})", file=sys.stderr)
        return None
    return data


def _workflow_pngs(design: Any) -> list[tuple[str, bytes]]:
    """Each state machine's workflow picture for a report; none where Qt cannot run."""
    try:
        from app.workflow.export import render_workflow_png, state_machines

        return [
            (node_id, render_workflow_png(design, node_id)) for node_id in state_machines(design)
        ]
    except (ImportError, RuntimeError) as error:
        print(f"archcanvas: report without workflow pictures ({error})", file=sys.stderr)
        return []


def _png_bytes(design: Any) -> bytes | None:
    """The diagram for a report; None where Qt cannot run (the report then has no picture)."""
    try:
        from app.image_export import render_png

        data: bytes = render_png(design)
    except (ImportError, RuntimeError) as error:
        print(f"archcanvas: report without a diagram ({error})", file=sys.stderr)
        return None
    return data


# ---- import ---------------------------------------------------------------------------------
def cmd_import(options: argparse.Namespace) -> int:
    from model.importers import ImportFailure, import_template
    from model.serialization import dumps, json_text, save_design

    try:
        result = import_template(options.template)
    except ImportFailure as error:
        print(f"archcanvas: cannot import {error}", file=sys.stderr)
        return EXIT_INVALID
    if options.output:
        try:
            save_design(result.design, options.output)
        except OSError as error:
            print(
                f"archcanvas: cannot write {options.output}: {error.strerror or error}",
                file=sys.stderr,
            )
            return EXIT_INVALID
    if options.format == "json":
        document: dict[str, Any] = {"report": result.report.to_json()}
        if options.output:
            document["output"] = options.output
        else:
            document["design"] = json_text.parse(dumps(result.design))
        sys.stdout.write(json_text.dump(document))
        return EXIT_OK
    report = result.report.text()
    if options.output:
        sys.stdout.write(report)
        print(f"wrote {options.output}")
    else:
        sys.stdout.write(dumps(result.design))
        sys.stderr.write(report)
    return EXIT_OK


# ---- diff ---------------------------------------------------------------------------------------
def cmd_diff(options: argparse.Namespace) -> int:
    from app.design_sources import load_source
    from model.review.diff import diff_designs, render_markdown, render_text
    from model.serialization import LoadError, json_text

    inputs = list(options.inputs)
    git_driver = len(inputs) == 7
    if git_driver:
        names = (f"a/{inputs[0]}", f"b/{inputs[0]}")
        inputs = [inputs[1], inputs[4]]
    elif len(inputs) == 2:
        names = (inputs[0], inputs[1])
    else:
        print("archcanvas: diff takes OLD NEW (or git's seven arguments)", file=sys.stderr)
        return EXIT_INVALID
    try:
        old, new = load_source(inputs[0]), load_source(inputs[1])
    except LoadError as error:
        print(f"archcanvas: {error}", file=sys.stderr)
        return EXIT_INVALID
    diff = diff_designs(old, new)
    if options.to:
        if not options.output:
            print("archcanvas: diff --to needs -o FILE", file=sys.stderr)
            return EXIT_INVALID
        from app.visual_diff import export_diff_image

        try:
            export_diff_image(diff, options.to, Path(options.output))
        except (OSError, RuntimeError) as error:
            print(f"archcanvas: cannot write {options.output}: {error}", file=sys.stderr)
            return EXIT_INVALID
        print(f"wrote {options.output}")
    elif options.format == "json":
        sys.stdout.write(json_text.dump(diff.to_json(layout=options.layout)))
    elif options.format == "markdown":
        sys.stdout.write(render_markdown(diff, *names, layout=options.layout))
    else:
        sys.stdout.write(render_text(diff, *names, layout=options.layout))
    if git_driver:
        return EXIT_OK
    return EXIT_FINDINGS if diff.semantic else EXIT_OK


class _LoadFailure(Exception):
    """A file that could not be loaded or imported (wraps LoadError or ImportFailure)."""

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error


def _load_design_only(path: str) -> Any:
    """Load an .archcanvas file without importing the template importer (start-up time)."""
    from model.serialization import LoadError, load_design

    try:
        return load_design(path)
    except LoadError as error:
        raise _LoadFailure(error) from error


def _load_any(path: str) -> Any:
    if path.lower().endswith(".archcanvas"):
        return _load_design_only(path)
    from model.importers import ImportFailure
    from model.serialization import LoadError

    try:
        return _load_any_kind(path)
    except (LoadError, ImportFailure) as error:
        raise _LoadFailure(error) from error


def _load_any_kind(path: str) -> Any:
    from model.importers import import_template, looks_like_template
    from model.serialization import load_design

    if looks_like_template(path):
        return import_template(path).design
    if path.lower().endswith(".png"):
        from app.png_embed import read_design_from_png

        return read_design_from_png(Path(path))
    return load_design(path)


if __name__ == "__main__":
    raise SystemExit(main())
