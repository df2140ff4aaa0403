"""ArchCanvas domain model: catalog, design graph, rules, file format and text exporters.

Pure Python: this package never imports Qt (tests/model/test_architecture.py enforces it).
"""

from model.version import app_version

APP_VERSION = app_version()
