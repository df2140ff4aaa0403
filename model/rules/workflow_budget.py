"""A state machine's time budget as the workflow editor shows it: the shortest and longest
execution the duration rules compute, against the limit of its workflow type."""

from __future__ import annotations

from dataclasses import dataclass

from model.design import Design
from model.limits import default_limits
from model.rules.engine import RULES, RuleContext
from model.rules.stepfunctions_rules import duration_analysis, machine_config
from model.stepfunctions import DurationAnalysis


@dataclass(frozen=True)
class WorkflowBudget:
    workflow_type: str
    limit_s: float
    analysis: DurationAnalysis | None

    @property
    def shortest_s(self) -> float | None:
        return self.analysis.shortest.seconds if self.analysis else None

    @property
    def longest_s(self) -> float | None:
        """None when the longest execution has no known bound."""
        return self.analysis.longest.seconds if self.analysis else None

    @property
    def over(self) -> bool:
        longest = self.longest_s
        return longest is None or longest > self.limit_s


def workflow_budget(design: Design, node_id: str) -> WorkflowBudget | None:
    """The budget of the state machine node_id, with Task bounds from the functions it invokes
    (the same numbers SFN_EXPRESS_DURATION and SFN_STANDARD_DURATION report)."""
    node = design.node(node_id)
    config = machine_config(node)
    if config is None:
        return None
    ctx = RuleContext(design, default_limits(), RULES.get("SFN_EXPRESS_DURATION"))
    limit = float(ctx.limit("SFN_MAX_DURATION_S", config.workflow_type))
    analysis = duration_analysis(ctx, node) if config.definition is not None else None
    return WorkflowBudget(config.workflow_type, limit, analysis)
