"""Workflow editor benchmark: a 300-state workflow (a chain of stages, each a Choice, Tasks with
Catch and Retry, a Parallel whose branches hold an inline Map). Prints the time to open its tab
(graph, layout, arrows routed by model.routing, items), paint it once, and for one edit of a
state the time until graph, JSON view and findings are all updated. Targets: open+layout+paint
< 0.5 s, edit < 50 ms. Each also prints its CPU time (process time), which other processes on
a shared machine disturb far less than the wall clock.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python bench/bench_workflow.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path
from typing import Any

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from PySide6.QtGui import QImage, QPainter  # noqa: E402
from PySide6.QtWidgets import QApplication  # noqa: E402

from app.document import Document  # noqa: E402
from app.workflow.tab import WorkflowTab  # noqa: E402
from model.commands import SetConfig  # noqa: E402
from model.design import Design, new_node  # noqa: E402
from model.elements import Point  # noqa: E402
from model.stepfunctions.edits import set_state_field  # noqa: E402

LAMBDA = "arn:aws:states:::lambda:invoke"
EDITS = 20


def task(name: str, following: str | None) -> dict[str, Any]:
    state: dict[str, Any] = {
        "Type": "Task",
        "Resource": LAMBDA,
        "Parameters": {"FunctionName": name, "Payload.$": "$"},
        "TimeoutSeconds": 20,
        "Retry": [{"ErrorEquals": ["States.ALL"], "MaxAttempts": 2}],
    }
    if following is None:
        state["End"] = True
    else:
        state["Next"] = following
    return state


def stage(index: int, following: str) -> dict[str, Any]:
    """Nine states: a Choice, two Tasks, a Parallel of two branches each a Map of one Task, and
    a Pass."""
    p = f"S{index}"
    branches = []
    for b in range(2):
        branches.append(
            {
                "StartAt": f"{p} map {b}",
                "States": {
                    f"{p} map {b}": {
                        "Type": "Map",
                        "ItemsPath": "$.items",
                        "MaxConcurrency": 4,
                        "ItemProcessor": {
                            "ProcessorConfig": {"Mode": "INLINE"},
                            "StartAt": f"{p} item {b}",
                            "States": {f"{p} item {b}": task(f"item-{b}", None)},
                        },
                        "End": True,
                    }
                },
            }
        )
    return {
        f"{p} route": {
            "Type": "Choice",
            "Choices": [{"Variable": "$.fast", "BooleanEquals": True, "Next": f"{p} fast"}],
            "Default": f"{p} work",
        },
        f"{p} fast": task("fast", f"{p} done"),
        f"{p} work": task("work", f"{p} fan out")
        | {"Catch": [{"ErrorEquals": ["States.ALL"], "Next": f"{p} done"}]},
        f"{p} fan out": {"Type": "Parallel", "Branches": branches, "Next": f"{p} done"},
        f"{p} done": {"Type": "Pass", "Next": following},
    }


def definition(states_wanted: int = 300) -> dict[str, Any]:
    stages = -(-states_wanted // 9)
    states: dict[str, Any] = {}
    for index in range(stages):
        following = f"S{index + 1} route" if index + 1 < stages else "Finished"
        states.update(stage(index, following))
    states["Finished"] = {"Type": "Succeed"}
    return {"StartAt": "S0 route", "States": states}


def count_states(machine: dict[str, Any]) -> int:
    total = 0
    for state in machine["States"].values():
        total += 1
        for branch in state.get("Branches", []):
            total += count_states(branch)
        if "ItemProcessor" in state:
            total += count_states(state["ItemProcessor"])
    return total


def main() -> int:
    app = QApplication.instance() or QApplication(["bench"])
    design = Design("Workflow benchmark")
    node = new_node(
        design,
        "aws.stepfunctions.state_machine",
        Point(0, 0),
        config={"definition": definition(), "workflow_type": "EXPRESS"},
    )
    design.add_node(node)
    document = Document(design)
    print(f"states: {count_states(node.config.definition)}")

    opens: list[float] = []
    opens_cpu: list[float] = []
    for _ in range(5):
        started, started_cpu = time.perf_counter(), time.process_time()
        tab = WorkflowTab(document, node.id)
        tab.resize(1400, 900)
        rect = tab.scene.items_rect()
        image = QImage(1400, 900, QImage.Format.Format_ARGB32_Premultiplied)
        painter = QPainter(image)
        tab.scene.render(painter, source=rect)
        painter.end()
        opens.append(time.perf_counter() - started)
        opens_cpu.append(time.process_time() - started_cpu)
        tab.detach()
        tab.deleteLater()
        app.processEvents()
    print(
        f"open + layout + route + paint: {statistics.median(opens) * 1000:.0f} ms median of 5; "
        f"CPU {statistics.median(opens_cpu) * 1000:.0f} ms median"
    )

    tab = WorkflowTab(document, node.id)
    for view in ("state form", "code view"):
        if view == "code view":
            tab.show_code()
        edits: list[float] = []
        cpu: list[float] = []
        for step in range(EDITS):
            state_id = (f"S{step} work",)
            tab.scene.select_states([state_id])
            value = 30 + step + (100 if view == "code view" else 0)
            started, started_cpu = time.perf_counter(), time.process_time()
            tab.scene.edit(
                "bench", lambda d, s=state_id, v=value: set_state_field(d, s, "TimeoutSeconds", v)
            )
            edits.append(time.perf_counter() - started)
            cpu.append(time.process_time() - started_cpu)
            assert tab.scene.graph.states[state_id].state["TimeoutSeconds"] == value
            shown = tab.code.edit if view == "code view" else tab.form.json_edit
            assert f'"TimeoutSeconds": {value}' in shown.toPlainText()
        print(
            f"edit a state with the {view} open (graph, JSON and findings updated): "
            f"{statistics.median(edits) * 1000:.1f} ms median, {max(edits) * 1000:.1f} ms max; "
            f"CPU {statistics.median(cpu) * 1000:.1f} ms median"
        )
    tab.detach()

    alone: list[float] = []
    alone_cpu: list[float] = []
    for step in range(EDITS):
        state_id = (f"S{step} work",)
        config = document.design.node(node.id).config
        new = set_state_field(config.definition, state_id, "TimeoutSeconds", 200 + step)
        started, started_cpu = time.perf_counter(), time.process_time()
        document.push(SetConfig(node.id, config.model_copy(update={"definition": new})))
        alone.append(time.perf_counter() - started)
        alone_cpu.append(time.process_time() - started_cpu)
    print(
        f"the same edit with no workflow tab (model, rules, findings only): "
        f"{statistics.median(alone) * 1000:.1f} ms median; "
        f"CPU {statistics.median(alone_cpu) * 1000:.1f} ms median"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
