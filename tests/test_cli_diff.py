"""archcanvas diff: exit statuses, formats, PNG and git:REV:PATH inputs, git's diff driver."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from model.serialization import load_design, save_design

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "image-pipeline.archcanvas"


def _revised(tmp_path: Path, memory: int = 2048) -> Path:
    design = load_design(EXAMPLE)
    design.set_config(
        "resize", design.node("resize").config.model_copy(update={"memory_mb": memory})
    )
    path = tmp_path / "revised.archcanvas"
    save_design(design, path)
    return path


def test_equal_designs_exit_zero(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", str(EXAMPLE), str(EXAMPLE)]) == 0
    assert "no semantic changes" in capsys.readouterr().out


def test_different_designs_exit_one_with_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["diff", "--format", "json", str(EXAMPLE), str(_revised(tmp_path))]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["nodes"]["changed"] == {"resize": {"config.memory_mb": [1536, 2048]}}


def test_unreadable_input_exits_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.archcanvas"
    bad.write_text("{", encoding="utf-8")
    assert main(["diff", str(EXAMPLE), str(bad)]) == 2
    assert "bad.archcanvas" in capsys.readouterr().err
    assert main(["diff", str(EXAMPLE), str(tmp_path / "missing.archcanvas")]) == 2


def test_a_png_carrying_a_design_is_an_input(tmp_path: Path) -> None:
    from app.png_embed import embed

    png = (ROOT / "docs" / "screenshot.png").read_bytes()
    from model.serialization import dumps

    carrier = tmp_path / "old.png"
    carrier.write_bytes(embed(png, dumps(load_design(EXAMPLE))))
    assert main(["diff", str(carrier), str(EXAMPLE)]) == 0
    assert main(["diff", str(carrier), str(_revised(tmp_path))]) == 1


def _git(repo: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.com", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q")
    shutil.copy(EXAMPLE, repo / "design.archcanvas")
    _git(repo, "add", ".")
    _git(repo, "commit", "-qm", "v1")
    design = load_design(repo / "design.archcanvas")
    design.rename("resize", "Resize uploads")
    save_design(design, repo / "design.archcanvas")
    return repo


def test_git_revision_input(repo: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(repo)
    assert main(["diff", "git:HEAD:design.archcanvas", "git:HEAD:design.archcanvas"]) == 0
    assert main(["diff", "git:HEAD:design.archcanvas", "design.archcanvas"]) == 1
    assert main(["diff", "git:nope:design.archcanvas", "design.archcanvas"]) == 2


def test_as_gits_diff_driver(repo: Path) -> None:
    (repo / ".gitattributes").write_text("*.archcanvas diff=archcanvas\n", encoding="utf-8")
    command = f'"{sys.executable}" -m app.cli diff'
    out = _git(repo, "-c", f"diff.archcanvas.command={command}", "diff", "design.archcanvas")
    assert "--- a/design.archcanvas" in out
    assert "~ node resize: label: 'Resize image' -> 'Resize uploads'" in out
    assert '"label"' not in out  # not a text diff of the JSON


def test_git_revision_of_an_open_file(repo: Path, tmp_path: Path) -> None:
    from app.design_sources import git_revision_spec, load_source

    spec = git_revision_spec(repo / "design.archcanvas")
    assert spec == "git:HEAD:design.archcanvas"
    old = load_source(spec, cwd=repo)
    assert old.node("resize").label == "Resize image"
    assert git_revision_spec(tmp_path / "elsewhere.archcanvas") is None
