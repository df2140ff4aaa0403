"""ImportFailure lives with the template semantics (model.mapping.errors), which both the
importers and the exporters read."""

from model.mapping.errors import ImportFailure

__all__ = ["ImportFailure"]
