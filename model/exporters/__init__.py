"""Text exporters: pure functions from a design to CloudFormation, ASL, Terraform, diagrams
code and review reports. `export(design, fmt, out_path, **options)` renders every file in
memory, then writes them (see write_files: all or nothing) and returns their paths."""

from __future__ import annotations

import os
import re
import shutil
import tempfile
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


_FILE_SUFFIX = re.compile(r"\.[A-Za-z][A-Za-z0-9]{0,4}")
"""A path ending like a file name (main.tf, out.json) where a folder is expected."""


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
    base, base_name = options.get("base"), str(options.get("base_name") or "base")
    if options.get("html"):
        text = report.render_html(
            design,
            findings,
            image_png=options.get("image_png"),
            base=base,
            base_name=base_name,
            diff_png=options.get("diff_png"),
            workflow_pngs=options.get("workflow_pngs") or (),
        )
    else:
        text = report.render_markdown(
            design,
            findings,
            image_name=options.get("image_name"),
            base=base,
            base_name=base_name,
            diff_image_name=options.get("diff_image_name"),
            workflow_images=options.get("workflow_images") or (),
        )
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
            (
                "html",
                "findings",
                "image_png",
                "image_name",
                "base",
                "base_name",
                "diff_png",
                "diff_image_name",
                "workflow_pngs",
                "workflow_images",
            ),
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


def _encoded(content: str | bytes) -> bytes:
    return content.encode("utf-8") if isinstance(content, str) else content


def write_files(out: Path, contents: dict[str, str | bytes], directory: bool) -> list[Path]:
    """Write rendered contents: the file out (contents[""]), or the files inside the folder
    out. All or nothing: a folder's files are written into a temporary sibling folder first;
    a new folder is then renamed into place, an existing one gets each file moved in, and
    when a move fails the files already moved are put back, so a failure at any point leaves
    out as it was."""
    if not directory:
        write_atomic(out, _encoded(contents[""]))
        return [out]
    for name in contents:
        if name in ("", ".", "..") or Path(name).name != name or "\\" in name:
            raise ExportError(f"{out}: refusing to write '{name}' (not a plain file name)")
    if out.exists() and not out.is_dir():
        raise ExportError(f"{out}: exists and is not a folder; this export writes a folder")
    if not out.exists() and _FILE_SUFFIX.fullmatch(out.suffix):
        raise ExportError(
            f"{out}: ends in a file extension ({out.suffix}) but this export writes a folder; "
            f"name the folder instead (for example {out.parent / out.stem})"
        )
    out.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".tmp", dir=out.parent))
    try:
        for name, content in contents.items():
            write_atomic(staging / name, _encoded(content))
        if not out.exists():
            os.chmod(staging, 0o755)
            os.rename(staging, out)
            return [out / name for name in contents]
        _move_in(staging, out, list(contents))
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return [out / name for name in contents]


def _move_in(staging: Path, out: Path, names: list[str]) -> None:
    """Move each staged file into out; on failure restore what was there before."""
    backup = staging / ".previous"
    backup.mkdir()
    moved: list[str] = []
    try:
        for name in names:
            target = out / name
            if target.exists() or target.is_symlink():
                if not target.is_file():
                    raise ExportError(f"{target}: exists and is not a file")
                shutil.copy2(target, backup / name, follow_symlinks=False)
            os.replace(staging / name, target)
            moved.append(name)
    except BaseException:
        for name in reversed(moved):
            if (backup / name).exists() or (backup / name).is_symlink():
                os.replace(backup / name, out / name)
            else:
                (out / name).unlink(missing_ok=True)
        raise


def export(
    design: Design, fmt: str, out_path: str | os.PathLike[str], **options: Any
) -> list[Path]:
    """Write an export: a file at out_path, or files inside the folder out_path."""
    out = Path(out_path)
    exporter = EXPORTERS.get(fmt)
    contents = render(design, fmt, out, **options)
    return write_files(out, contents, exporter is not None and exporter.writes_directory)


__all__ = ["EXPORTERS", "ExportError", "Exporter", "export", "render", "write_files"]
