"""ArchCanvas domain model: catalog, design graph, rules, file format and text exporters.

Pure Python: this package never imports Qt (tests/model/test_architecture.py enforces it).
"""

APP_VERSION: str
"""The application's version (model.version), read when first asked for: reading it parses
pyproject.toml, which a command that never shows the version should not pay for."""


def __getattr__(name: str) -> str:
    if name == "APP_VERSION":
        from model.version import app_version

        version = globals()["APP_VERSION"] = app_version()
        return version
    raise AttributeError(f"module 'model' has no attribute {name!r}")
