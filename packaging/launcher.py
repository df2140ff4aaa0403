"""Entry script of the PyInstaller bundle: the same `archcanvas` command as the wheel's."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
