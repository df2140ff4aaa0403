"""ArchCanvas desktop application (PySide6) and command-line interface."""
