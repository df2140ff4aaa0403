"""Text exporters: pure functions from a design to CloudFormation, ASL, Terraform, diagrams
code and review reports. `export(design, fmt, out_path, **options)` writes the files (each one
atomically) and returns their paths."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from model.design import Design
from model.serialization import write_atomic


@dataclass(frozen=True)
class Exporter:
    """One format: what it writes (a file or a folder of files) and which options it takes."""

    id: str
    title: str
    writes_directory: bool
    suffix: str
    options: tuple[str, ...]
    render: Callable[..., dict[str, str | bytes]]


class ExportError(ValueError):
    """An export could not be made (bad option, unknown format); the message says why."""


def _cloudformation(design: Design, out: Path, **options: Any) -> dict[str, str | bytes]:
    from model.exporters import cloudformation

    text = cloudformation.render(
        design, json_format=bool(options.get("json")), sam=bool(options.get("sam"))
    )
    return {"": text}


def _asl(design: Design, out: Path, **options: Any) -> dict[str, str | bytes]:
    from model.exporters import asl

    return dict(asl.files(design))


def _terraform(design: Design, out: Path, **options: Any) -> dict[str, str | bytes]:
    from model.exporters import terraform

    return dict(terraform.files(design))


def _diagrams(design: Design, out: Path, **options: Any) -> dict[str, str | bytes]:
    from model.exporters import diagrams_code

    output = options.get("output") or out.stem or "diagram"
    return {"": diagrams_code.render(design, output_name=str(output))}


def _report(design: Design, out: Path, **options: Any) -> dict[str, str | bytes]:
    from model.exporters import report

    findings = options.get("findings")
    if options.get("html"):
        text = report.render_html(design, findings, image_png=options.get("image_png"))
    else:
        text = report.render_markdown(design, findings, image_name=options.get("image_name"))
    return {"": text}


EXPORTERS: dict[str, Exporter] = {
    exporter.id: exporter
    for exporter in (
        Exporter(
            "cloudformation",
            "CloudFormation template",
            False,
            ".yaml",
            ("json", "sam"),
            _cloudformation,
        ),
        Exporter("asl", "Step Functions definitions (folder)", True, "", (), _asl),
        Exporter("terraform", "Terraform configuration (folder)", True, "", (), _terraform),
        Exporter("diagrams", "Python diagrams script", False, ".py", ("output",), _diagrams),
        Exporter(
            "report",
            "Design review report",
            False,
            ".md",
            ("html", "findings", "image_png", "image_name"),
            _report,
        ),
    )
}


def render(
    design: Design, fmt: str, out_path: str | os.PathLike[str] = "", **options: Any
) -> dict[str, str | bytes]:
    """The files of an export, in memory: '' names the single file of a file format."""
    exporter = EXPORTERS.get(fmt)
    if exporter is None:
        known = ", ".join(EXPORTERS)
        raise ExportError(f"unknown export format '{fmt}' (known: {known})")
    return exporter.render(design, Path(out_path), **options)


def export(
    design: Design, fmt: str, out_path: str | os.PathLike[str], **options: Any
) -> list[Path]:
    """Write an export: a file at out_path, or files inside the folder out_path."""
    out = Path(out_path)
    exporter = EXPORTERS.get(fmt)
    contents = render(design, fmt, out, **options)
    written: list[Path] = []
    if exporter is not None and exporter.writes_directory:
        if out.exists() and not out.is_dir():
            raise ExportError(f"{out}: exists and is not a folder; {fmt} export writes a folder")
        out.mkdir(parents=True, exist_ok=True)
        for name, content in contents.items():
            target = out / name
            write_atomic(target, content.encode("utf-8") if isinstance(content, str) else content)
            written.append(target)
        return written
    content = contents[""]
    write_atomic(out, content.encode("utf-8") if isinstance(content, str) else content)
    return [out]


__all__ = ["EXPORTERS", "ExportError", "Exporter", "export", "render"]
