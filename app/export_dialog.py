"""File ▸ Export…: every format with its options, progress and cancel, no half-written files.

Text exports are computed in a worker thread (they are pure); images are drawn in the GUI
thread (the scene lives there) in bands, with the progress bar moved and events processed
between bands, so the window stays responsive and Cancel works. Nothing is written until every
file is rendered in memory; then model.exporters.write_files writes them all or nothing (a
folder through a temporary sibling), so a failure or a cancel leaves no partial output.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QSettings, Qt, QThread, Signal
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QMessageBox,
    QProgressDialog,
    QWidget,
)

from app.document import Document
from model.exporters import EXPORTERS, render, write_files
from model.serialization import write_atomic

SETTINGS_KEY = "export/last_folder"
FORMAT_KEY = "export/last_format"

# (id, title, suffix or "" for a folder, file filter)
CHOICES: tuple[tuple[str, str, str, str], ...] = (
    ("png", "PNG image", ".png", "PNG image (*.png)"),
    ("svg", "SVG image", ".svg", "SVG image (*.svg)"),
    ("pdf", "PDF document", ".pdf", "PDF document (*.pdf)"),
    ("cloudformation", "CloudFormation template", ".yaml", "CloudFormation (*.yaml *.json)"),
    ("asl", "Step Functions definitions (folder)", "", ""),
    ("terraform", "Terraform configuration (folder)", "", ""),
    ("diagrams", "Python diagrams script", ".py", "Python script (*.py)"),
    ("report", "Design review report", ".md", "Report (*.md *.html)"),
    ("workflow", "Workflow pictures (folder, SVG and PNG per state machine)", "", ""),
)


def _settings() -> QSettings:
    try:
        from app.settings import Settings

        return Settings().qsettings
    except Exception:  # noqa: BLE001 - preferences must never stop an export
        return QSettings("ArchCanvas", "ArchCanvas")


class ExportOptionsDialog(QDialog):
    """Format and its options."""

    def __init__(self, parent: QWidget | None, last_format: str = "png") -> None:
        super().__init__(parent)
        self.setWindowTitle("Export")
        layout = QFormLayout(self)
        self.format = QComboBox()
        for fmt, title, _suffix, _filter in CHOICES:
            self.format.addItem(title, fmt)
        index = self.format.findData(last_format)
        self.format.setCurrentIndex(max(0, index))
        layout.addRow("Format", self.format)
        self.scale = QComboBox()
        for scale in (1, 2, 4):
            self.scale.addItem(f"{scale}×", scale)
        layout.addRow("Scale", self.scale)
        self.transparent = QCheckBox("Transparent background")
        layout.addRow("", self.transparent)
        self.badges = QCheckBox("Show finding badges")
        layout.addRow("", self.badges)
        self.json = QCheckBox("JSON instead of YAML")
        layout.addRow("", self.json)
        self.sam = QCheckBox("Use SAM (AWS::Serverless) where simpler")
        layout.addRow("", self.sam)
        self.html = QCheckBox("Self-contained HTML with the diagram")
        layout.addRow("", self.html)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Export…")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addRow(buttons)
        self.format.currentIndexChanged.connect(self._update)
        self._update()

    def chosen(self) -> str:
        return str(self.format.currentData())

    def _update(self) -> None:
        fmt = self.chosen()
        self.scale.setEnabled(fmt == "png")
        self.transparent.setEnabled(fmt == "png")
        self.badges.setEnabled(fmt in ("png", "svg", "pdf"))
        self.json.setEnabled(fmt == "cloudformation")
        self.sam.setEnabled(fmt == "cloudformation")
        self.html.setEnabled(fmt == "report")

    def options(self) -> dict[str, Any]:
        fmt = self.chosen()
        if fmt in ("png", "svg", "pdf"):
            options: dict[str, Any] = {"badges": self.badges.isChecked()}
            if fmt == "png":
                options["scale"] = int(self.scale.currentData())
                options["transparent"] = self.transparent.isChecked()
            return options
        if fmt == "cloudformation":
            return {"json": self.json.isChecked(), "sam": self.sam.isChecked()}
        if fmt == "report":
            return {"html": self.html.isChecked()}
        return {}


class _Worker(QObject):
    finished = Signal(object)  # dict[str, str | bytes]
    failed = Signal(str)

    def __init__(self, document: Document, fmt: str, out: Path, options: dict[str, Any]) -> None:
        super().__init__()
        self.design = document.design
        self.fmt, self.out, self.options = fmt, out, options

    def run(self) -> None:
        try:
            self.finished.emit(render(self.design, self.fmt, self.out, **self.options))
        except Exception as error:  # noqa: BLE001 - shown to the user, never a traceback
            self.failed.emit(str(error) or type(error).__name__)


def choose_target(
    parent: QWidget | None, fmt: str, suffix: str, folder: str, stem: str
) -> Path | None:
    if not suffix:
        chosen = QFileDialog.getExistingDirectory(parent, "Export into folder", folder)
        return Path(chosen) if chosen else None
    file_filter = next(f for c, _t, _s, f in CHOICES if c == fmt)
    chosen, _ = QFileDialog.getSaveFileName(
        parent, "Export", str(Path(folder) / f"{stem}{suffix}"), file_filter
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix else path.with_suffix(suffix)


def _band_progress(progress: QProgressDialog) -> Any:
    """An image_export.Progress that moves the dialog's bar and keeps the UI alive."""

    def update(done: int, total: int) -> bool:
        if progress.maximum() != total:
            progress.setMaximum(total)
        progress.setValue(done)
        QApplication.processEvents()
        return not progress.wasCanceled()

    return update


