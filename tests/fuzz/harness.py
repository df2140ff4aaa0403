"""A seeded mutator over the bundled designs and the checks every mutant must pass: it loads
or gives a one-line error naming the file; a loaded design validates, saves, reloads equal and
exports to every text format with output that parses strictly; no step takes over 10 s.

Shared by tests/fuzz/test_fuzz.py (a CI-sized run) and scripts/fuzz_designs.py (10,000+)."""

from __future__ import annotations

import ast
import json
import random
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import hcl2
from cfnlint.decode import cfn_yaml

from model.design import Design
from model.exporters import render
from model.rules import validate
from model.serialization import LoadError, dumps, loads
from model.text import UNSAFE

ROOT = Path(__file__).resolve().parents[2]
SEEDS = sorted((ROOT / "examples").glob("*.archcanvas"))
STEP_SECONDS = 10.0
_MARK = "@@MUTANT@@"

HOSTILE: list[str] = [
    "9" * 5000,
    "-" + "9" * 40,
    "NaN",
    "Infinity",
    "-Infinity",
    "1e999",
    "1e308",
    "-1",
    "0",
    "0.5",
    "10000000000000",
    "123456789012345678",
    "null",
    "true",
    "{}",
    "[]",
    '""',
    '"\\ud800"',
    '"x\\udfff"',
    '"\\u202egnp.exe"',
    '"\\uffff"',
    '"\\u0000\\u0007\\u001b"',
    '"\\u2028 line"',
    '"{{resolve:ssm:/prod/db-password}}"',
    '"{{resolve:secretsmanager:prod:SecretString:password}}"',
    '"${AWS::AccountId} !Ref x %{ for } ${var.x}"',
    '"</text><script>alert(1)</script>&amp;<![CDATA["',
    '"\\"quoted\\" \\\\ back \\n newline \\t tab"',
    '"' + "L" * 1100 + '"',
    '"' + "W" * 70_000 + '"',
    "[" * 300 + "]" * 300,
    "[" * 63 + "]" * 63,
    '{"a": ' * 40 + "1" + "}" * 40,
    '"aws.lambda"',
    '"aws.ec2.instance"',
    '"contains"',
    '"us-east-1"',
]


BENIGN: list[str] = [
    '"{{resolve:ssm:/prod/db-password}}"',
    '"{{resolve:secretsmanager:prod:SecretString:password}}"',
    '"${AWS::AccountId} !Ref x %{ for } ${var.x}"',
    '"</text><script>alert(1)</script>&amp;<![CDATA["',
    '"\\"quoted\\" \\\\ back \\n newline \\t tab"',
    '"' + "L" * 1000 + '"',
    '"\u05e9\u05dc\u05d5\u05dd \u0627\u0644\u0633\u0644\u0627\u0645 \ud83d\ude80"',
    '"# not a comment: key: [value]"',
    '""',
]
"""Strings a design may hold: they must load and reach every output escaped."""


@dataclass
class Tally:
    mutants: int = 0
    loaded: int = 0
    refused: int = 0
    slowest: tuple[float, str] = (0.0, "")
    failures: list[str] = field(default_factory=list)
    messages: dict[str, int] = field(default_factory=dict)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _paths(item, (*path, index))


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        copy = dict(value)
        copy[head] = _replace(value[head], rest, new)
        return copy
    copy_list = list(value)
    copy_list[head] = _replace(value[head], rest, new)
    return copy_list


def _delete(value: Any, path: tuple[Any, ...]) -> Any:
    parent = value
    for part in path[:-1]:
        parent = parent[part]
    if isinstance(parent, dict):
        return _replace(value, path[:-1], {k: v for k, v in parent.items() if k != path[-1]})
    return _replace(value, path[:-1], [v for i, v in enumerate(parent) if i != path[-1]])


def mutate(text: str, rng: random.Random) -> str:
    """One to three mutations: a value replaced by a hostile JSON text, a key removed, a list
    item doubled, a new config key, or (rarely) the bytes cut or flipped."""
    roll = rng.random()
    if roll < 0.05:
        return text[: rng.randrange(len(text))]
    if roll < 0.08:
        index = rng.randrange(len(text))
        return text[:index] + chr(rng.randrange(32, 0x2FF)) + text[index + 1 :]
    document = json.loads(text)
    raw: list[str] = []
    for _ in range(rng.choice((1, 1, 1, 2, 3))):
        paths = list(_paths(document))
        path = rng.choice(paths[1:])
        action = rng.random()
        strings = [p for p in paths if isinstance(_get(document, p), str)]
        if action < 0.4 and strings:
            raw.append(rng.choice(BENIGN))
            document = _replace(document, rng.choice(strings), f"{_MARK}{len(raw) - 1}{_MARK}")
            continue
        if action < 0.7:
            current = _get(document, path)
            same_type = [h for h in HOSTILE if _type_of(h) == _type_of(json.dumps(current))]
            pool = same_type if same_type and rng.random() < 0.6 else HOSTILE
            raw.append(rng.choice(pool))
            document = _replace(document, path, f"{_MARK}{len(raw) - 1}{_MARK}")
        elif action < 0.8 and path:
            document = _delete(document, path)
        elif action < 0.9:
            parents = [
                p for p in paths if isinstance(_get(document, p), list) and _get(document, p)
            ]
            if parents:
                target = rng.choice(parents)
                items = _get(document, target)
                document = _replace(document, target, [*items, rng.choice(items)])
        else:
            configs = [p for p in paths if p and p[-1] == "config"]
            if configs:
                target = rng.choice(configs)
                value = _get(document, target)
                if isinstance(value, dict):
                    raw.append(rng.choice(HOSTILE))
                    key = rng.choice(["count", "memory_mb", "timeout_s", "name", "definition", "x"])
                    new = {**value, key: f"{_MARK}{len(raw) - 1}{_MARK}"}
                    document = _replace(document, target, new)
    out = json.dumps(document, indent=1, ensure_ascii=False)
    for index, snippet in enumerate(raw):
        out = out.replace(f'"{_MARK}{index}{_MARK}"', snippet)
    return out


