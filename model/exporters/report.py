"""Design review report (Markdown, or one self-contained HTML file; the PDF is this HTML
laid out by Qt in app/report_pdf.py).

The report is the document a reviewer signs: the review status, the diagram, a summary
(services by kind, Regions, account profile and quota overrides), the services with their
key settings, the open findings by severity with hints and sources, the waivers with their
reasons, authors and expiry, the notes, the limits the rules compared against with value,
source and status, and, given a base version, the semantic diff and its picture. Images come
in from the caller (rendering needs Qt; this module stays pure).
"""

from __future__ import annotations

import base64
import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from model.design import Design
from model.exporters.escaping import html_text, markdown_text, one_line
from model.limits import Limit, Limits, default_limits
from model.review.diff import DesignDiff, change_lines
from model.review.diff import render_markdown as diff_markdown
from model.review.waivers import apply_waivers, open_findings
from model.rules import Finding, dates, validate

SEVERITIES = (("error", "Errors"), ("warning", "Warnings"), ("info", "Information"))
KEY_LIMITS: dict[str, tuple[str, ...]] = {
    "aws.lambda": ("LAMBDA_TIMEOUT_MAX", "LAMBDA_MEMORY_RANGE", "LAMBDA_ACCOUNT_CONCURRENCY"),
    "aws.lambda_edge": ("LAMBDA_EDGE_VIEWER_TIMEOUT", "LAMBDA_EDGE_ORIGIN_TIMEOUT"),
    "aws.stepfunctions.state_machine": ("SFN_MAX_DURATION", "SFN_PAYLOAD"),
    "aws.apigateway.api": ("APIGW_REST_INTEGRATION_TIMEOUT", "APIGW_HTTP_API_TIMEOUT"),
    "aws.sqs.queue": ("SQS_LAMBDA_VISIBILITY_MIN",),
    "aws.ecs.service": ("ECS_FARGATE_CPU_MEMORY",),
    "aws.batch.job_queue": ("BATCH_CE_PER_QUEUE",),
    "aws.ec2.placement_group": ("EC2_PG_SPREAD_RACK_MAX", "EC2_PG_PARTITION_MAX"),
}


def _settings(node_config: Any) -> str:
    """Settings that differ from the kind's defaults, as 'name=value' pairs."""
    model = type(node_config)
    changed = []
    for name, field in model.model_fields.items():
        value = getattr(node_config, name)
        if name == "definition":
            if value is not None:
                changed.append("definition=(ASL)")
            continue
        if value != field.get_default(call_default_factory=True):
            if hasattr(value, "model_dump"):
                value = value.model_dump()
            elif isinstance(value, list) and value and hasattr(value[0], "model_dump"):
                value = [item.model_dump() for item in value]
            changed.append(f"{name}={value}")
    return ", ".join(changed) if changed else "defaults"


def _limit_value(limit: Limit, limits: Limits, design: Design) -> str:
    value = limits.value(limit.id, profile=design.profile) if limit.quota else limit.value
    if isinstance(value, dict):
        text = ", ".join(f"{k} {v}" for k, v in value.items())
    elif value is None:
        text = "(rule)"
    else:
        text = str(value)
    if limit.unit and limit.unit != "rule" and value is not None:
        text += f" {limit.unit}"
    return text


def limits_used(
    design: Design, findings: Sequence[Finding], limits: Limits | None = None
) -> list[Limit]:
    """Limits behind the rules that fired (same id, RULE_ id or same source), then the key
    defaults for the kinds the design uses; each once, in that order."""
    limits = limits or default_limits()
    chosen: dict[str, Limit] = {}
    sources = {f.source for f in findings}
    rules = {f.rule for f in findings}
    for limit in limits:
        if limit.id in rules or limit.id.removeprefix("RULE_") in rules or limit.source in sources:
            chosen.setdefault(limit.id, limit)
    kinds = {node.kind for node in design.iter_nodes()}
    for kind, ids in KEY_LIMITS.items():
        if kind in kinds:
            for limit_id in ids:
                if limit_id in limits:
                    chosen.setdefault(limit_id, limits.get(limit_id))
    if design.profile.quotas:
        for limit in limits:
            if limit.quota and limit.quota in design.profile.quotas:
                chosen.setdefault(limit.id, limit)
    return list(chosen.values())


def _findings(design: Design, findings: Iterable[Finding] | None) -> list[Finding]:
    """The findings as given, else validated with the design's waivers applied."""
    if findings is not None:
        return list(findings)
    return apply_waivers(design, validate(design))