def run_export(
    parent: QWidget | None,
    document: Document,
    fmt: str,
    target: Path,
    options: dict[str, Any],
    progress: QProgressDialog | None = None,
) -> list[Path] | None:
    """Export with a progress dialog; None when cancelled (nothing written). Raises on
    failure, leaving the target as it was."""
    from app.image_export import ExportCancelled, render_image, render_png

    if progress is None:
        progress = QProgressDialog("Exporting…", "Cancel", 0, 0, parent)
        progress.setWindowTitle("Export")
        progress.setWindowModality(Qt.WindowModality.WindowModal)
        progress.setMinimumDuration(300)
    progress.setValue(0)
    design = document.design
    contents: dict[str, str | bytes] = {}
    sibling_png: bytes | None = None
    pictures: list[tuple[Path, bytes]] = []
    on_band = _band_progress(progress)
    if fmt == "workflow":
        from app.workflow.export import export_workflows

        try:
            return export_workflows(design, target, badges=bool(options.get("badges")))
        finally:
            progress.close()
    try:
        if fmt in ("png", "svg", "pdf"):
            contents[""] = render_image(design, fmt, progress=on_band, **options)
        else:
            if fmt == "report":
                options = dict(options, findings=document.findings)
                image = render_png(design, scale=1, progress=on_band)
                if options.get("html"):
                    options["image_png"] = image
                else:
                    sibling_png = image
                    options["image_name"] = target.with_suffix(".png").name
                workflows = _workflow_pictures(design)
                if options.get("html"):
                    options["workflow_pngs"] = workflows
                else:
                    pictures = [
                        (target.with_name(f"{target.stem}-{node_id}.png"), png)
                        for node_id, png in workflows
                    ]
                    options["workflow_images"] = [
                        (node_id, path.name)
                        for (node_id, _png), (path, _data) in zip(workflows, pictures, strict=True)
                    ]
                progress.setMaximum(0)
            contents = _render_in_thread(document, fmt, target, options, progress)
    except ExportCancelled:
        progress.close()
        return None
    except Exception:
        progress.close()
        raise
    cancelled = progress.wasCanceled()
    progress.close()
    if cancelled:
        return None
    exporter = EXPORTERS.get(fmt)
    directory = exporter is not None and exporter.writes_directory
    written: list[Path] = []
    if sibling_png is not None:
        write_atomic(target.with_suffix(".png"), sibling_png)
        written.append(target.with_suffix(".png"))
    for path, png in pictures:
        write_atomic(path, png)
        written.append(path)
    return write_files(target, contents, directory) + written


def _workflow_pictures(design: Any) -> list[tuple[str, bytes]]:
    """Each state machine's workflow picture, for the report."""
    from app.workflow.export import render_workflow_png, state_machines

    return [
        (node_id, render_workflow_png(design, node_id, scale=1))
        for node_id in state_machines(design)
    ]


def _render_in_thread(
    document: Document,
    fmt: str,
    target: Path,
    options: dict[str, Any],
    progress: QProgressDialog,
) -> dict[str, str | bytes]:
    """A text export rendered in a worker thread while the UI keeps processing events."""
    result: dict[str, Any] = {}
    thread = QThread()
    worker = _Worker(document, fmt, target, options)
    worker.moveToThread(thread)
    thread.started.connect(worker.run)
    worker.finished.connect(lambda files: result.update(files=files))
    worker.failed.connect(lambda message: result.update(error=message))
    worker.finished.connect(thread.quit)
    worker.failed.connect(thread.quit)
    thread.start()
    while thread.isRunning():
        QApplication.processEvents()
        thread.wait(20)
    QApplication.processEvents()
    if "error" in result:
        raise RuntimeError(result["error"])
    files: dict[str, str | bytes] = result.get("files", {})
    return files


def show_export_dialog(parent: QWidget | None, document: Document) -> list[Path] | None:
    """Ask for a format, options and a target; export; report failures in a message box.
    Returns the written files, or None when the user cancelled."""
    settings = _settings()
    dialog = ExportOptionsDialog(parent, str(settings.value(FORMAT_KEY, "png")))
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    fmt = dialog.chosen()
    options = dialog.options()
    suffix = next(s for c, _t, s, _f in CHOICES if c == fmt)
    if fmt == "cloudformation" and options.get("json"):
        suffix = ".json"
    if fmt == "report" and options.get("html"):
        suffix = ".html"
    folder = str(settings.value(SETTINGS_KEY, str(Path.home())))
    stem = document.path.stem if getattr(document, "path", None) else "design"
    target = choose_target(parent, fmt, suffix, folder, stem)
    if target is None:
        return None
    settings.setValue(SETTINGS_KEY, str(target if not suffix else target.parent))
    settings.setValue(FORMAT_KEY, fmt)
    try:
        return run_export(parent, document, fmt, target, options)
    except Exception as error:  # noqa: BLE001 - every failure is shown, none crashes the app
        QMessageBox.critical(parent, "Export failed", f"Could not export to {target}:\n\n{error}")
        return None
