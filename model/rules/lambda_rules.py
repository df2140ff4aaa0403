"""Lambda function limits: timeout, memory, storage, package, environment, concurrency."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from functools import cache
from typing import Any

from model.config.compute import LambdaConfig
from model.design import Design
from model.elements import Node
from model.limits import default_limits
from model.rules import dates
from model.rules.checks import grouped_totals, limit_range, outside_range
from model.rules.engine import Finding, RuleContext, limit_source, rule
from model.wording import number

LAMBDA = "aws.lambda"
LAMBDA_EDGE = "aws.lambda_edge"
FUNCTION_KINDS = (LAMBDA, LAMBDA_EDGE)
_L = default_limits()

_MB_PER_UNIT = {"KB": 1 / 1024, "MB": 1.0, "GB": 1024.0}


@cache
def size_unit(limit_id: str) -> str:
    """The unit the limits data gives a size limit ('MB'); the size rules of every function
    ask for it."""
    return _L.get(limit_id).unit.split()[0]


def in_mb(limit_id: str, value: float) -> float:
    """A size limit converted to MB using the unit the data gives it."""
    return value * _MB_PER_UNIT[size_unit(limit_id)]


def exceeded_size_limit(ctx: RuleContext, limit_id: str, size_mb: float) -> Any:
    """The size limit that size_mb (in MB) goes over, else None."""
    limit = ctx.limit(limit_id)
    return limit if size_mb > in_mb(limit_id, limit) else None


def size_text(limit_id: str, value: float) -> str:
    """A size limit with the unit the data gives it, e.g. '50 MB'."""
    return f"{number(value)} {size_unit(limit_id)}"


def lambda_config(node: Node) -> LambdaConfig | None:
    config = node.config
    return config if isinstance(config, LambdaConfig) else None


def functions(design: Design) -> Iterator[tuple[Node, LambdaConfig]]:
    """Every Lambda and Lambda@Edge function of the design with its config, in design order."""
    for node in design.nodes_of_kind(*FUNCTION_KINDS):
        if isinstance(node.config, LambdaConfig):
            yield node, node.config


def join_labels(ctx: RuleContext, ids: Iterable[str]) -> str:
    return ", ".join(ctx.label(i) for i in ids)


@rule(
    "LAMBDA_TIMEOUT_MAX",
    severity="error",
    title="Lambda timeout outside the allowed range",
    source=limit_source("LAMBDA_TIMEOUT_MAX"),
    hint="Split the work (Step Functions, SQS batches) or move it to ECS/Fargate or Batch.",
    kinds=FUNCTION_KINDS,
)
def timeout_max(ctx: RuleContext, node: Node) -> list[Finding]:
    found: list[Finding] = []
    config = lambda_config(node)
    if config is None:
        return found
    timeout = config.timeout_s
    maximum = ctx.limit("LAMBDA_TIMEOUT_MAX")
    minimum = ctx.limit("LAMBDA_TIMEOUT_MIN")
    if timeout > maximum:
        found.append(
            ctx.finding(
                f"{ctx.label(node.id)} has a timeout of {number(timeout)} s; Lambda allows at most "
                f"{number(maximum)} s",
                [node.id],
            )
        )
    elif timeout < minimum:
        found.append(
            ctx.finding(
                f"{ctx.label(node.id)} has a timeout of {number(timeout)} s; the minimum is "
                f"{number(minimum)} s",
                [node.id],
                hint="Give the function a positive timeout in whole seconds.",
            )
        )
    return found


_MEMORY = _L.value("LAMBDA_MEMORY_RANGE")


@rule(
    "LAMBDA_MEMORY_RANGE",
    severity="error",
    title="Lambda memory outside the allowed range",
    source=limit_source("LAMBDA_MEMORY_RANGE"),
    hint=f"Choose memory between {number(_MEMORY['min'])} MB and {number(_MEMORY['max'])} MB; "
    "CPU scales with memory.",
    kinds=FUNCTION_KINDS,
)
def memory_range(ctx: RuleContext, node: Node) -> tuple[Finding, ...]:
    config = lambda_config(node)
    if config is None:
        return ()
    bounds = limit_range(ctx, "LAMBDA_MEMORY_RANGE")
    return outside_range(ctx, node, config.memory_mb, bounds, "memory", "Lambda", "MB")


_STORAGE = _L.value("LAMBDA_EPHEMERAL_STORAGE")


@rule(
    "LAMBDA_EPHEMERAL_STORAGE",
    severity="error",
    title="Lambda /tmp storage outside the allowed range",
    source=limit_source("LAMBDA_EPHEMERAL_STORAGE"),
    hint=f"Choose /tmp between {number(_STORAGE['min'])} MB and {number(_STORAGE['max'])} MB; "
    "keep larger data in S3 or EFS.",
    kinds=FUNCTION_KINDS,
)
def ephemeral_storage(ctx: RuleContext, node: Node) -> tuple[Finding, ...]:
    config = lambda_config(node)
    if config is None:
        return ()
    bounds = limit_range(ctx, "LAMBDA_EPHEMERAL_STORAGE")
    return outside_range(ctx, node, config.ephemeral_storage_mb, bounds, "/tmp", "Lambda", "MB")


@rule(
    "LAMBDA_PACKAGE_SIZE",
    severity="error",
    title="Lambda deployment package too large or too many layers",
    source=limit_source("LAMBDA_UNZIPPED_SIZE"),
    hint="Trim dependencies, move large assets to S3 or EFS, or switch to a container image.",
    kinds=FUNCTION_KINDS,
)
def package_size(ctx: RuleContext, node: Node) -> list[Finding]:
    found: list[Finding] = []
    config = lambda_config(node)
    if config is None:
        return found
    if config.package_type == "image":
        limit = ctx.limit("LAMBDA_CONTAINER_IMAGE_SIZE")
        sizes = [s for s in (config.package_size_mb, config.unzipped_size_mb) if s is not None]
        if sizes and max(sizes) > in_mb("LAMBDA_CONTAINER_IMAGE_SIZE", limit):
            found.append(
                ctx.finding(
                    f"{ctx.label(node.id)}'s container image is {number(max(sizes))} MB; Lambda "
                    f"images are limited to {size_text('LAMBDA_CONTAINER_IMAGE_SIZE', limit)}",
                    [node.id],
                )
            )
        return found
    unzipped_mb = config.unzipped_size_mb
    if (
        unzipped_mb is not None
        and (unzipped := exceeded_size_limit(ctx, "LAMBDA_UNZIPPED_SIZE", unzipped_mb)) is not None
    ):
        found.append(
            ctx.finding(
                f"{ctx.label(node.id)} is {number(unzipped_mb)} MB unzipped with its layers; "
                f"Lambda allows {size_text('LAMBDA_UNZIPPED_SIZE', unzipped)} for code and all layers",
                [node.id],
            )
        )
    package_mb = config.package_size_mb
    if (
        package_mb is not None
        and (direct := exceeded_size_limit(ctx, "LAMBDA_ZIP_DIRECT_UPLOAD", package_mb)) is not None
    ):
        found.append(
            ctx.finding(
                f"{ctx.label(node.id)}'s .zip package is {number(package_mb)} MB; direct "
                f"uploads are limited to {size_text('LAMBDA_ZIP_DIRECT_UPLOAD', direct)} zipped",
                [node.id],
                severity="warning",
                hint="Upload the package through Amazon S3, or make it smaller.",
            )
        )
    if config.layers:
        layers = ctx.limit("LAMBDA_LAYERS_MAX")
        if len(config.layers) > layers:
            found.append(
                ctx.finding(
                    f"{ctx.label(node.id)} uses {len(config.layers)} layers; a function may use at "
                    f"most {layers}",
                    [node.id],
                    hint="Merge layers or bundle the code into the package.",
                )
            )
    return found


def environment_bytes(environment: dict[str, str]) -> int:
    return sum(len(k.encode("utf-8")) + len(v.encode("utf-8")) for k, v in environment.items())


@rule(
    "LAMBDA_ENV_VARS_SIZE",
    severity="error",
    title="Lambda environment variables too large",
    source=limit_source("LAMBDA_ENV_VARS_SIZE"),
    hint="Keep configuration in SSM Parameter Store, Secrets Manager or AppConfig and read it "
    "at start-up.",
    kinds=FUNCTION_KINDS,
)
def env_vars_size(ctx: RuleContext, node: Node) -> list[Finding]:
    found: list[Finding] = []
    config = lambda_config(node)
    if config is None or not config.environment:
        return found
    limit = ctx.limit("LAMBDA_ENV_VARS_SIZE")
    allowed = in_mb("LAMBDA_ENV_VARS_SIZE", limit) * 1024 * 1024
    used = environment_bytes(config.environment)
    if used > allowed:
        found.append(
            ctx.finding(
                f"{ctx.label(node.id)}'s environment variables take {number(used)} bytes (keys + "
                f"values); Lambda allows {size_text('LAMBDA_ENV_VARS_SIZE', limit)} "
                f"({number(allowed)} bytes) in total",
                [node.id],
            )
        )
    return found


@rule(
    "LAMBDA_IMAGE_WITH_LAYERS",
    severity="error",
    title="Container-image function with layers",
    source=limit_source("LAMBDA_IMAGE_EXCLUSIONS"),
    hint="Build the layers' content into the container image, or deploy as a .zip package.",
    kinds=FUNCTION_KINDS,
)
def image_with_layers(ctx: RuleContext, node: Node) -> list[Finding]:
    found: list[Finding] = []
    config = lambda_config(node)
    if config is not None and config.package_type == "image" and config.layers:
        found.append(
            ctx.finding(
                f"{ctx.label(node.id)} is a container-image function with {len(config.layers)} "
                "layer(s); image functions cannot use layers",
                [node.id],
            )
        )
    return found


@rule(
    "LAMBDA_PROVISIONED_GT_RESERVED",
    severity="error",
    title="Provisioned concurrency above reserved concurrency",
    source=limit_source("LAMBDA_PROVISIONED_LE_RESERVED"),
    hint="Raise reserved concurrency above provisioned concurrency (leave headroom so new "
    "versions are not throttled), or lower provisioned concurrency.",
    kinds=FUNCTION_KINDS,
)
def provisioned_gt_reserved(ctx: RuleContext, node: Node) -> list[Finding]:
    found: list[Finding] = []
    config = lambda_config(node)
    if config is None:
        return found
    provisioned, reserved = config.provisioned_concurrency, config.reserved_concurrency
    if provisioned is not None and reserved is not None and provisioned > reserved:
        found.append(
            ctx.finding(
                f"{ctx.label(node.id)} provisions {number(provisioned)} concurrent executions but "
                f"reserves only {number(reserved)}; provisioned concurrency cannot exceed reserved",
                [node.id],
            )
        )
    return found


def reservable(ctx: RuleContext) -> tuple[Any, Any]:
    """The account concurrency quota and the part that must stay unreserved."""
    return ctx.limit("LAMBDA_ACCOUNT_CONCURRENCY"), ctx.limit("LAMBDA_UNRESERVED_MIN")


def reservation(ctx: RuleContext, node: Node) -> tuple[str, int] | None:
    """A function's Region and reserved concurrency, when it reserves any."""
    config = lambda_config(node)
    if config is None or config.reserved_concurrency is None:
        return None
    return ctx.design.effective_region(node.id), config.reserved_concurrency


