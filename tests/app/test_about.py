"""Help > About: version, Qt and Python versions, licences of the bundled components."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

from PySide6.QtCore import qVersion

from app.about_dialog import AboutDialog, licence_html
from app.licences import COMPONENTS

ROOT = Path(__file__).resolve().parents[2]


def test_about_shows_versions_and_every_component(qtbot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    header = dialog.header.text()
    version = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))["project"]["version"]
    assert f"ArchCanvas {version}" in header
    assert qVersion() in header
    assert f"{sys.version_info.major}.{sys.version_info.minor}" in header
    labels = [dialog.components.item(i).text() for i in range(dialog.components.count())]
    assert len(labels) == len(COMPONENTS)
    assert any(label.startswith("Qt 6 and PySide6") and "LGPL-3.0" in label for label in labels)
    dialog.components.setCurrentRow(labels.index(next(x for x in labels if x.startswith("Qt"))))
    shown = dialog.text.toPlainText()
    assert "GNU LESSER GENERAL PUBLIC LICENSE" in shown
    assert "download.qt.io" in shown and "replace the files" in shown


def test_every_component_has_its_licence_text() -> None:
    for component in COMPONENTS:
        files = component.licence_files()
        assert files, f"{component.name}: no licence text installed"
        assert "not installed" not in licence_html(component)


def test_every_distribution_the_app_loads_is_listed() -> None:
    """Derived from what runs: import the whole app and every exporter, map the loaded
    modules to their distributions, and require a licence entry for each."""
    probe = (
        "import json, sys, app.main_window, app.cli, model.exporters, model.rules\n"
        "from importlib.metadata import packages_distributions\n"
        "owners = packages_distributions()\n"
        "tops = {n.split('.')[0] for n in sys.modules if not n.startswith('_')}\n"
        "print(json.dumps(sorted({d for t in tops for d in owners.get(t, [])})))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe],
        check=True,
        capture_output=True,
        text=True,
        env={"QT_QPA_PLATFORM": "offscreen", "PATH": "/usr/bin:/bin"},
        cwd=ROOT,
    ).stdout
    loaded = {name.lower().replace("_", "-") for name in json.loads(out)}
    listed = {c.distribution.lower().replace("_", "-") for c in COMPONENTS if c.distribution}
    assert loaded - listed == set()
