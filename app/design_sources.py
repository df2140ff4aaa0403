"""Where a design to compare comes from: a file, a PNG that carries one, or `git:REV:PATH`
read through git. Headless (no Qt), for the CLI's diff and the editor's Compare with…."""

from __future__ import annotations

import subprocess
from pathlib import Path

from app.png_embed import design_from_png
from model.design import Design
from model.serialization import LoadError, loads

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
GIT_PREFIX = "git:"
EMPTY_SOURCES = ("/dev/null", "nul")


def read_source(spec: str, cwd: Path | None = None) -> tuple[bytes, str]:
    """The bytes of a design source and how to name it in messages."""
    if spec.startswith(GIT_PREFIX):
        revision, sep, path = spec[len(GIT_PREFIX) :].partition(":")
        if not sep or not revision or not path:
            raise LoadError(spec, "is not of the form git:REV:PATH")
        try:
            result = subprocess.run(
                ["git", "show", f"{revision}:{path}"],
                cwd=cwd,
                capture_output=True,
                check=False,
                timeout=60,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise LoadError(spec, f"cannot be read through git ({error})") from error
        if result.returncode != 0:
            reason = result.stderr.decode("utf-8", "replace").strip().splitlines()
            raise LoadError(spec, f"cannot be read through git: {reason[-1] if reason else '?'}")
        return result.stdout, spec
    try:
        return Path(spec).read_bytes(), spec
    except OSError as error:
        raise LoadError(spec, f"cannot be read ({error.strerror or error})") from error


def load_source(spec: str, cwd: Path | None = None) -> Design:
    """A design from any source; /dev/null is the empty design (a file git adds or deletes).
    Raises LoadError and nothing else."""
    if spec in EMPTY_SOURCES:
        return Design("(none)")
    data, name = read_source(spec, cwd)
    if data.startswith(PNG_MAGIC):
        return design_from_png(data, name)
    return loads(data, name)


def git_revision_spec(path: Path, revision: str = "HEAD") -> str | None:
    """git:REV:PATH for a file inside a git work tree, or None when it is not in one."""
    try:
        result = subprocess.run(
            ["git", "rev-parse", "--show-prefix"],
            cwd=path.resolve().parent,
            capture_output=True,
            text=True,
            check=False,
            timeout=30,
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    if result.returncode != 0:
        return None
    return f"{GIT_PREFIX}{revision}:{result.stdout.strip()}{path.name}"
