"""Structure the catalog forbids: connections and containment a file can hold although the
editor would refuse them (hand-edited or generated files, older catalogs)."""

from __future__ import annotations

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
def connection_not_allowed(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    for edge in ctx.design.outgoing(node.id):
        verdict = ctx.design.can_connect(edge.source, edge.target, edge.relation)
        if not verdict.ok:
            yield ctx.finding(
                f"{ctx.label(edge.source)} {edge.relation} {ctx.label(edge.target)}: "
                f"{verdict.reason}",
                [edge.id, edge.source, edge.target],
            )


@rule(
    "CONTAINMENT_NOT_ALLOWED",
    severity="error",
    title="Node inside a container that may not hold it",
    source="ArchCanvas catalog: what each container may hold (model/catalog/groups.py)",
    hint="Move the node out of this container, into one that can hold it.",
)
def containment_not_allowed(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    if node.parent is None:
        return
    verdict = ctx.design.can_contain(node.parent, node.kind, node.id)
    if not verdict.ok:
        yield ctx.finding(
            f"{ctx.label(node.id)} is inside {ctx.label(node.parent)}: {verdict.reason}",
            [node.id, node.parent],
        )
