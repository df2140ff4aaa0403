"""Window-level behaviour: files, dirty state, undo texts, persistence, profile."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QDialog, QMessageBox

from app.main_window import MainWindow
from app.profile_dialog import CODE, VALUE, ProfileDialog
from app.settings import Settings
from model.commands import SetConfig
from model.serialization import load_design


def test_layout_has_docks_menus_and_status(main_window):
    titles = [a.text().replace("&", "") for a in main_window.menuBar().actions()]
    assert titles == ["File", "Edit", "View", "Design", "Arrange", "Help"]
    areas = {
        main_window.dockWidgetArea(main_window.palette_dock).name,
        main_window.dockWidgetArea(main_window.inspector_dock).name,
        main_window.dockWidgetArea(main_window.findings_dock).name,
    }
    assert areas == {"LeftDockWidgetArea", "RightDockWidgetArea", "BottomDockWidgetArea"}
    assert main_window.zoom_label.text().endswith("%")


def test_undo_text_in_edit_menu(main_window):
    undo = main_window.actions_by_name["undo"]
    assert not undo.isEnabled()
    main_window.scene.select_ids(["jobs-1"])
    main_window.edit_delete()
    assert undo.isEnabled()
    assert undo.text().replace("&", "") == f"Undo {main_window.document.stack.undo_text()}"
    assert undo.text().replace("&", "").startswith("Undo Delete")
    undo.trigger()
    assert main_window.document.design.has_node("jobs-1")
    redo = main_window.actions_by_name["redo"]
    assert redo.text().replace("&", "").startswith("Redo Delete")
    redo.trigger()
    assert not main_window.document.design.has_node("jobs-1")


def test_title_shows_name_and_modified_marker(main_window):
    assert main_window.windowTitle().startswith("Untitled[*]")
    assert not main_window.isWindowModified()
    main_window.document.push(
        SetConfig.field(main_window.document.design, "handler-1", "memory_mb", 512)
    )
    assert main_window.isWindowModified()


def test_failed_load_leaves_design_untouched(main_window, message_boxes, tmp_path):
    broken = tmp_path / "broken.archcanvas"
    broken.write_text('{"format": "archcanvas", "version": 1, "design": {"nodes": [{"id": 3}]}}')
    document = main_window.document
    before = [n.id for n in document.design.nodes]
    assert not main_window.open_path(broken, ask=False)
    assert main_window.document is document
    assert [n.id for n in main_window.document.design.nodes] == before
    kind, text = message_boxes.calls[-1]
    assert kind == "critical" and "broken.archcanvas" in text


def test_save_open_and_recent_files(main_window, tmp_path):
    target = tmp_path / "saved.archcanvas"
    main_window.document.push(
        SetConfig.field(main_window.document.design, "handler-1", "memory_mb", 512)
    )
    assert main_window._save_to(target)
    assert not main_window.isWindowModified()
    assert "saved.archcanvas" in main_window.windowTitle()
    assert load_design(target).node("handler-1").config.memory_mb == 512
    assert main_window.settings.recent_files()[0] == target.resolve()
    assert Settings().recent_files()[0] == target.resolve()  # persisted

    main_window.file_new()
    assert main_window.document.design.is_empty()
    assert main_window.open_path(target)
    assert main_window.document.design.node("handler-1").config.memory_mb == 512
    main_window._fill_recent_menu()
    assert main_window.recent_menu.actions()[0].toolTip() == str(target.resolve())


def test_unsaved_changes_ask_first(main_window, message_boxes):
    design = main_window.document.design
    main_window.document.push(SetConfig.field(design, "handler-1", "memory_mb", 512))
    message_boxes.answers.append(QMessageBox.StandardButton.Cancel)
    main_window.file_new()
    assert main_window.document.design is design  # cancelled
    assert message_boxes.calls[-1][0] == "warning"
    message_boxes.answers.append(QMessageBox.StandardButton.Discard)
    main_window.file_new()
    assert main_window.document.design is not design
    assert main_window.document.design.is_empty()


def test_revert_reloads_the_file(main_window, tmp_path, message_boxes):
    target = tmp_path / "r.archcanvas"
    main_window._save_to(target)
    main_window.document.push(
        SetConfig.field(main_window.document.design, "handler-1", "memory_mb", 999)
    )
    message_boxes.answers.append(QMessageBox.StandardButton.Yes)
    main_window.file_revert()
    assert main_window.document.design.node("handler-1").config.memory_mb == 128
    assert not main_window.isWindowModified()


def test_geometry_and_docks_persist(qtbot, sample_document, message_boxes):
    first = MainWindow(sample_document, Settings(), autosave_ms=60_000)
    qtbot.addWidget(first)
    first.show()
    first.resize(720, 530)
    first.findings_dock.hide()
    first.close()
    from app.document import Document

    second = MainWindow(Document(), Settings(), autosave_ms=60_000)
    qtbot.addWidget(second)
    second.show()
    assert second.findings_dock.isHidden()
    assert (second.width(), second.height()) == (720, 530)


def test_profile_dialog_pushes_undoable_profile(monkeypatch, main_window):
    design = main_window.document.design

    def run(dialog: ProfileDialog) -> int:
        dialog.region.setCurrentText("eu-west-1")
        row = dialog.row_of("lambda_concurrent_executions")
        dialog.table.item(row, VALUE).setText("50")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ProfileDialog, "exec", run)
    main_window.design_profile()
    assert design.profile.region == "eu-west-1"
    assert design.profile.quotas == {"lambda_concurrent_executions": 50}
    assert main_window.document.stack.undo_text() == "Change account profile"
    main_window.document.undo()
    assert design.profile.region == "us-east-1" and design.profile.quotas == {}


def test_profile_dialog_lists_every_quota_with_default_code_and_adjustable(qtbot):
    from model.profile import Profile

    dialog = ProfileDialog(Profile(region="us-west-2", quotas={"lambda_concurrent_executions": 10}))
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == len(dialog.quotas)
    defaults = {
        dialog.table.item(r, 0).text(): dialog.table.item(r, 2).text()
        for r in range(dialog.table.rowCount())
    }
    assert all(defaults.values()), [name for name, value in defaults.items() if not value]
    assert "fargate_running_quota" not in dialog.quotas
    assert "fargate_on_demand_vcpu_quota" in dialog.quotas
    row = dialog.row_of("lambda_concurrent_executions")
    cells = [dialog.table.item(row, column).text() for column in range(5)]
    assert cells[0] == "Lambda: Concurrent executions per account per Region"
    assert cells[1] == "L-B99A9384" and cells[2].startswith("1000")
    assert cells[3] == "Yes" and cells[4] == "10"
    dialog.table.setCurrentCell(row, VALUE)
    assert "Per Region" in dialog.description.text()
    ecs = dialog.row_of("ecs_services_per_cluster")
    assert dialog.table.item(ecs, CODE).text() == "none"
    assert dialog.table.columnWidth(VALUE) >= 140
    dialog.table.item(row, VALUE).setText("many")
    assert (
        dialog.problems()
        and not dialog.buttons.button(dialog.buttons.StandardButton.Ok).isEnabled()
    )
    dialog.table.item(row, VALUE).setText("")
    assert dialog.profile().quotas == {}


def test_quota_codes_are_data_with_a_source():
    from model.limits import default_limits

    coded = [limit for limit in default_limits() if limit.quota_code]
    assert {limit.quota_code for limit in coded} >= {"L-B99A9384", "L-3032A538"}
    for limit in coded:
        assert limit.quota_code.startswith("L-") and limit.service_code
        assert limit.quota_code_source and limit.quota


def test_profile_dialog_keeps_quotas_it_does_not_know(qtbot):
    from model.profile import Profile

    dialog = ProfileDialog(Profile(quotas={"custom_quota": 3}))
    qtbot.addWidget(dialog)
    row = dialog.row_of("custom_quota")
    assert dialog.table.item(row, VALUE).text() == "3"
    assert dialog.profile().quotas == {"custom_quota": 3}


def test_auto_layout_and_pin(main_window):
    design = main_window.document.design
    main_window.scene.select_ids(["jobs-1"])
    main_window.arrange_pin()
    assert design.node("jobs-1").placement.pinned
    main_window.arrange_unpin()
    assert not design.node("jobs-1").placement.pinned
    depth = main_window.document.stack.depth
    before = {n.id: n.position for n in design.nodes}
    main_window.arrange_auto_layout()
    after = {n.id: n.position for n in design.nodes}
    if before != after:
        assert main_window.document.stack.depth == depth + 1
        main_window.document.undo()
        assert {n.id: n.position for n in design.nodes} == before


def test_view_toggles(main_window):
    main_window.actions_by_name["snap"].setChecked(False)
    assert main_window.scene.snap_to_grid is False
    main_window.actions_by_name["snap"].setChecked(True)
    assert main_window.scene.snap_to_grid is True
    main_window.actions_by_name["badges"].setChecked(False)
    assert main_window.scene.show_badges is False
    zoom = main_window.view.zoom()
    main_window.view_zoom_in()
    assert main_window.view.zoom() > zoom
    assert main_window.zoom_label.text() == f"{main_window.view.zoom() * 100:.0f} %"


def test_select_all(main_window):
    main_window.edit_select_all()
    design = main_window.document.design
    assert set(main_window.scene.selected_ids()) >= {n.id for n in design.nodes}
    _ = Path


def test_saving_over_a_read_only_file_asks_first(main_window, message_boxes, tmp_path) -> None:
    import os

    from PySide6.QtWidgets import QMessageBox

    path = tmp_path / "locked.archcanvas"
    path.write_text("old", encoding="utf-8")
    os.chmod(path, 0o444)
    message_boxes.answers.append(QMessageBox.StandardButton.No)
    assert main_window._save_to(path) is False
    assert path.read_text(encoding="utf-8") == "old"
    assert "read-only" in message_boxes.calls[-1][1]
    message_boxes.answers.append(QMessageBox.StandardButton.Yes)
    assert main_window._save_to(path) is True
    assert path.read_text(encoding="utf-8") != "old"


def test_first_window_fits_the_screen_it_opens_on(qtbot, sample_document, monkeypatch):
    from PySide6.QtGui import QGuiApplication

    monkeypatch.setattr(QGuiApplication, "platformName", staticmethod(lambda: "xcb"))
    window = MainWindow(sample_document, Settings(), autosave_ms=60_000)
    qtbot.addWidget(window)
    area = QGuiApplication.primaryScreen().availableGeometry()
    # offscreen the screen (800x800) is smaller than the default 1440x900; under xcb in CI
    # it is 1440x900: either way the window fits it and is as wide as both allow
    assert window.width() == min(
        1440, area.width() - (window.frameGeometry().width() - window.width())
    )
    assert window.frameGeometry().width() <= area.width()
    assert window.frameGeometry().height() <= area.height()
    assert area.contains(window.frameGeometry().topLeft())


def test_window_layout_is_remembered_per_screen_size(qtbot, sample_document, tmp_path):
    from PySide6.QtCore import QByteArray

    settings = Settings(tmp_path / "s.ini")
    settings.save_window(QByteArray(b"small"), QByteArray(b"s1"), "1280x720")
    settings.save_window(QByteArray(b"big"), QByteArray(b"s2"), "2560x1440")
    assert settings.window_geometry("1280x720") == QByteArray(b"small")
    assert settings.window_state("2560x1440") == QByteArray(b"s2")
    assert settings.window_geometry("1920x1080") == QByteArray(b"big")  # the last saved
    assert settings.has_window_layout("1280x720") and not settings.has_window_layout("1x1")