def _type_of(text: str) -> str:
    head = text[:1]
    return "str" if head == '"' else "num" if head in "-0123456789NI" else "other"


def _get(value: Any, path: tuple[Any, ...]) -> Any:
    for part in path:
        value = value[part]
    return value


def _no_nan(name: str) -> Any:
    raise ValueError(f"non-strict JSON constant {name}")


def strict_json(text: str) -> Any:
    return json.loads(text, parse_constant=_no_nan)


_CHECKED: set[int] = set()
"""Outputs already parsed: most files of a mutant equal its seed's, and parsing (HCL above
all) is the slow part."""


def _check_text(fmt: str, name: str, content: str | bytes) -> None:
    if isinstance(content, bytes):
        return
    key = hash((fmt, name, content))
    if key in _CHECKED:
        return
    _CHECKED.add(key)
    assert not UNSAFE.search(content), f"{fmt}/{name}: raw unsafe character"
    content.encode("utf-8")
    suffix = Path(name).suffix
    if fmt == "cloudformation":
        if content.lstrip().startswith("{"):
            strict_json(content)
        else:
            cfn_yaml.loads(content)
    elif suffix == ".json" or (fmt == "asl" and suffix in ("", ".asl")):
        strict_json(content)
    elif suffix == ".tf":
        hcl2.loads(content)
    elif fmt == "diagrams":
        ast.parse(content)
    elif fmt == "report" and content.lstrip().startswith("<!DOCTYPE"):
        _BalancedHtml().check(content)


class _BalancedHtml(HTMLParser):
    """Every element the report opens is closed in order: user text never opens a tag."""

    VOID = frozenset({"meta", "img", "br", "hr", "link", "input", "col", "wbr"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []

    def handle_starttag(self, tag: str, attrs: Any) -> None:
        if tag not in self.VOID:
            self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        assert self.stack and self.stack[-1] == tag, f"unbalanced </{tag}> in {self.stack[-3:]}"
        self.stack.pop()

    def check(self, text: str) -> None:
        self.feed(text)
        self.close()
        assert not self.stack, f"unclosed {self.stack}"


EXPORTS: list[tuple[str, dict[str, Any]]] = [
    ("cloudformation", {}),
    ("cloudformation", {"json": True}),
    ("cloudformation", {"sam": True}),
    ("asl", {}),
    ("terraform", {}),
    ("diagrams", {}),
    ("report", {}),
    ("report", {"html": True}),
]


def _timed(tally: Tally, label: str, step: Callable[[], Any]) -> Any:
    started = time.perf_counter()
    result = step()
    took = time.perf_counter() - started
    if took > tally.slowest[0]:
        tally.slowest = (took, label)
    if took > STEP_SECONDS:
        tally.failures.append(f"{label}: took {took:.1f} s")
    return result


def check(
    text: str, name: str, tally: Tally, images: Callable[[Design], None] | None = None
) -> None:
    """Run one mutant through load, validation, save/reload and every export."""
    tally.mutants += 1
    try:
        design = _timed(tally, f"{name} load", lambda: loads(text, name))
    except LoadError as error:
        message = str(error)
        tally.refused += 1
        kind = message.split(": ", 2)[-1][:40]
        tally.messages[kind] = tally.messages.get(kind, 0) + 1
        if not message.startswith(name) or "\n" in message or len(message) > 600:
            tally.failures.append(f"{name}: unclear error {message[:200]!r}")
        message.encode("utf-8")
        return
    except Exception as error:  # noqa: BLE001 - a crash is what the fuzzer looks for
        tally.failures.append(f"{name} load crashed: {type(error).__name__}: {error}"[:300])
        return
    tally.loaded += 1
    try:
        findings = _timed(tally, f"{name} validate", lambda: validate(design))
        saved = _timed(tally, f"{name} save", lambda: dumps(design))
        strict_json(saved)
        if dumps(loads(saved, name)) != saved:
            tally.failures.append(f"{name}: reload differs")
        for fmt, options in EXPORTS:
            if fmt == "report":
                options = {**options, "findings": findings}
            files = _timed(
                tally,
                f"{name} {fmt}",
                lambda fmt=fmt, options=options: render(design, fmt, "out", **options),
            )
            for file_name, content in files.items():
                _check_text(fmt, file_name, content)
        if images is not None:
            _timed(tally, f"{name} images", lambda: images(design))
    except Exception as error:  # noqa: BLE001
        tally.failures.append(f"{name}: {type(error).__name__}: {error}"[:300])


def run(
    count: int, seed: int, images: Callable[[Design], None] | None = None, image_every: int = 0
) -> Tally:
    rng = random.Random(seed)
    texts = [path.read_text(encoding="utf-8") for path in SEEDS]
    tally = Tally()
    for index in range(count):
        text = mutate(rng.choice(texts), rng)
        with_images = images if image_every and index % image_every == 0 else None
        check(text, f"mutant-{seed}-{index}.archcanvas", tally, with_images)
    return tally