def review_line(design: Design) -> str:
    review = design.review
    return f"Review status: {review.describe() if review else 'draft (not set)'}"


def _architecture(design: Design) -> list[Any]:
    return [n for n in design.iter_nodes() if not design.catalog.is_annotation(n.kind)]


def kind_counts(design: Design) -> list[tuple[str, int]]:
    """Services and groups by kind, most first."""
    counts = Counter(design.spec(n.id).display_name for n in _architecture(design))
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))


def regions(design: Design) -> list[str]:
    found = {design.effective_region(n.id) for n in _architecture(design)}
    return sorted(found | {design.profile.region})


def waiver_rows(
    design: Design, findings: Sequence[Finding], today: dt.date | None = None
) -> list[tuple[str, str, str, str, str, str, str]]:
    """(rule, elements, reason, author, created, expires, state) per waiver; the state is
    active (waives a finding), expired or stale (waives nothing)."""
    day = dates.today() if today is None else today
    rows = []
    for waiver in design.waivers:
        waived = [f for f in findings if f.waiver == waiver]
        if waived:
            state = "active: " + "; ".join(f.message for f in waived)
        elif waiver.expired(day):
            state = "expired"
        else:
            state = "stale (waives nothing)"
        rows.append(
            (
                waiver.rule,
                _elements(design, waiver.elements) or "whole design",
                waiver.reason,
                waiver.author or "unknown",
                waiver.created,
                waiver.expires or "never",
                state,
            )
        )
    return rows


def note_rows(design: Design) -> list[tuple[str, str, str]]:
    """(note id, text, what it is attached to) per note."""
    rows = []
    for node in design.iter_nodes():
        if not design.catalog.is_annotation(node.kind):
            continue
        targets = [e.target for e in design.outgoing(node.id)]
        text = str(getattr(node.config, "text", "")) or node.label
        rows.append((node.id, text, _elements(design, targets) or "—"))
    return rows


def _elements(design: Design, ids: Iterable[str]) -> str:
    names = []
    for element in ids:
        if design.has_node(element):
            node = design.node(element)
            names.append(f"{node.label or node.id} ({node.id})")
        else:
            names.append(element)
    return ", ".join(names)


def _container(design: Design, node_id: str) -> str:
    parent = design.node(node_id).parent
    return "" if parent is None else (design.node(parent).label or parent)


