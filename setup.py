"""Wheel build step that pyproject.toml cannot express: copy the repository's shared folders
(examples/, icons/; the table is model/resources.py's SHARED_FOLDERS) into the wheel's
model/_shared/, where an installed copy looks for them. Everything else is in pyproject.toml."""

import importlib.util
import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

ROOT = Path(__file__).resolve().parent


def _resources_module():
    spec = importlib.util.spec_from_file_location(
        "_archcanvas_resources", ROOT / "model/resources.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class BuildPyWithShared(build_py):
    def run(self):
        super().run()
        if getattr(self, "editable_mode", False):
            return  # an editable install reads the folders from the checkout
        resources = _resources_module()
        for name, patterns in resources.SHARED_FOLDERS.items():
            target = Path(self.build_lib, "model", resources.INSTALLED_SHARED, name)
            target.mkdir(parents=True, exist_ok=True)
            for pattern in patterns:
                for source in sorted((ROOT / name).glob(pattern)):
                    shutil.copy2(source, target / source.name)


setup(cmdclass={"build_py": BuildPyWithShared})
