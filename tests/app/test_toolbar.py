"""The main toolbar: drawn icons for every entry, short Undo/Redo buttons, the app icon."""

from __future__ import annotations

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QToolButton

from app.actions import RESOURCES, TOOLBAR, action_icon


def test_every_toolbar_action_has_a_drawn_icon(qapp):
    for name in TOOLBAR:
        if name == "-":
            continue
        icon = action_icon(name)
        assert icon is not None, name
        assert not icon.pixmap(20, 20).isNull(), name


def test_application_icon_renders(qapp):
    icon = QIcon(str(RESOURCES / "archcanvas.svg"))
    assert not icon.pixmap(64, 64).toImage().isNull()
    assert icon.pixmap(64, 64).toImage().pixelColor(32, 32).alpha() > 0


def test_undo_button_stays_short_and_names_the_command_in_its_tooltip(main_window):
    undo = main_window.actions_by_name["undo"]
    button = main_window.toolbar.widgetForAction(undo)
    assert isinstance(button, QToolButton)
    width_before = button.sizeHint().width()
    main_window.scene.select_ids(["jobs-1"])
    main_window.edit_delete()
    assert undo.text().replace("&", "").startswith("Undo Delete")
    assert undo.iconText() == "Undo"
    assert undo.toolTip().startswith("Undo Delete")
    assert button.sizeHint().width() == width_before
    assert not undo.icon().isNull()
