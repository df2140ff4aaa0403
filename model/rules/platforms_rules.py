"""App Runner, Elastic Beanstalk, Lightsail and Outposts rules."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

from model.elements import Node
from model.limits import default_limits
from model.rules.checks import count_per_region_over, limit_range, outside_range
from model.rules.dates import today
from model.rules.engine import Finding, RuleContext, limit_source, rule
from model.rules.topology import (
    AUTO_SCALING_GROUP,
    AZ,
    INSTANCE,
    LOAD_BALANCER,
    OUTPOST,
    REGION,
    SUBNET,
    nearest_ancestor,
    parse_date,
)

APP_RUNNER = "aws.app_runner"
BEANSTALK = "aws.beanstalk.environment"
LIGHTSAIL = "aws.lightsail.instance"
LIGHTSAIL_LB = "aws.lightsail.load_balancer"
LIGHTSAIL_CONTAINERS = "aws.lightsail.container_service"
LIGHTSAIL_KINDS = (LIGHTSAIL, LIGHTSAIL_LB, LIGHTSAIL_CONTAINERS)
VPC = "aws.vpc"
SQS_QUEUE = "aws.sqs.queue"
PUBLIC_API_KINDS = frozenset(
    {
        "aws.s3.bucket",
        "aws.dynamodb.table",
        "aws.sqs.queue",
        "aws.sns.topic",
        "aws.eventbridge.rule",
        "aws.stepfunctions.state_machine",
        "aws.lambda",
        "aws.lambda_edge",
        "aws.ecr.repository",
    }
)
"""Services reached through public AWS API endpoints, wherever they are drawn."""
_L = default_limits()


# ---- App Runner ------------------------------------------------------------------------


def _amount(text: str) -> float:
    """0.25 out of '0.25 vCPU', 2.0 out of '2 GB'."""
    return float(text.split()[0])


def apprunner_sizes(ctx: RuleContext) -> dict[float, list[float]]:
    """vCPU -> allowed memory (GB), from the reference's combination table."""
    table: dict[str, list[str]] = ctx.limit("APPRUNNER_CPU_MEMORY")
    return {_amount(cpu): [_amount(m) for m in memories] for cpu, memories in table.items()}


def _numbers(values: list[float], unit: str) -> str:
    """'4 or 6 GB', '0.25, 0.5, 1, 2 or 4 vCPU'."""
    texts = [f"{v:g}" for v in values]
    if len(texts) == 1:
        return f"{texts[0]} {unit}"
    return ", ".join(texts[:-1]) + f" or {texts[-1]} {unit}"


