"""Lambda@Edge and CloudFront association limits.

A function is an edge function when it is an aws.lambda_edge node or a CloudFront `triggers`
edge reaches it. Per-event limits apply through each association's event_type, so the same
function can pass on origin-request and fail on viewer-request; findings name the edge.
"""

from __future__ import annotations

from collections.abc import Iterator

from model.config.compute import LambdaConfig
from model.config.edges import EdgeConfig
from model.design import Design
from model.elements import Edge, Node
from model.limits import default_limits
from model.rules.engine import Finding, RuleContext, limit_source, rule
from model.rules.lambda_rules import (
    FUNCTION_KINDS,
    LAMBDA_EDGE,
    exceeded_size_limit,
    lambda_config,
    size_text,
)
from model.wording import number

CLOUDFRONT = "aws.cloudfront.distribution"
TRIGGERS = "triggers"
_L = default_limits()


def associations(design: Design, function_id: str) -> list[Edge]:
    """CloudFront `triggers` edges that reach the function, in design order."""
    return [
        edge
        for edge in design.incoming(function_id, TRIGGERS)
        if design.node(edge.source).kind == CLOUDFRONT
    ]


def linked(ctx: RuleContext, function_id: str) -> list[Edge]:
    """associations() computed once per subject and pass."""
    key = ("associations", function_id)
    found: list[Edge] | None = ctx.memo.get(key)
    if found is None:
        found = ctx.memo[key] = associations(ctx.design, function_id)
    return found


def event_type(edge: Edge) -> str | None:
    config = edge.config
    return config.event_type if isinstance(config, EdgeConfig) else None


def is_viewer(event: str) -> bool:
    return event.startswith("viewer")


def is_edge_function(ctx: RuleContext, node: Node) -> bool:
    return node.kind == LAMBDA_EDGE or bool(linked(ctx, node.id))


def event_associations(
    ctx: RuleContext, node: Node, viewer: bool
) -> Iterator[tuple[Edge, str, LambdaConfig]]:
    """The function's associations on viewer (or origin) events, with the event type."""
    config = lambda_config(node)
    if config is None:
        return
    for edge in linked(ctx, node.id):
        event = event_type(edge)
        if event is not None and is_viewer(event) == viewer:
            yield edge, event, config


def where(ctx: RuleContext, edge: Edge) -> str:
    return f"(distribution {ctx.label(edge.source)}, connection {edge.id})"


