"""The .archcanvas file format: schema, migrations, loading and saving."""

from model.serialization.errors import LoadError
from model.serialization.io import (
    SUFFIX,
    dumps,
    from_document,
    load_design,
    loads,
    save_design,
    to_document,
    write_atomic,
)
from model.serialization.migrations import MIGRATIONS, migrate
from model.serialization.schema import CURRENT_VERSION, FORMAT_NAME, FileDoc

__all__ = [
    "CURRENT_VERSION",
    "FORMAT_NAME",
    "MIGRATIONS",
    "SUFFIX",
    "FileDoc",
    "LoadError",
    "dumps",
    "from_document",
    "load_design",
    "loads",
    "migrate",
    "save_design",
    "to_document",
    "write_atomic",
]
