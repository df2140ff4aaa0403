"""Validation: the rule engine and the AWS rule catalog.

Importing this package registers every rule module's rules in RULES.
"""

from model.rules import lambda_rules  # noqa: F401  (registers rules)
from model.rules.engine import (
    RULES,
    Finding,
    IncrementalValidator,
    RuleContext,
    RuleRegistry,
    RuleSpec,
    Severity,
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
    "rule",
    "sort_findings",
    "validate",
]
