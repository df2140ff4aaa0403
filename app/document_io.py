"""Opening files by suffix: the one place the app and the command line turn a path into a
Document. Other formats (e.g. a PNG exported by ArchCanvas with the design embedded) register
a loader here."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from app.canvas.layout import auto_layout
from app.document import Document
from app.png_embed import read_design_from_png
from model.design import Design
from model.importers import ImportFailure, import_template, looks_like_template
from model.serialization import LoadError, load_design

Loader = Callable[[Path], Design]

LOADERS: dict[str, Loader] = {
    ".archcanvas": load_design,
    ".json": load_design,
    ".png": read_design_from_png,
}
DESIGN_SUFFIXES = (".archcanvas", ".json")


def register_loader(suffix: str, loader: Loader) -> None:
    """Let another module open files ending in suffix (e.g. '.png')."""
    LOADERS[suffix.lower()] = loader


def open_file_filter() -> str:
    patterns = " ".join(f"*{suffix}" for suffix in LOADERS)
    return f"ArchCanvas designs ({patterns});;All files (*)"


class TemplateImportError(LoadError):
    """A template that could not be imported; the message already names file and line."""

    def __str__(self) -> str:
        return self.detail


def template_file_filter() -> str:
    return "CloudFormation and SAM templates (*.yaml *.yml *.json *.template);;All files (*)"


def import_document(path: Path | str) -> Document:
    """An untitled Document with the design a template describes; the import report joins
    the findings as info items. Raises LoadError and changes nothing on failure."""
    try:
        result = import_template(path)
    except ImportFailure as failure:
        raise TemplateImportError(str(path), str(failure)) from None
    auto_layout(result.design).do(result.design)
    document = Document(result.design, None)
    document.set_import_report(result.report)
    return document


def load_document(path: Path | str) -> Document:
    """A Document for path; raises LoadError (with a clear message) for anything unreadable."""
    path = Path(path)
    if looks_like_template(path):
        return import_document(path)
    loader = LOADERS.get(path.suffix.lower(), load_design)
    try:
        design = loader(path)
    except LoadError:
        raise
    except OSError as error:
        raise LoadError(str(path), f"cannot be read ({error.strerror or error})") from error
    if path.suffix.lower() not in DESIGN_SUFFIXES:
        return Document(design, None)  # Save must not write JSON over the picture
    return Document(design, path)