@rule(
    "LAMBDA_EDGE_REGION",
    severity="error",
    title="Lambda@Edge function outside the required Region",
    source=limit_source("LAMBDA_EDGE_REGION"),
    hint=f"Create the function in {_L.value('LAMBDA_EDGE_REGION')} (place it in that Region's "
    "container or set its region); CloudFront replicates it to edge locations.",
    kinds=FUNCTION_KINDS,
    when=is_edge_function,
)
def edge_region(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    required = ctx.limit("LAMBDA_EDGE_REGION")
    region = ctx.design.effective_region(node.id)
    if region != required:
        yield ctx.finding(
            f"{ctx.label(node.id)} is in {region}; Lambda@Edge functions must be created in "
            f"{required}",
            [node.id, *(e.id for e in linked(ctx, node.id))],
        )


def package_too_large(
    ctx: RuleContext, node: Node, limit_id: str, viewer: bool
) -> Iterator[Finding]:
    """A finding per viewer (or origin) association whose package exceeds limit_id."""
    for edge, event, config in event_associations(ctx, node, viewer=viewer):
        size = config.package_size_mb
        if size is not None and (limit := exceeded_size_limit(ctx, limit_id, size)) is not None:
            yield ctx.finding(
                f"{ctx.label(node.id)} is {number(size)} MB; functions on {event} events are "
                f"limited to {size_text(limit_id, limit)} compressed {where(ctx, edge)}",
                [node.id, edge.id, edge.source],
            )


@rule(
    "LAMBDA_EDGE_VIEWER_PACKAGE_SIZE",
    severity="error",
    title="Lambda@Edge package too large for a viewer event",
    source=limit_source("LAMBDA_EDGE_VIEWER_PACKAGE_SIZE"),
    hint="Move the work to an origin-request or origin-response event (larger packages allowed), "
    "or trim the package.",
    kinds=FUNCTION_KINDS,
    when=is_edge_function,
)
def viewer_package_size(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    yield from package_too_large(ctx, node, "LAMBDA_EDGE_VIEWER_PACKAGE_SIZE", viewer=True)


@rule(
    "LAMBDA_EDGE_ORIGIN_PACKAGE_SIZE",
    severity="error",
    title="Lambda@Edge package too large for an origin event",
    source=limit_source("LAMBDA_EDGE_ORIGIN_PACKAGE_SIZE"),
    hint="Trim the package, or move heavy processing behind the origin (a Regional Lambda or "
    "container service).",
    kinds=FUNCTION_KINDS,
    when=is_edge_function,
)
def origin_package_size(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    yield from package_too_large(ctx, node, "LAMBDA_EDGE_ORIGIN_PACKAGE_SIZE", viewer=False)


@rule(
    "LAMBDA_EDGE_VIEWER_MEMORY",
    severity="error",
    title="Lambda@Edge memory not allowed on a viewer event",
    source=limit_source("LAMBDA_EDGE_VIEWER_MEMORY"),
    hint=f"Set memory to {number(_L.value('LAMBDA_EDGE_VIEWER_MEMORY'))} MB, or attach the "
    "function to an origin event.",
    kinds=FUNCTION_KINDS,
    when=is_edge_function,
)
def viewer_memory(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    required = ctx.limit("LAMBDA_EDGE_VIEWER_MEMORY")
    for edge, event, config in event_associations(ctx, node, viewer=True):
        if config.memory_mb != required:
            yield ctx.finding(
                f"{ctx.label(node.id)} has {number(config.memory_mb)} MB of memory; functions on "
                f"{event} events must have exactly {number(required)} MB {where(ctx, edge)}",
                [node.id, edge.id, edge.source],
            )


@rule(
    "LAMBDA_EDGE_TIMEOUT",
    severity="error",
    title="Lambda@Edge timeout above the event's maximum",
    source=limit_source("LAMBDA_EDGE_VIEWER_TIMEOUT"),
    hint="Shorten the function's work, or move it to an origin event or behind the origin.",
    kinds=FUNCTION_KINDS,
    when=is_edge_function,
)
def edge_timeout(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    for viewer, limit_id in (
        (True, "LAMBDA_EDGE_VIEWER_TIMEOUT"),
        (False, "LAMBDA_EDGE_ORIGIN_TIMEOUT"),
    ):
        limit = ctx.limit(limit_id)
        for edge, event, config in event_associations(ctx, node, viewer=viewer):
            if config.timeout_s > limit:
                yield ctx.finding(
                    f"{ctx.label(node.id)} has a timeout of {number(config.timeout_s)} s; "
                    f"functions on {event} events may run at most {number(limit)} s "
                    f"{where(ctx, edge)}",
                    [node.id, edge.id, edge.source],
                )


def unsupported_features(design: Design, node: Node, config: LambdaConfig) -> list[str]:
    """Lambda features the function uses that Lambda@Edge does not support."""
    found: list[str] = []
    network = next(
        (a for a in design.ancestors(node.id) if design.node(a).kind in ("aws.subnet", "aws.vpc")),
        None,
    )
    if network is not None:
        found.append(f"VPC attachment (it sits in {design.node(network).label or network})")
    if config.environment:
        found.append("environment variables")
    if config.layers:
        found.append("layers")
    if config.package_type == "image":
        found.append("a container image")
    if config.architecture == "arm64":
        found.append("the arm64 architecture")
    if config.provisioned_concurrency:
        found.append("provisioned concurrency")
    if config.dead_letter_queue:
        found.append("a dead-letter queue")
    if config.tracing == "Active":
        found.append("X-Ray active tracing")
    return found


@rule(
    "LAMBDA_EDGE_UNSUPPORTED_CONFIG",
    severity="error",
    title="Lambda@Edge function uses an unsupported Lambda feature",
    source=limit_source("LAMBDA_EDGE_UNSUPPORTED_FEATURES"),
    hint="Remove the feature: Lambda@Edge runs without VPC, environment variables, layers, "
    "images, arm64, large /tmp, provisioned concurrency, DLQs or X-Ray. Reserved concurrency is "
    "treated as unsupported too, which is unconfirmed: the current AWS page no longer lists it.",
    kinds=FUNCTION_KINDS,
    when=is_edge_function,
)
def unsupported_config(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    config = lambda_config(node)
    if config is None:
        return
    name = ctx.label(node.id)
    elements = [node.id, *(e.id for e in linked(ctx, node.id))]
    for feature in unsupported_features(ctx.design, node, config):
        yield ctx.finding(f"{name} uses {feature}, which Lambda@Edge does not support", elements)
    storage_max = ctx.limit("LAMBDA_EDGE_EPHEMERAL_STORAGE_MAX")
    if config.ephemeral_storage_mb > storage_max:
        yield ctx.finding(
            f"{name} has {number(config.ephemeral_storage_mb)} MB of /tmp storage; Lambda@Edge "
            f"allows at most {number(storage_max)} MB",
            elements,
        )
    if config.reserved_concurrency is not None:
        yield ctx.finding(
            f"{name} reserves concurrency, which is treated as unsupported on Lambda@Edge "
            "(unconfirmed)",
            elements,
            hint="Remove reserved concurrency. AWS's 2023 page listed it as unsupported; the "
            "current page does not, so this reading is unconfirmed and chosen as the safer one.",
        )


@rule(
    "LAMBDA_EDGE_RUNTIME",
    severity="error",
    title="Lambda@Edge runtime not supported",
    source=limit_source("LAMBDA_EDGE_RUNTIMES"),
    hint=f"Use a {' or '.join(_L.value('LAMBDA_EDGE_RUNTIMES'))} runtime.",
    kinds=FUNCTION_KINDS,
    when=is_edge_function,
)
def edge_runtime(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    config = lambda_config(node)
    if config is None:
        return
    allowed = ctx.limit("LAMBDA_EDGE_RUNTIMES")
    families = [str(name).lower().replace(".", "") for name in allowed]
    if not any(config.runtime.lower().startswith(f) for f in families):
        yield ctx.finding(
            f"{ctx.label(node.id)} uses the {config.runtime} runtime; Lambda@Edge supports "
            f"{' and '.join(allowed)} only",
            [node.id, *(e.id for e in linked(ctx, node.id))],
        )


@rule(
    "LAMBDA_EDGE_NOT_ASSOCIATED",
    severity="warning",
    title="Lambda@Edge function not associated with CloudFront",
    source=limit_source("LAMBDA_EDGE_ASSOCIATIONS_PER_BEHAVIOR"),
    hint="Connect a CloudFront distribution to it with a 'triggers' connection and choose the "
    "event type, or make it a regular Lambda function.",
    kinds=(LAMBDA_EDGE,),
)
def not_associated(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    if not linked(ctx, node.id):
        yield ctx.finding(
            f"No CloudFront distribution triggers {ctx.label(node.id)}, so it never runs at "
            "the edge",
            [node.id],
        )


@rule(
    "CLOUDFRONT_ONE_FUNCTION_PER_EVENT",
    severity="error",
    title="More than one function on one CloudFront event",
    source=limit_source("LAMBDA_EDGE_ASSOCIATIONS_PER_BEHAVIOR"),
    hint="Keep one function per event type and cache behaviour and merge the logic, or give "
    "each function's connection the path_pattern of the cache behaviour it serves.",
    kinds=(CLOUDFRONT,),
)
def one_function_per_event(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    allowed = ctx.limit("LAMBDA_EDGE_ASSOCIATIONS_PER_BEHAVIOR", "per_event_type")
    by_event: dict[tuple[str, str], list[Edge]] = {}
    for edge in ctx.design.outgoing(node.id, TRIGGERS):
        event = event_type(edge)
        if event is not None:
            behaviour = edge.config.path_pattern or ""
            by_event.setdefault((behaviour, event), []).append(edge)
    for (behaviour, event), edges in sorted(by_event.items()):
        targets = list(dict.fromkeys(e.target for e in edges))
        if len(targets) > allowed:
            names = ", ".join(ctx.label(t) for t in targets)
            where = f"the behaviour {behaviour}" if behaviour else "the default behaviour"
            yield ctx.finding(
                f"{ctx.label(node.id)} runs {len(targets)} functions on {event} of {where} "
                f"({names}); CloudFront allows {number(allowed)} per event type and behaviour",
                [node.id, *(e.id for e in edges), *targets],
            )


@rule(
    "CLOUDFRONT_EVENT_TYPE_MISSING",
    severity="warning",
    title="CloudFront function association without an event type",
    source=limit_source("LAMBDA_EDGE_ASSOCIATIONS_PER_BEHAVIOR"),
    hint="Set the connection's event_type (viewer-request, viewer-response, origin-request or "
    "origin-response); the per-event limits cannot be checked until then.",
    kinds=(CLOUDFRONT,),
)
def event_type_missing(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    for edge in ctx.design.outgoing(node.id, TRIGGERS):
        if event_type(edge) is None:
            yield ctx.finding(
                f"{ctx.label(node.id)} triggers {ctx.label(edge.target)} without an event type "
                f"(connection {edge.id}); the per-event Lambda@Edge limits were not checked",
                [node.id, edge.id, edge.target],
            )
