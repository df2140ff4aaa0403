"""Configuration of Step Functions state machines."""

from __future__ import annotations

from typing import Any, Literal

from model.config.base import ServiceConfig, setting


class StateMachineConfig(ServiceConfig):
    workflow_type: Literal["STANDARD", "EXPRESS"] = setting("STANDARD", "Workflow type.")
    invocation: Literal["async", "sync"] = setting(
        "async", "Started asynchronously, or synchronously (StartSyncExecution, Express only)."
    )
    definition: dict[str, Any] | None = setting(None, "Amazon States Language definition.")
    definition_substitutions: dict[str, str] = setting(
        {}, "Map from ${Name} placeholders in the definition to node ids of this design."
    )
    expected_duration_s: float | None = setting(None, "Expected duration of one execution.", "s")
    logging: bool = setting(False, "Execution logging to CloudWatch Logs.")
    region: str | None = setting(None, "Region, when not given by a Region container.")

    def substitution_target(self, placeholder: str) -> str | None:
        """The node id a ${placeholder} maps to; keys may be written Name or ${Name}."""
        found = self.definition_substitutions.get(placeholder)
        if found is None:
            found = self.definition_substitutions.get(f"${{{placeholder}}}")
        return found
