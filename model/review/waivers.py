"""Waivers as a layer over the rule engine's findings.

The engine knows nothing of waivers: apply_waivers() takes its findings, marks each one an
active waiver covers (Finding.waiver), and adds the review rules' findings about the
waivers themselves: WAIVER_EXPIRED (past its expiry while the rule still fires, so it no
longer waives) and WAIVER_STALE (its elements are gone, or its rule no longer fires on them).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import replace

from model.design import Design
from model.limits import default_limits
from model.review.values import Waiver
from model.rules import dates
from model.rules.engine import Finding, RuleContext, RuleRegistry, rule, sort_findings

REVIEW_RULES = RuleRegistry()
"""Rules about the review data, run by apply_waivers (not by the engine) and documented
and reported with the others."""

WAIVERS_DOC = "https://github.com/archcanvas/archcanvas/blob/main/docs/file-format.md#waivers"


def _describe(design: Design, waiver: Waiver) -> str:
    names = []
    for element in waiver.elements:
        if design.has_node(element):
            names.append(design.node(element).label or element)
        else:
            names.append(element)
    return f"{waiver.rule} on {', '.join(names) or 'the whole design'}"


def _missing(design: Design, waiver: Waiver) -> list[str]:
    return [e for e in waiver.elements if not design.has_node(e) and not design.has_edge(e)]


def _present(design: Design, waiver: Waiver) -> list[str]:
    return [e for e in waiver.elements if design.has_node(e) or design.has_edge(e)]


@rule(
    "WAIVER_EXPIRED",
    severity="warning",
    title="A waiver is past its expiry date and no longer waives its finding",
    source=WAIVERS_DOC,
    hint="Fix the finding, or renew the waiver with a new expiry date and reason.",
    scope="design",
    registry=REVIEW_RULES,
)
def expired_waivers(
    ctx: RuleContext, findings: Sequence[Finding], today: dt.date
) -> Iterable[Finding]:
    design = ctx.design
    for waiver in design.waivers:
        if not waiver.expired(today) or _missing(design, waiver):
            continue
        if any(waiver.covers(f.rule, f.elements) for f in findings):
            yield ctx.finding(
                f"The waiver of {_describe(design, waiver)} expired on {waiver.expires} "
                f"(reason was: {waiver.reason}); its finding counts again.",
                waiver.elements,
            )


@rule(
    "WAIVER_STALE",
    severity="info",
    title="A waiver waives nothing: its elements are gone or its rule no longer fires on them",
    source=WAIVERS_DOC,
    hint="Remove the waiver (the finding it accepted is gone).",
    scope="design",
    registry=REVIEW_RULES,
)
def stale_waivers(
    ctx: RuleContext, findings: Sequence[Finding], today: dt.date
) -> Iterable[Finding]:
    design = ctx.design
    for waiver in design.waivers:
        missing = _missing(design, waiver)
        if missing:
            yield ctx.finding(
                f"The waiver of {_describe(design, waiver)} names elements that are no longer "
                f"in the design: {', '.join(missing)}.",
                _present(design, waiver),
            )
        elif not any(waiver.covers(f.rule, f.elements) for f in findings):
            yield ctx.finding(
                f"The waiver of {_describe(design, waiver)} waives nothing: "
                f"{waiver.rule} no longer fires there.",
                waiver.elements,
            )


def apply_waivers(
    design: Design, findings: Iterable[Finding], today: dt.date | None = None
) -> list[Finding]:
    """The findings with the design's active waivers attached, plus the findings about the
    waivers themselves, sorted. A waived finding stays in the list (shown greyed)."""
    day = dates.today() if today is None else today
    found = [f for f in findings if f.rule not in REVIEW_RULES]
    active = [w for w in design.waivers if not w.expired(day) and not _missing(design, w)]
    result: list[Finding] = [] if active else list(found)
    for finding in found if active else ():
        waiver = next((w for w in active if w.covers(finding.rule, finding.elements)), None)
        result.append(finding if waiver is None else replace(finding, waiver=waiver))
    limits = default_limits()
    for spec in REVIEW_RULES:
        result.extend(spec.check(RuleContext(design, limits, spec), found, day))
    return sort_findings(result)


def open_findings(findings: Iterable[Finding]) -> list[Finding]:
    """Findings no waiver covers: what badges, counts and the exit status count."""
    return [f for f in findings if f.waiver is None]


def waiver_for(
    finding: Finding, reason: str, author: str, today: dt.date, expires: dt.date | None = None
) -> Waiver:
    """The waiver a reviewer makes from a finding: its rule and all its elements."""
    return Waiver(
        rule=finding.rule,
        elements=finding.elements,
        reason=reason,
        author=author,
        created=today.isoformat(),
        expires=None if expires is None else expires.isoformat(),
    )