@rule(
    "LAMBDA_RESERVED_SUM",
    severity="error",
    title="Reserved concurrency exceeds what the Region's account quota allows",
    source=limit_source("LAMBDA_UNRESERVED_MIN"),
    hint="Lower reserved concurrency, or request a higher concurrent-executions quota and set "
    "profile.quotas.lambda_concurrent_executions to it.",
    kinds=FUNCTION_KINDS,
    scope="design",
    collect=reservation,
)
def reserved_sum(ctx: RuleContext, reservations: dict[str, tuple[str, int]]) -> Iterator[Finding]:
    quota, unreserved = reservable(ctx)
    allowed = quota - unreserved
    for region, reserving, total in grouped_totals(reservations):
        if total > allowed:
            parts = ", ".join(f"{ctx.label(n)}: {number(amount)}" for n, amount in reserving)
            yield ctx.finding(
                f"Functions in {region} reserve {number(total)} concurrent executions ({parts}); "
                f"the account quota of {number(quota)} minus the {number(unreserved)} that must "
                f"stay unreserved leaves {number(allowed)}",
                [n for n, _ in reserving],
            )


@rule(
    "LAMBDA_RUNTIME_DEPRECATED",
    severity="warning",
    title="Lambda runtime deprecated or blocked",
    source=limit_source("LAMBDA_RUNTIME_LIFECYCLE"),
    hint="Move to the runtime's successor; deprecated runtimes get no security patches and "
    "are later blocked for new and updated functions.",
    kinds=FUNCTION_KINDS,
)
def runtime_deprecated(ctx: RuleContext, node: Node) -> list[Finding]:
    found: list[Finding] = []
    config = lambda_config(node)
    if config is None or config.package_type != "zip":
        return found
    lifecycle = ctx.limit("LAMBDA_RUNTIME_LIFECYCLE").get(config.runtime)
    if not isinstance(lifecycle, dict):
        return found
    now = dates.today()
    deprecated = dates.parse_day(lifecycle.get("deprecated"))
    blocked = dates.parse_day(lifecycle.get("create_block"))
    successor = lifecycle.get("successor")
    instead = f"; use {successor}" if successor else ""
    if blocked is not None and now >= blocked:
        found.append(
            ctx.finding(
                f"{ctx.label(node.id)} uses {config.runtime}, which cannot be used for new functions "
                f"since {blocked.isoformat()}{instead}",
                [node.id],
                severity="error",
            )
        )
    elif deprecated is not None and now >= deprecated:
        block_text = f"; new functions are blocked from {blocked.isoformat()}" if blocked else ""
        found.append(
            ctx.finding(
                f"{ctx.label(node.id)} uses {config.runtime}, deprecated since {deprecated.isoformat()}"
                f"{block_text}{instead}",
                [node.id],
            )
        )
    return found
