"""Validation: the rule engine and the AWS rule catalog.

Importing this package registers every rule module's rules in RULES.
"""

from model.rules import (  # noqa: F401  (importing registers the rules)
    batch_rules,
    capacity_rules,
    containers_rules,
    ec2_rules,
    edge_rules,
    fargate_rules,
    integration_rules,
    lambda_rules,
    platforms_rules,
    stack_rules,
    stepfunctions_rules,
    structure_rules,
)
from model.rules.engine import (
    RULES,
    Finding,
    IncrementalValidator,
    RuleContext,
    RuleRegistry,
    RuleSpec,
    Severity,
    StateRef,
    rule,
    sort_findings,
    validate,
)

__all__ = [
    "RULES",
    "Finding",
    "IncrementalValidator",
    "RuleContext",
    "RuleRegistry",
    "RuleSpec",
    "Severity",
    "StateRef",
    "rule",
    "sort_findings",
    "validate",
]
