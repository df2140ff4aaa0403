"""Persistent preferences: window layout, recent files, first start, autosave interval.

Everything lives in one INI file so tests can point ARCHCANVAS_SETTINGS at a temporary file
and never share state with each other or with the user's real settings.
"""

from __future__ import annotations

import getpass
import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

ENV_VAR = "ARCHCANVAS_SETTINGS"
MAX_RECENT = 10
DEFAULT_AUTOSAVE_MS = 30_000


def settings_file() -> Path:
    """The INI file: $ARCHCANVAS_SETTINGS, else the platform's config folder."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override)
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppConfigLocation)
    return Path(base or Path.home() / ".config") / "archcanvas" / "archcanvas.ini"


class Settings:
    """Typed access to the few values ArchCanvas keeps between runs."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = Path(path) if path else settings_file()
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.qsettings = QSettings(str(self.path), QSettings.Format.IniFormat)

    @property
    def data_dir(self) -> Path:
        """Where the recovery folder goes: next to the settings file."""
        return self.path.parent

    @property
    def recovery_dir(self) -> Path:
        return self.data_dir / "recovery"

    # ---- recent files ------------------------------------------------------------------
    def recent_files(self) -> list[Path]:
        value = self.qsettings.value("files/recent", [])
        if isinstance(value, str):
            value = [value]
        return [Path(item) for item in (value or []) if item]

    def add_recent_file(self, path: Path) -> None:
        resolved = str(Path(path).resolve())
        items = [str(p) for p in self.recent_files() if str(p) != resolved]
        self.qsettings.setValue("files/recent", [resolved, *items][:MAX_RECENT])
        self.qsettings.sync()

    def clear_recent_files(self) -> None:
        self.qsettings.setValue("files/recent", [])
        self.qsettings.sync()

    # ---- window ------------------------------------------------------------------------
    def window_geometry(self, screen: str = "") -> QByteArray | None:
        """The window's geometry last saved on this screen (a "WxH" key), else on any."""
        return self._window_value("geometry", screen)

    def window_state(self, screen: str = "") -> QByteArray | None:
        return self._window_value("state", screen)

    def _window_value(self, name: str, screen: str) -> QByteArray | None:
        for key in (f"window/{screen}/{name}" if screen else "", f"window/{name}"):
            value = self.qsettings.value(key) if key else None
            if isinstance(value, QByteArray):
                return value
        return None

    def has_window_layout(self, screen: str) -> bool:
        return self.qsettings.contains(f"window/{screen}/geometry")

    def save_window(self, geometry: QByteArray, state: QByteArray, screen: str = "") -> None:
        """Saved per screen size, so a laptop screen and a desktop monitor each keep theirs;
        the last one saved is also the default for a screen not seen before."""
        for prefix in ("window", f"window/{screen}") if screen else ("window",):
            self.qsettings.setValue(f"{prefix}/geometry", geometry)
            self.qsettings.setValue(f"{prefix}/state", state)
        self.qsettings.sync()

    # ---- first start, view options and autosave ----------------------------------------
    def is_first_start(self) -> bool:
        return not _as_bool(self.qsettings.value("app/started", False))

    def mark_started(self) -> None:
        self.qsettings.setValue("app/started", True)
        self.qsettings.sync()

    def flag(self, name: str, default: bool) -> bool:
        return _as_bool(self.qsettings.value(f"view/{name}", default))

    def set_flag(self, name: str, value: bool) -> None:
        self.qsettings.setValue(f"view/{name}", value)

    def autosave_interval_ms(self) -> int:
        try:
            return int(str(self.qsettings.value("app/autosave_ms", DEFAULT_AUTOSAVE_MS)))
        except (TypeError, ValueError):
            return DEFAULT_AUTOSAVE_MS

    def review_author(self) -> str:
        """Who signs waivers and approvals: the setting, else the login name."""
        stored = str(self.qsettings.value("review/author", "") or "")
        if stored:
            return stored
        try:
            return getpass.getuser()
        except (KeyError, OSError):
            return ""

    def set_review_author(self, name: str) -> None:
        self.qsettings.setValue("review/author", name)

    def sync(self) -> None:
        self.qsettings.sync()


def _as_bool(value: object) -> bool:
    if isinstance(value, str):
        return value.lower() in ("true", "1", "yes")
    return bool(value)