@rule(
    "APPRUNNER_CPU_MEMORY",
    severity="error",
    title="App Runner instance size or auto scaling setting not supported",
    source=limit_source("RULE_APPRUNNER_CPU_MEMORY"),
    hint=f"Choose a supported vCPU/memory pair; max_concurrency "
    f"{_L.value('APPRUNNER_MAX_CONCURRENCY', 'min')}-{_L.value('APPRUNNER_MAX_CONCURRENCY', 'max')}"
    f", min_size {_L.value('APPRUNNER_MIN_SIZE', 'min')}-{_L.value('APPRUNNER_MIN_SIZE', 'max')}, "
    f"max_size at least {_L.value('APPRUNNER_MAX_SIZE', 'min')} and not below min_size.",
    kinds=(APP_RUNNER,),
)
def apprunner_size(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    config: Any = node.config
    name = ctx.label(node.id)
    sizes = apprunner_sizes(ctx)
    if config.cpu_vcpu not in sizes:
        yield ctx.finding(
            f"{name} has {config.cpu_vcpu:g} vCPU; App Runner supports "
            f"{_numbers(sorted(sizes), 'vCPU')}",
            [node.id],
        )
    elif config.memory_gb not in sizes[config.cpu_vcpu]:
        yield ctx.finding(
            f"{name} has {config.cpu_vcpu:g} vCPU with {config.memory_gb:g} GB; App Runner "
            f"allows {_numbers(sizes[config.cpu_vcpu], 'GB')} with {config.cpu_vcpu:g} vCPU",
            [node.id],
        )
    for field, limit_id in (
        ("max_concurrency", "APPRUNNER_MAX_CONCURRENCY"),
        ("min_size", "APPRUNNER_MIN_SIZE"),
    ):
        bounds = limit_range(ctx, limit_id)
        yield from outside_range(ctx, node, getattr(config, field), bounds, field, "App Runner")
    max_low = ctx.limit("APPRUNNER_MAX_SIZE", "min")
    if config.max_size < max_low:
        yield ctx.finding(
            f"{name} has max_size {config.max_size}; App Runner needs at least {max_low}",
            [node.id],
        )
    if config.min_size > config.max_size:
        yield ctx.finding(
            f"{name} has min_size {config.min_size} above max_size {config.max_size}",
            [node.id],
        )


@rule(
    "APPRUNNER_MAX_SIZE_QUOTA",
    severity="warning",
    title="App Runner max_size above the account's instances-per-service quota",
    source=limit_source("APPRUNNER_MAX_SIZE"),
    hint="Request a quota increase and record it in the design's profile quotas "
    "(apprunner_max_size), or lower max_size. The upper bound of max_size is unconfirmed; the "
    "default quota is used as the safer reading.",
    kinds=(APP_RUNNER,),
)
def apprunner_max_size_quota(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    config: Any = node.config
    quota = ctx.limit("APPRUNNER_MAX_SIZE", "default")
    if config.max_size > quota:
        yield ctx.finding(
            f"{ctx.label(node.id)} has max_size {config.max_size}, above the account quota of "
            f"{quota} instances per service",
            [node.id],
        )


def in_network(ctx: RuleContext, node_id: str) -> str | None:
    """The subnet or VPC a node sits in, if any."""
    return nearest_ancestor(ctx.design, node_id, (SUBNET, VPC))


@rule(
    "APPRUNNER_VPC_CONNECTOR",
    severity="error",
    title="App Runner service reaches a private resource without a VPC connector",
    source=limit_source("APPRUNNER_NETWORKING"),
    hint="Set the service's egress to 'vpc' (a VPC connector into the resource's subnets); with "
    "the default egress an App Runner service reaches only public endpoints.",
    kinds=(APP_RUNNER,),
)
def apprunner_vpc_connector(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    config: Any = node.config
    if config.egress == "vpc":
        return
    for edge in ctx.design.outgoing(node.id):
        target = ctx.design.node(edge.target)
        if target.kind in PUBLIC_API_KINDS:
            continue
        network = in_network(ctx, target.id)
        if network is not None:
            yield ctx.finding(
                f"{ctx.label(node.id)} {edge.relation} {ctx.label(target.id)}, which is inside "
                f"{ctx.label(network)}, but its egress is the default (public) one",
                [node.id, edge.id, target.id],
            )


@rule(
    "APPRUNNER_REGION",
    severity="error",
    title="App Runner service in a Region without App Runner",
    source=limit_source("APPRUNNER_REGIONS"),
    hint="Place the service in a Region that offers App Runner (limits.json APPRUNNER_REGIONS), "
    "or run the container on ECS with Fargate in this Region.",
    kinds=(APP_RUNNER,),
)
def apprunner_region(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    region = ctx.design.effective_region(node.id)
    if region not in ctx.limit("APPRUNNER_REGIONS"):
        yield ctx.finding(
            f"{ctx.label(node.id)} is in {region}, where App Runner is not available",
            [node.id],
        )


@rule(
    "APPRUNNER_AUTO_DEPLOY",
    severity="error",
    title="App Runner automatic deployment from an ECR Public image",
    source=limit_source("APPRUNNER_AUTO_DEPLOY_SOURCES"),
    hint="Copy the image to a private ECR repository of the account, or turn auto_deploy off "
    "and deploy by hand (StartDeployment).",
    kinds=(APP_RUNNER,),
)
def apprunner_auto_deploy(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    config: Any = node.config
    source = "code" if config.source == "code" else config.image_repository
    if config.auto_deploy and source not in ctx.limit("APPRUNNER_AUTO_DEPLOY_SOURCES"):
        yield ctx.finding(
            f"{ctx.label(node.id)} deploys automatically from an ECR Public image; App Runner "
            "deploys automatically only from source code or a private ECR repository",
            [node.id],
        )


@rule(
    "APPRUNNER_RUNTIME",
    severity="error",
    title="App Runner source code service with a runtime App Runner does not manage",
    source=limit_source("APPRUNNER_MANAGED_RUNTIMES"),
    hint="Choose one of App Runner's managed runtimes, or build a container image and deploy "
    "it as an image source.",
    kinds=(APP_RUNNER,),
)
def apprunner_runtime(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    config: Any = node.config
    runtimes: list[str] = ctx.limit("APPRUNNER_MANAGED_RUNTIMES")
    if config.source == "code" and config.runtime not in runtimes:
        yield ctx.finding(
            f"{ctx.label(node.id)} builds from source with runtime {config.runtime}; App Runner "
            f"manages {', '.join(runtimes)}",
            [node.id],
        )


@rule(
    "APPRUNNER_NEW_CUSTOMER",
    severity="warning",
    title="App Runner is closed to new customers",
    source=limit_source("RULE_APPRUNNER_NEW_CUSTOMER"),
    hint="Set existing_customer if the account already uses App Runner; otherwise plan on ECS "
    "on Fargate behind a load balancer instead.",
    kinds=(APP_RUNNER,),
)
def apprunner_new_customer(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    if getattr(node.config, "existing_customer", False):
        return
    closing = parse_date(
        str(ctx.limit("RULE_APPRUNNER_NEW_CUSTOMER")), "RULE_APPRUNNER_NEW_CUSTOMER"
    )
    when = (
        f"has been closed to new customers since {closing.isoformat()}"
        if today() >= closing
        else f"closes to new customers on {closing.isoformat()}"
    )
    yield ctx.finding(
        f"{ctx.label(node.id)} uses App Runner, which {when}; only accounts that already use "
        "App Runner can create services",
        [node.id],
    )


# ---- Elastic Beanstalk -----------------------------------------------------------------

POLICY_KEYS = {
    "all_at_once": "AllAtOnce",
    "rolling": "Rolling",
    "rolling_with_additional_batch": "RollingWithAdditionalBatch",
    "immutable": "Immutable",
    "traffic_splitting": "TrafficSplitting",
}


@rule(
    "EB_POLICY_SINGLE_INSTANCE",
    severity="error",
    title="Deployment policy not available on a single-instance environment",
    source=limit_source("RULE_EB_POLICY_SINGLE_INSTANCE"),
    hint="Single-instance environments deploy all at once or immutable; make the environment "
    "load-balanced for rolling or traffic-splitting deployments.",
    kinds=(BEANSTALK,),
)
def eb_single_instance_policy(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    config: Any = node.config
    if config.environment_type != "single_instance":
        return
    availability = str(ctx.limit("EB_DEPLOYMENT_POLICIES", POLICY_KEYS[config.deployment_policy]))
    if "single-instance" not in availability:
        yield ctx.finding(
            f"{ctx.label(node.id)} is a single-instance environment with the "
            f"{config.deployment_policy} deployment policy, which is available for "
            f"{availability}",
            [node.id],
        )


@rule(
    "EB_TRAFFIC_SPLITTING_ALB",
    severity="error",
    title="Traffic-splitting deployment without an Application Load Balancer",
    source=limit_source("RULE_EB_TRAFFIC_SPLITTING_ALB"),
    hint="Traffic splitting needs an Application Load Balancer; switch the load balancer type "
    "or use rolling or immutable deployments.",
    kinds=(BEANSTALK,),
)
def eb_traffic_splitting(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    config: Any = node.config
    if config.deployment_policy != "traffic_splitting":
        return
    if config.environment_type == "load_balanced" and config.load_balancer != "application":
        yield ctx.finding(
            f"{ctx.label(node.id)} uses traffic-splitting deployments with a "
            f"{config.load_balancer} load balancer; traffic splitting needs an Application "
            "Load Balancer",
            [node.id],
        )
    for edge in ctx.design.incoming(node.id, "routes"):
        source = ctx.design.node(edge.source)
        lb_type = getattr(source.config, "type", "application")
        if source.kind == LOAD_BALANCER and lb_type != "application":
            yield ctx.finding(
                f"{ctx.label(node.id)} uses traffic-splitting deployments behind {lb_type} "
                f"load balancer {ctx.label(source.id)}; traffic splitting needs an "
                "Application Load Balancer",
                [node.id, edge.id, source.id],
            )


@rule(
    "EB_WORKER_NEEDS_QUEUE",
    severity="warning",
    title="Worker environment without a queue, or a queue feeding a web environment",
    source=limit_source("EB_TIERS"),
    hint="Connect an SQS queue to the worker environment with 'triggers' (Elastic Beanstalk "
    "otherwise creates an unconnected queue); web-server environments do not read queues.",
    kinds=(BEANSTALK,),
)
def eb_worker_queue(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    config: Any = node.config
    queues = [
        edge
        for edge in ctx.design.incoming(node.id, "triggers")
        if ctx.design.node(edge.source).kind == SQS_QUEUE
    ]
    if config.tier == "worker" and not queues:
        yield ctx.finding(
            f"Worker environment {ctx.label(node.id)} has no SQS queue triggering it, so "
            "nothing in the design sends it work",
            [node.id],
        )
    if config.tier == "web":
        for edge in queues:
            yield ctx.finding(
                f"SQS queue {ctx.label(edge.source)} triggers {ctx.label(node.id)}, a "
                "web-server environment; only worker environments read from a queue",
                [node.id, edge.id, edge.source],
            )


# ---- Lightsail and Outposts ------------------------------------------------------------


@rule(
    "LIGHTSAIL_AUTOSCALING",
    severity="warning",
    title="Lightsail instance used like an EC2 instance",
    source=limit_source("RULE_LIGHTSAIL_AUTOSCALING"),
    hint="Lightsail has no Auto Scaling and uses its own load balancers and network; scale "
    "by hand from snapshots behind a Lightsail load balancer, or export to EC2. (That Lightsail "
    "peers only with the default VPC comes from a secondary source.)",
    kinds=(LIGHTSAIL, AUTO_SCALING_GROUP, LOAD_BALANCER, VPC, SUBNET),
    scope="design",
)
def lightsail_as_ec2(ctx: RuleContext) -> Iterator[Finding]:
    design = ctx.design
    for node in design.nodes_of_kind(LIGHTSAIL):
        name = ctx.label(node.id)
        for edge in design.edges_of(node.id):
            other = design.node(edge.target if edge.source == node.id else edge.source)
            if other.kind == AUTO_SCALING_GROUP:
                yield ctx.finding(
                    f"Lightsail instance {name} is connected to Auto Scaling group "
                    f"{ctx.label(other.id)}; Lightsail instances cannot join EC2 Auto Scaling",
                    [node.id, edge.id, other.id],
                )
            elif other.kind == LOAD_BALANCER:
                yield ctx.finding(
                    f"Lightsail instance {name} is connected to Elastic Load Balancing load "
                    f"balancer {ctx.label(other.id)}; Lightsail instances attach only to "
                    "Lightsail load balancers",
                    [node.id, edge.id, other.id],
                )
        network = nearest_ancestor(design, node.id, (SUBNET, VPC))
        if network is not None:
            yield ctx.finding(
                f"Lightsail instance {name} is placed in {ctx.label(network)}; Lightsail "
                "instances run in Lightsail's own network, which can peer only with the "
                "Region's default VPC",
                [node.id, network],
            )


def lightsail_bundle(ctx: RuleContext, node: Node) -> dict[str, Any] | None:
    table: dict[str, dict[str, Any]] = ctx.limit("LIGHTSAIL_BUNDLE_TABLE")
    return table.get(getattr(node.config, "bundle", ""))


def blueprint_platform(blueprint: str) -> str:
    """Lightsail's platform of a blueprint id: Windows blueprints are named windows_*."""
    return "WINDOWS" if blueprint.startswith("windows") else "LINUX_UNIX"


@rule(
    "LIGHTSAIL_BUNDLE",
    severity="error",
    title="Lightsail instance with an unknown bundle or one for the other platform",
    source=limit_source("LIGHTSAIL_BUNDLE_TABLE"),
    hint="Choose a bundle of limits.json LIGHTSAIL_BUNDLE_TABLE for the blueprint's platform "
    "(Windows blueprints need a *_win_* bundle); Lightsail plans are fixed, not sized freely.",
    kinds=(LIGHTSAIL,),
)
def lightsail_bundle_valid(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    config: Any = node.config
    name = ctx.label(node.id)
    bundle = lightsail_bundle(ctx, node)
    if bundle is None:
        known = ", ".join(sorted(ctx.limit("LIGHTSAIL_BUNDLE_TABLE")))
        yield ctx.finding(
            f"{name} uses bundle '{config.bundle}', which is not a Lightsail bundle ({known})",
            [node.id],
        )
        return
    platform = blueprint_platform(config.blueprint)
    if bundle["platform"] != platform:
        yield ctx.finding(
            f"{name} runs blueprint {config.blueprint} ({platform}) on bundle {config.bundle}, a "
            f"{bundle['platform']} plan",
            [node.id],
        )


def lightsail_region_of(ctx: RuleContext, node: Node) -> str:
    return ctx.design.effective_region(node.id)


def per_region_quota_rule(
    rule_id: str, kind: str, noun: str, limit: tuple[str, str | None], title: str, hint: str
) -> None:
    """Register a warning for more nodes of kind in one Region than a Lightsail quota."""

    def check(ctx: RuleContext, regions: dict[str, str]) -> Iterable[Finding]:
        return count_per_region_over(ctx, regions, ctx.limit(*limit), noun)

    rule(
        rule_id,
        severity="warning",
        title=title,
        source=limit_source(limit[0]),
        hint=hint,
        kinds=(kind,),
        scope="design",
        collect=lightsail_region_of,
    )(check)


per_region_quota_rule(
    "LIGHTSAIL_INSTANCE_QUOTA",
    LIGHTSAIL,
    "Lightsail instances",
    ("LIGHTSAIL_INSTANCES", None),
    "More Lightsail instances in a Region than the account's quota",
    "Request a higher Lightsail instances quota and record it in the profile "
    "(lightsail_instances), or move heavier workloads to EC2.",
)
per_region_quota_rule(
    "LIGHTSAIL_LB_QUOTA",
    LIGHTSAIL_LB,
    "Lightsail load balancers",
    ("LIGHTSAIL_QUOTAS", "load_balancers"),
    "More Lightsail load balancers in a Region than the account's quota",
    "Lightsail allows a fixed number of load balancers per Region (limits.json "
    "LIGHTSAIL_QUOTAS, load_balancers): share one load balancer between sites, or use Elastic "
    "Load Balancing on EC2.",
)
per_region_quota_rule(
    "LIGHTSAIL_CONTAINER_QUOTA",
    LIGHTSAIL_CONTAINERS,
    "Lightsail container services",
    ("LIGHTSAIL_QUOTAS", "container_services"),
    "More Lightsail container services in a Region than the account's quota",
    "Lightsail allows a fixed number of container services per Region (limits.json "
    "LIGHTSAIL_QUOTAS, container_services): run several containers in one service, or use "
    "ECS.",
)


@rule(
    "LIGHTSAIL_REGION",
    severity="error",
    title="Lightsail resource in a Region without Lightsail",
    source=limit_source("LIGHTSAIL_REGIONS"),
    hint="Place it in a Region that offers Lightsail (limits.json LIGHTSAIL_REGIONS), or use "
    "EC2, ELB or ECS in this Region.",
    kinds=LIGHTSAIL_KINDS,
)
def lightsail_region(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    region = ctx.design.effective_region(node.id)
    if region not in ctx.limit("LIGHTSAIL_REGIONS"):
        yield ctx.finding(
            f"{ctx.label(node.id)} is in {region}, where Lightsail is not available", [node.id]
        )


@rule(
    "LIGHTSAIL_LB_TARGETS",
    severity="error",
    title="Lightsail load balancer without targets, or with a target in another Region",
    source=limit_source("LIGHTSAIL_LB_TARGETS"),
    hint="Route the load balancer ('routes') to Lightsail instances of its own Region, "
    "preferably two or more in different Availability Zones; for instances elsewhere, create a "
    "load balancer in their Region.",
    kinds=(LIGHTSAIL_LB,),
)
def lightsail_lb_targets(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    design = ctx.design
    name = ctx.label(node.id)
    region = design.effective_region(node.id)
    targets = [
        edge
        for edge in design.outgoing(node.id, "routes")
        if design.node(edge.target).kind == LIGHTSAIL
    ]
    for edge in targets:
        target_region = design.effective_region(edge.target)
        if target_region != region:
            yield ctx.finding(
                f"Lightsail load balancer {name} in {region} routes to {ctx.label(edge.target)} "
                f"in {target_region}; a Lightsail load balancer serves instances of its own "
                "Region only",
                [node.id, edge.id, edge.target],
            )
    if not targets:
        yield ctx.finding(
            f"Lightsail load balancer {name} routes to no Lightsail instance, so it serves nothing",
            [node.id],
            severity="warning",
        )
    elif len(targets) == 1:
        yield ctx.finding(
            f"Lightsail load balancer {name} has one target instance "
            f"({ctx.label(targets[0].target)}); with one target it balances nothing and does not "
            "survive that instance or its Availability Zone failing",
            [node.id, targets[0].target],
            severity="info",
        )


@rule(
    "LIGHTSAIL_CONTAINER_CAPACITY",
    severity="error",
    title="Lightsail container service with a power or scale Lightsail does not offer",
    source=limit_source("LIGHTSAIL_CONTAINER_CAPACITY"),
    hint="Choose one of the powers nano, micro, small, medium, large or xlarge, and a scale of "
    f"{_L.value('LIGHTSAIL_CONTAINER_CAPACITY')['scale']['min']} to "
    f"{_L.value('LIGHTSAIL_CONTAINER_CAPACITY')['scale']['max']} nodes; beyond that, run the "
    "containers on ECS with Fargate.",
    kinds=(LIGHTSAIL_CONTAINERS,),
)
def lightsail_container_capacity(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    config: Any = node.config
    capacity: dict[str, Any] = ctx.limit("LIGHTSAIL_CONTAINER_CAPACITY")
    powers: list[str] = capacity["powers"]
    if config.power not in powers:
        yield ctx.finding(
            f"{ctx.label(node.id)} has power '{config.power}'; Lightsail container services "
            f"offer {', '.join(powers)}",
            [node.id],
        )
    scale = capacity["scale"]
    bounds = scale["min"], scale["max"]
    yield from outside_range(
        ctx, node, config.scale, bounds, "scale", "a Lightsail container service", "nodes"
    )


@rule(
    "OUTPOSTS_REGION_LINK",
    severity="error",
    title="Outpost without a parent Region",
    source=limit_source("RULE_OUTPOSTS_REGION_LINK"),
    hint="Place the Outpost inside the Region container it is homed to; it needs a constant "
    "service link to that Region.",
    kinds=(OUTPOST,),
)
def outpost_region(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    if nearest_ancestor(ctx.design, node.id, (REGION,)) is None:
        yield ctx.finding(
            f"Outpost {ctx.label(node.id)} has no parent Region; an Outpost is anchored to "
            "one Region through its service link",
            [node.id],
        )


def outpost_of(ctx: RuleContext, node_id: str) -> str | None:
    """The Outpost a node is drawn on."""
    return ctx.design.ancestor_of_kind(node_id, OUTPOST)


def form_factor(ctx: RuleContext, outpost_id: str) -> str:
    return str(getattr(ctx.design.node(outpost_id).config, "form_factor", "rack"))


@rule(
    "OUTPOSTS_UNSUPPORTED_SERVICE",
    severity="error",
    title="Service that cannot run on this kind of Outpost",
    source=limit_source("OUTPOSTS_KIND_SUPPORT"),
    hint="Move the service out of the Outpost into its parent Region (Lambda, Fargate, App "
    "Runner, Lightsail, Batch never run on Outposts; RDS, EKS and ALB need an Outposts rack, "
    "not a server).",
    kinds=(OUTPOST,),
)
def outposts_unsupported(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    """Checked from the Outpost over what it holds, so a design without Outposts pays
    nothing for it (each node of the design asking for its Outpost did)."""
    design = ctx.design
    factor = form_factor(ctx, node.id)
    supported: dict[str, list[str]] = ctx.limit("OUTPOSTS_KIND_SUPPORT")
    for held_id in design.descendants(node.id):
        if outpost_of(ctx, held_id) != node.id:
            continue
        held = design.node(held_id)
        name = design.catalog.get(held.kind).display_name
        if held.kind not in supported.get(factor, []):
            yield ctx.finding(
                f"{ctx.label(held_id)} ({name}) is on Outpost {ctx.label(node.id)}, an Outposts "
                f"{factor}, which cannot run it",
                [held_id, node.id],
            )
            continue
        lb_type = getattr(held.config, "type", None) if held.kind == LOAD_BALANCER else None
        if lb_type is not None and lb_type not in ctx.limit("OUTPOSTS_LOAD_BALANCER_TYPES"):
            yield ctx.finding(
                f"{ctx.label(held_id)} is a {lb_type} load balancer on Outpost "
                f"{ctx.label(node.id)}; only Application Load Balancers run on Outposts",
                [held_id, node.id],
            )


@rule(
    "OUTPOSTS_FARGATE",
    severity="error",
    title="Fargate tasks on an Outpost",
    source=limit_source("OUTPOSTS_KIND_SUPPORT"),
    hint="Use the EC2 launch type (a capacity provider of Outpost instances) for ECS on "
    "Outposts, or run the Fargate tasks in the parent Region.",
    kinds=("aws.ecs.service", "aws.ecs.task"),
)
def outposts_fargate(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    if getattr(node.config, "launch_type", None) != "FARGATE":
        return
    outpost = outpost_of(ctx, node.id)
    if outpost is not None:
        yield ctx.finding(
            f"{ctx.label(node.id)} launches on Fargate but is on Outpost {ctx.label(outpost)}; "
            "Fargate does not run on Outposts",
            [node.id, outpost],
        )


@rule(
    "OUTPOSTS_ANCHOR_AZ",
    severity="error",
    title="Outpost subnets outside the Outpost's anchor Availability Zone",
    source=limit_source("OUTPOSTS_REGION_LINK"),
    hint="An Outpost is anchored to one Availability Zone of its parent Region and its subnets "
    "are created in that zone: set anchor_az to the zone the Outpost is drawn in (and in the "
    "parent Region).",
    kinds=(OUTPOST,),
)
def outposts_anchor_az(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    config: Any = node.config
    name = ctx.label(node.id)
    anchor = config.anchor_az
    zone = nearest_ancestor(ctx.design, node.id, (AZ,))
    drawn_in = str(getattr(ctx.design.node(zone).config, "name", "")) if zone else ""
    if anchor and drawn_in and anchor != drawn_in:
        yield ctx.finding(
            f"Outpost {name} is anchored to {anchor} but drawn in {drawn_in}; its subnets are "
            f"created in {anchor}",
            [node.id, zone or node.id],
        )
        return
    region = ctx.design.effective_region(node.id)
    effective = anchor or drawn_in
    if effective and not effective.startswith(region):
        yield ctx.finding(
            f"Outpost {name} is anchored to {effective}, which is not a zone of its parent "
            f"Region {region}",
            [node.id],
        )
    has_subnets = any(
        ctx.design.node(child).kind == SUBNET for child in ctx.design.children(node.id)
    )
    if not effective and has_subnets:
        yield ctx.finding(
            f"Outpost {name} has subnets but no anchor Availability Zone (neither anchor_az nor "
            "an Availability Zone container around it)",
            [node.id],
            severity="warning",
        )


@rule(
    "OUTPOSTS_CAPACITY",
    severity="error",
    title="Instances on an Outpost beyond its configured capacity",
    source="https://docs.aws.amazon.com/outposts/latest/userguide/outposts-capacity-management.html",
    hint="An Outpost has only the instance slots it was ordered with: use instance types its "
    "capacity holds (the Outpost's capacity setting), fewer instances, or add capacity.",
    kinds=(OUTPOST, INSTANCE, AUTO_SCALING_GROUP),
    scope="design",
)
def outposts_capacity(ctx: RuleContext) -> Iterator[Finding]:
    design = ctx.design
    for outpost in design.nodes_of_kind(OUTPOST):
        capacity: dict[str, int] = getattr(outpost.config, "capacity", {}) or {}
        if not capacity:
            continue
        used: dict[str, list[tuple[str, int]]] = {}
        for member in design.descendants(outpost.id):
            node = design.node(member)
            if node.kind == INSTANCE:
                amount = int(getattr(node.config, "count", 1))
            elif node.kind == AUTO_SCALING_GROUP:
                amount = int(getattr(node.config, "max_size", 1))
            else:
                continue
            used.setdefault(str(getattr(node.config, "instance_type", "")), []).append(
                (member, amount)
            )
        name = ctx.label(outpost.id)
        for instance_type, users in sorted(used.items()):
            total = sum(amount for _, amount in users)
            slots = capacity.get(instance_type, 0)
            if total > slots:
                have = f"holds {slots}" if slots else "has no slots of that type"
                yield ctx.finding(
                    f"{total} {instance_type} instance(s) on Outpost {name}, whose capacity "
                    f"{have} ({', '.join(f'{t}: {n}' for t, n in sorted(capacity.items()))})",
                    [outpost.id, *(member for member, _ in users)],
                )
