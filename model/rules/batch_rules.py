"""AWS Batch rules: job queues and their compute environments, job definition limits."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from model.design import Design
from model.elements import Edge, Node
from model.limits import default_limits
from model.rules.containers_rules import fargate_size_problems
from model.rules.engine import Finding, RuleContext, limit_source, rule
from model.wording import plural

COMPUTE_ENVIRONMENT = "aws.batch.compute_environment"
JOB_QUEUE = "aws.batch.job_queue"
JOB_DEFINITION = "aws.batch.job_definition"
FAMILY = {"EC2": "EC2", "SPOT": "EC2", "FARGATE": "FARGATE", "FARGATE_SPOT": "FARGATE"}
_L = default_limits()


def queue_environments(design: Design, queue_id: str) -> list[Edge]:
    """The queue's `uses` edges to compute environments, one per environment."""
    seen: dict[str, Edge] = {}
    for edge in design.outgoing(queue_id, "uses"):
        if design.node(edge.target).kind == COMPUTE_ENVIRONMENT:
            seen.setdefault(edge.target, edge)
    return list(seen.values())


def family_of(design: Design, environment_id: str) -> str:
    return FAMILY[str(getattr(design.node(environment_id).config, "type", "EC2"))]


def _labels(ctx: RuleContext, ids: list[str]) -> str:
    return ", ".join(sorted(ctx.label(i) for i in ids))