def render_markdown(
    design: Design,
    findings: Iterable[Finding] | None = None,
    image_name: str | None = None,
    base: DesignDiff | None = None,
    base_name: str = "base",
    diff_image_name: str | None = None,
    workflow_images: Sequence[tuple[str, str]] = (),
) -> str:
    """workflow_images: (state machine node id, picture file name) per workflow picture."""
    everything = _findings(design, findings)
    found = open_findings(everything)
    md = markdown_text
    lines = [f"# Design review: {md(design.name)}", "", md(review_line(design)), ""]
    if design.description:
        lines += [md(design.description), ""]
    counts = {
        severity: sum(1 for f in found if f.severity == severity) for severity, _ in SEVERITIES
    }
    lines += [
        f"{len(design.nodes)} services and groups, {len(design.edges)} connections; "
        f"{counts['error']} errors, {counts['warning']} warnings, {counts['info']} info.",
        "",
        "## Diagram",
        "",
    ]
    if image_name:
        lines += [f"![Diagram of {md(design.name)}](<{image_name.replace('>', '%3E')}>)", ""]
    else:
        lines += ["(No image was exported with this report.)", ""]
    if workflow_images:
        lines += ["## Workflows", ""]
        for node_id, name in workflow_images:
            label = design.node(node_id).label or node_id if design.has_node(node_id) else node_id
            lines += [
                f"### {md(label)}",
                "",
                f"![Workflow of {md(label)}](<{name.replace('>', '%3E')}>)",
                "",
            ]
    lines += ["## Summary", "", "| Kind | Count |", "| --- | --- |"]
    lines += [f"| {md(kind)} | {count} |" for kind, count in kind_counts(design)]
    lines += ["", f"Regions: {md(', '.join(regions(design)))}", ""]
    lines += ["## Account profile", "", f"- Region: {md(design.profile.region)}"]
    if design.profile.quotas:
        lines += ["- Quota overrides:", "", "| Quota | Value |", "| --- | --- |"]
        lines += [
            f"| {md(name)} | {value} |" for name, value in sorted(design.profile.quotas.items())
        ]
    else:
        lines.append("- Quota overrides: none (AWS defaults)")
    lines += [
        "",
        "## Services",
        "",
        "| Id | Service | Label | In | Key settings |",
        "| --- | --- | --- | --- | --- |",
    ]
    for node in _architecture(design):
        spec = design.spec(node.id)
        lines.append(
            f"| {md(node.id)} | {md(spec.display_name)} | {md(node.label)} | "
            f"{md(_container(design, node.id))} | {md(_settings(node.config))} |"
        )
    if design.edges:
        lines += [
            "",
            "### Connections",
            "",
            "| From | Relation | To | Settings |",
            "| --- | --- | --- | --- |",
        ]
        for edge in design.iter_edges():
            if edge.relation == "annotates":
                continue
            lines.append(
                f"| {md(edge.source)} | {md(edge.relation)} | {md(edge.target)} | "
                f"{md(_settings(edge.config))} |"
            )
    lines += ["", "## Findings", ""]
    if not found:
        lines += ["No findings.", ""]
    for severity, title in SEVERITIES:
        group = [f for f in found if f.severity == severity]
        if not group:
            continue
        lines += [f"### {title} ({len(group)})", ""]
        for finding in group:
            lines.append(f"- **{md(finding.rule)}**: {md(finding.message)}")
            lines.append(f"  - Elements: {md(_elements(design, finding.elements))}")
            if finding.hint:
                lines.append(f"  - Fix: {md(finding.hint)}")
            lines.append(f"  - Source: {md(finding.source)}")
        lines.append("")
    lines += ["## Waivers", ""]
    rows = waiver_rows(design, everything)
    if rows:
        lines += [
            "| Rule | Elements | Reason | Author | Created | Expires | State |",
            "| --- | --- | --- | --- | --- | --- | --- |",
        ]
        lines += ["| " + " | ".join(md(cell) for cell in row) + " |" for row in rows]
    else:
        lines.append("No waivers.")
    lines += ["", "## Notes", ""]
    notes = note_rows(design)
    if notes:
        lines += ["| Note | Text | Attached to |", "| --- | --- | --- |"]
        lines += [f"| {md(i)} | {md(text)} | {md(on)} |" for i, text, on in notes]
    else:
        lines.append("No notes.")
    lines += [
        "",
        "## Limits used",
        "",
        "| Limit | Value | Kind | Status | Verified | Source |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    limits = default_limits()
    for limit in limits_used(design, everything, limits):
        lines.append(
            f"| {md(limit.id)}: {md(limit.constraint)} | {md(_limit_value(limit, limits, design))} | "
            f"{md(limit.kind)} | {md(limit.status)} | {md(limit.verified or 'not verified')} | "
            f"{md(limit.source)} |"
        )
    if base is not None:
        lines += ["", diff_markdown(base, base_name, "this version").rstrip("\n"), ""]
        if diff_image_name:
            lines += [f"![Changes since {md(base_name)}](<{diff_image_name.replace('>', '%3E')}>)"]
    return "\n".join(lines).rstrip("\n") + "\n"


_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 72em; color: #222; }
table { border-collapse: collapse; margin: 0.5em 0 1.5em; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
th { background: #f3f3f3; }
.error { color: #b00020; } .warning { color: #a35a00; } .info { color: #1a5fb4; }
img.diagram { max-width: 100%; border: 1px solid #ddd; }
"""


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    out = ["<table>", "<tr>" + "".join(f"<th>{html_text(h)}</th>" for h in headers) + "</tr>"]
    for row in rows:
        out.append("<tr>" + "".join(f"<td>{html_text(cell)}</td>" for cell in row) + "</tr>")
    out.append("</table>")
    return out


def _image(alt: str, png: bytes | None, src: str | None) -> str:
    if src:
        return f'<img class="diagram" alt="{html_text(alt)}" src="{html_text(src)}">'
    data = base64.b64encode(png or b"").decode("ascii")
    return f'<img class="diagram" alt="{html_text(alt)}" src="data:image/png;base64,{data}">'


def render_html(
    design: Design,
    findings: Iterable[Finding] | None = None,
    image_png: bytes | None = None,
    base: DesignDiff | None = None,
    base_name: str = "base",
    diff_png: bytes | None = None,
    image_src: str | None = None,
    diff_src: str | None = None,
    workflow_pngs: Sequence[tuple[str, bytes]] = (),
) -> str:
    """One HTML file; images embedded as data URLs, or named by image_src and diff_src
    (for a layout engine that is handed the images separately, as the PDF's is)."""
    everything = _findings(design, findings)
    found = open_findings(everything)
    h = html_text
    out = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        f"<title>Design review: {h(one_line(design.name))}</title>",
        f"<style>{_STYLE}</style></head><body>",
        f"<h1>Design review: {h(design.name)}</h1>",
        f"<p><strong>{h(review_line(design))}</strong></p>",
    ]
    if design.description:
        out.append(f"<p>{h(design.description)}</p>")
    out.append("<h2>Diagram</h2>")
    if image_png or image_src:
        out.append(_image(f"Diagram of {design.name}", image_png, image_src))
    else:
        out.append("<p>(No image was exported with this report.)</p>")
    if workflow_pngs:
        out.append("<h2>Workflows</h2>")
        for node_id, png in workflow_pngs:
            label = design.node(node_id).label or node_id if design.has_node(node_id) else node_id
            data = base64.b64encode(png).decode("ascii")
            out.append(f"<h3>{h(label)}</h3>")
            out.append(
                f'<img class="diagram" alt="Workflow of {h(label)}" '
                f'src="data:image/png;base64,{data}">'
            )
    out.append("<h2>Summary</h2>")
    out += _table(("Kind", "Count"), ((kind, str(count)) for kind, count in kind_counts(design)))
    out.append(f"<p>Regions: {h(', '.join(regions(design)))}</p>")
    out += ["<h2>Account profile</h2>", f"<p>Region: {h(design.profile.region)}</p>"]
    if design.profile.quotas:
        out += _table(
            ("Quota", "Value"), ((k, str(v)) for k, v in sorted(design.profile.quotas.items()))
        )
    else:
        out.append("<p>Quota overrides: none (AWS defaults)</p>")
    out.append("<h2>Services</h2>")
    out += _table(
        ("Id", "Service", "Label", "In", "Key settings"),
        (
            (
                n.id,
                design.spec(n.id).display_name,
                n.label,
                _container(design, n.id),
                _settings(n.config),
            )
            for n in _architecture(design)
        ),
    )
    if design.edges:
        out.append("<h3>Connections</h3>")
        out += _table(
            ("From", "Relation", "To", "Settings"),
            (
                (e.source, e.relation, e.target, _settings(e.config))
                for e in design.iter_edges()
                if e.relation != "annotates"
            ),
        )
    out.append("<h2>Findings</h2>")
    if not found:
        out.append("<p>No findings.</p>")
    for severity, title in SEVERITIES:
        group = [f for f in found if f.severity == severity]
        if not group:
            continue
        out.append(f'<h3 class="{severity}">{title} ({len(group)})</h3><ul>')
        for finding in group:
            out.append(
                f"<li><strong>{h(finding.rule)}</strong>: {h(finding.message)}<br>"
                f"Elements: {h(_elements(design, finding.elements))}<br>"
                + (f"Fix: {h(finding.hint)}<br>" if finding.hint else "")
                + f"Source: {h(finding.source)}</li>"
            )
        out.append("</ul>")
    out.append("<h2>Waivers</h2>")
    rows = waiver_rows(design, everything)
    if rows:
        out += _table(("Rule", "Elements", "Reason", "Author", "Created", "Expires", "State"), rows)
    else:
        out.append("<p>No waivers.</p>")
    out.append("<h2>Notes</h2>")
    notes = note_rows(design)
    if notes:
        out += _table(("Note", "Text", "Attached to"), notes)
    else:
        out.append("<p>No notes.</p>")
    out.append("<h2>Limits used</h2>")
    limits = default_limits()
    out += _table(
        ("Limit", "Value", "Kind", "Status", "Verified", "Source"),
        (
            (
                f"{limit.id}: {limit.constraint}",
                _limit_value(limit, limits, design),
                limit.kind,
                limit.status,
                limit.verified or "not verified",
                limit.source,
            )
            for limit in limits_used(design, everything, limits)
        ),
    )
    if base is not None:
        out.append(f"<h2>Changes since {h(base_name)}</h2>")
        changes = change_lines(base)
        if changes:
            out.append("<ul>" + "".join(f"<li>{h(line)}</li>" for line in changes) + "</ul>")
        else:
            out.append("<p>No semantic changes.</p>")
        if diff_png or diff_src:
            out.append(_image(f"Changes since {base_name}", diff_png, diff_src))
    out.append("</body></html>")
    return "\n".join(out) + "\n"
