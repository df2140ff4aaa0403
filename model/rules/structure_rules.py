"""Structure the catalog forbids: connections and containment a file can hold although the
editor would refuse them (hand-edited or generated files, older catalogs)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from model.elements import Node
from model.rules.engine import Finding, RuleContext, rule


@rule(
    "CONNECTION_NOT_ALLOWED",
    severity="error",
    title="Connection the catalog does not allow",
    source="ArchCanvas catalog: which kinds connect by which relation (model/catalog/relations.py)",
    hint="Remove the connection or use a relation the two services support; the connection "
    "menu lists the allowed ones.",
)
def connection_not_allowed(ctx: RuleContext, node: Node) -> list[Finding]:
    found: list[Finding] = []
    design = ctx.design
    allowed = design.catalog.allowed_from(node.kind)
    target_of = design.node
    for edge in design.outgoing(node.id):
        if edge.target != node.id and (target_of(edge.target).kind, edge.relation) in allowed:
            continue
        verdict = design.can_connect(edge.source, edge.target, edge.relation)
        if not verdict.ok:
            found.append(
                ctx.finding(
                    f"{ctx.label(edge.source)} {edge.relation} {ctx.label(edge.target)}: "
                    f"{verdict.reason}",
                    [edge.id, edge.source, edge.target],
                )
            )
    return found


@rule(
    "CONTAINMENT_NOT_ALLOWED",
    severity="error",
    title="Node inside a container that may not hold it",
    source="ArchCanvas catalog: what each container may hold (model/catalog/groups.py)",
    hint="Move the node out of this container, into one that can hold it.",
)
def containment_not_allowed(ctx: RuleContext, node: Node) -> list[Finding]:
    found: list[Finding] = []
    if node.parent is None:
        return found
    parent = ctx.design.node(node.parent)
    if ctx.design.catalog.can_contain(parent.kind, node.kind) and parent.parent != node.id:
        return found
    verdict = ctx.design.can_contain(node.parent, node.kind, node.id)
    if not verdict.ok:
        found.append(
            ctx.finding(
                f"{ctx.label(node.id)} is inside {ctx.label(node.parent)}: {verdict.reason}",
                [node.id, node.parent],
            )
        )
    return found


@rule(
    "PROFILE_UNKNOWN_QUOTA",
    severity="warning",
    title="Account profile overrides a quota ArchCanvas does not know",
    source="https://docs.aws.amazon.com/servicequotas/latest/userguide/intro.html",
    hint="Use one of the quota names the account profile dialog offers (`archcanvas rules` and "
    "model/data/limits.json list them); an unknown name changes nothing.",
    scope="design",
)
def profile_unknown_quota(ctx: RuleContext) -> Iterator[Finding]:
    known = sorted({limit.quota for limit in ctx.limits if limit.quota})
    for name in sorted(ctx.design.profile.quotas):
        if name in known:
            continue
        nearest = difflib.get_close_matches(name, known, n=1)
        suggestion = f"; did you mean {nearest[0]}?" if nearest else ""
        yield ctx.finding(
            f"The account profile sets quota '{name}', which ArchCanvas does not know{suggestion}",
            [],
        )