@rule(
    "BATCH_QUEUE_MIXED_CE",
    severity="error",
    title="Job queue mixes EC2 and Fargate compute environments or architectures",
    source=limit_source("RULE_BATCH_QUEUE_MIXED_CE"),
    hint="Use separate job queues for EC2/SPOT and FARGATE/FARGATE_SPOT environments, and for "
    "each CPU architecture.",
    kinds=(JOB_QUEUE,),
)
def queue_mixed(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    design = ctx.design
    edges = queue_environments(design, node.id)
    elements = [node.id] + [i for e in edges for i in (e.id, e.target)]
    by_family: dict[str, list[str]] = {}
    by_architecture: dict[str, list[str]] = {}
    for edge in edges:
        by_family.setdefault(family_of(design, edge.target), []).append(edge.target)
        architecture = str(getattr(design.node(edge.target).config, "architecture", ""))
        by_architecture.setdefault(architecture, []).append(edge.target)
    if len(by_family) > 1:
        yield ctx.finding(
            f"Job queue {ctx.label(node.id)} mixes EC2/SPOT environments "
            f"({_labels(ctx, by_family['EC2'])}) with FARGATE/FARGATE_SPOT environments "
            f"({_labels(ctx, by_family['FARGATE'])})",
            elements,
        )
    if len(by_architecture) > 1:
        parts = "; ".join(
            f"{arch}: {_labels(ctx, ids)}" for arch, ids in sorted(by_architecture.items())
        )
        yield ctx.finding(
            f"Job queue {ctx.label(node.id)} mixes CPU architectures ({parts})", elements
        )


@rule(
    "BATCH_QUEUE_TOO_MANY_CE",
    severity="error",
    title="Job queue with too many compute environments",
    source=limit_source("RULE_BATCH_QUEUE_TOO_MANY_CE"),
    hint=f"A job queue takes at most {_L.value('RULE_BATCH_QUEUE_TOO_MANY_CE')} compute "
    "environments; add a second queue or merge environments.",
    kinds=(JOB_QUEUE,),
)
def queue_too_many(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    edges = queue_environments(ctx.design, node.id)
    maximum = ctx.limit("RULE_BATCH_QUEUE_TOO_MANY_CE")
    if len(edges) > maximum:
        yield ctx.finding(
            f"Job queue {ctx.label(node.id)} uses {len(edges)} compute environments; at most "
            f"{maximum} are allowed",
            [node.id] + [i for e in edges for i in (e.id, e.target)],
        )


@rule(
    "BATCH_QUEUE_NO_CE",
    severity="error",
    title="Job queue without a compute environment",
    source=limit_source("BATCH_CE_PER_QUEUE"),
    hint="Connect the queue to a compute environment with a 'uses' connection; CreateJobQueue "
    "requires at least one.",
    kinds=(JOB_QUEUE,),
)
def queue_without_environment(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    if not queue_environments(ctx.design, node.id):
        yield ctx.finding(
            f"Job queue {ctx.label(node.id)} has no compute environment, so its jobs can never run",
            [node.id],
        )


@rule(
    "BATCH_JOB_LIMITS",
    severity="error",
    title="Batch job timeout, array size or dependencies out of range",
    source=limit_source("RULE_BATCH_JOB_LIMITS"),
    hint=f"Timeouts start at {_L.value('RULE_BATCH_JOB_LIMITS', 'timeout_min_s')} s; array "
    f"jobs have {_L.value('RULE_BATCH_JOB_LIMITS', 'array_min'):,} to "
    f"{_L.value('RULE_BATCH_JOB_LIMITS', 'array_max'):,} children; a job depends on at most "
    f"{_L.value('RULE_BATCH_JOB_LIMITS', 'depends_on_max')} jobs.",
    kinds=(JOB_DEFINITION,),
)
def job_limits(ctx: RuleContext, node: Node) -> Iterator[Finding]:
    config: Any = node.config
    name = ctx.label(node.id)
    timeout_min = ctx.limit("RULE_BATCH_JOB_LIMITS", "timeout_min_s")
    array_min = ctx.limit("RULE_BATCH_JOB_LIMITS", "array_min")
    array_max = ctx.limit("RULE_BATCH_JOB_LIMITS", "array_max")
    depends_max = ctx.limit("RULE_BATCH_JOB_LIMITS", "depends_on_max")
    if config.timeout_s is not None and config.timeout_s < timeout_min:
        yield ctx.finding(
            f"{name} has a timeout of {config.timeout_s} s; AWS Batch requires at least "
            f"{timeout_min} s",
            [node.id],
        )
    if config.array_size is not None and not array_min <= config.array_size <= array_max:
        yield ctx.finding(
            f"{name} is an array job of {config.array_size:,} children; AWS Batch allows "
            f"{array_min:,} to {array_max:,}",
            [node.id],
        )
    if config.depends_on > depends_max:
        yield ctx.finding(
            f"{name} depends on {config.depends_on} jobs; AWS Batch allows at most {depends_max}",
            [node.id],
        )


def _reached_environments(design: Design, job_id: str) -> list[tuple[list[str], str]]:
    """(connection path ids, environment id) for every environment the job definition runs on,
    directly or through a job queue."""
    reached: list[tuple[list[str], str]] = []
    for edge in design.outgoing(job_id, "runs_on"):
        target = design.node(edge.target)
        if target.kind == COMPUTE_ENVIRONMENT:
            reached.append(([edge.id], target.id))
        elif target.kind == JOB_QUEUE:
            for queue_edge in queue_environments(design, target.id):
                reached.append(([edge.id, target.id, queue_edge.id], queue_edge.target))
    return reached


@rule(
    "BATCH_FARGATE_JOBDEF",
    severity="error",
    title="Batch job definition does not fit its platform",
    source=limit_source("RULE_BATCH_FARGATE_JOBDEF"),
    hint="Fargate jobs are single-node, have no GPUs and use a Fargate CPU/memory size; run "
    "them in FARGATE/FARGATE_SPOT environments and EC2 jobs in EC2/SPOT environments.",
    kinds=(JOB_DEFINITION, JOB_QUEUE, COMPUTE_ENVIRONMENT),
    scope="design",
)
def fargate_job_definition(ctx: RuleContext) -> Iterator[Finding]:
    design = ctx.design
    for node in design.nodes_of_kind(JOB_DEFINITION):
        config: Any = node.config
        name = ctx.label(node.id)
        if config.platform == "FARGATE":
            if config.multi_node:
                yield ctx.finding(
                    f"{name} is a multi-node parallel job on Fargate; Fargate does not run "
                    "multi-node parallel jobs",
                    [node.id],
                )
            if config.gpus > 0:
                yield ctx.finding(
                    f"{name} asks for {plural(config.gpus, 'GPU')} on Fargate; Fargate has no GPUs",
                    [node.id],
                )
            problems = fargate_size_problems(ctx, config.vcpus * 1024, config.memory_mb)
            if problems:
                yield ctx.finding(
                    f"{name} asks Fargate for {config.vcpus:g} vCPU and "
                    f"{config.memory_mb:,} MiB: " + "; ".join(problems),
                    [node.id],
                )
        for path, environment in _reached_environments(design, node.id):
            family = family_of(design, environment)
            if family != config.platform:
                kind = getattr(design.node(environment).config, "type", "")
                yield ctx.finding(
                    f"{name} is a {config.platform} job definition but runs on compute "
                    f"environment {ctx.label(environment)} of type {kind}",
                    [node.id, *path, environment],
                )
