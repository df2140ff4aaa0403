"""Build the bundled example designs through the model API and save them canonically.

The .archcanvas files beside this script are its output; edit this script, not the files, and
re-run it so the examples stay byte-stable:

    .venv/bin/python examples/build_examples.py [OUTPUT_DIR]

Layout is declared as nested rows and columns; the script measures them, fits every container
around its children (padding plus a header band for the title) and places nodes by their
top-left corner in scene coordinates.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from model.commands import (  # noqa: E402
    AddNode,
    AddWaiver,
    CommandError,
    Connect,
    RemoveNodes,
    SetConfig,
    SetReview,
    UndoStack,
)
from model.config.edges import EdgeConfig  # noqa: E402
from model.design import Design, new_node  # noqa: E402
from model.elements import Edge, Placement, Point, Size  # noqa: E402
from model.profile import Profile  # noqa: E402
from model.review.values import ReviewStatus, Waiver  # noqa: E402
from model.serialization import save_design  # noqa: E402

HERE = Path(__file__).resolve().parent

# Footprints match the canvas (app/canvas/geometry.py): a node is its 56 px icon and a label.
NODE_W, NODE_H = 120, 100
PAD = 40
HEADER = 40
GAP_X = 80
GAP_Y = 40
EMPTY_INNER = (200, 60)
GRID = 20
TITLE_CHAR_W = 7.5
TITLE_EXTRA_W = 80

ACCOUNT = "123456789012"


# ---- layout ---------------------------------------------------------------------------------
@dataclass
class Leaf:
    node_id: str
    kind: str
    label: str
    config: dict[str, Any]


@dataclass
class Group:
    node_id: str
    kind: str
    label: str
    config: dict[str, Any]
    body: Box | None


@dataclass
class Spacer:
    w: int
    h: int


@dataclass
class Stack:
    items: list[Box]
    horizontal: bool
    gap: int
    center: bool


Box = Leaf | Group | Stack | Spacer


def leaf(node_id: str, kind: str, label: str, **config: Any) -> Leaf:
    return Leaf(node_id, kind, label, config)


def group(node_id: str, kind: str, label: str, body: Box | None = None, **config: Any) -> Group:
    return Group(node_id, kind, label, config, body)


def row(*items: Box, gap: int = GAP_X, center: bool = True) -> Stack:
    """Left to right, the reading direction of a flow."""
    return Stack(list(items), True, gap, center)


def col(*items: Box, gap: int = GAP_Y, center: bool = False) -> Stack:
    return Stack(list(items), False, gap, center)


def _snap(value: float) -> int:
    return int(value // GRID * GRID)


def title_width(box: Group) -> int:
    """Room for the title the canvas draws: the label, and for network groups their detail."""
    detail = str(box.config.get("name") or box.config.get("cidr") or "")
    title = box.label if not detail or detail in box.label else f"{box.label}  ·  {detail}"
    return -int(-(len(title) * TITLE_CHAR_W + TITLE_EXTRA_W) // GRID) * GRID


def measure(box: Box) -> tuple[int, int]:
    if isinstance(box, Leaf):
        return NODE_W, NODE_H
    if isinstance(box, Spacer):
        return box.w, box.h
    if isinstance(box, Group):
        inner = measure(box.body) if box.body is not None else EMPTY_INNER
        width = max(inner[0] + 2 * PAD, title_width(box))
        return width, inner[1] + HEADER + 2 * PAD
    sizes = [measure(item) for item in box.items]
    if box.horizontal:
        return sum(w for w, _ in sizes) + box.gap * (len(sizes) - 1), max(h for _, h in sizes)
    return max(w for w, _ in sizes), sum(h for _, h in sizes) + box.gap * (len(sizes) - 1)


@dataclass
class Placed:
    box: Leaf | Group
    parent: str | None
    x: int
    y: int
    size: tuple[int, int] | None = None


def place(box: Box, x: int, y: int, parent: str | None) -> Iterator[Placed]:
    """Every node of the layout with its position, containers before what they contain."""
    if isinstance(box, Leaf):
        yield Placed(box, parent, x, y)
    elif isinstance(box, Spacer):
        return
    elif isinstance(box, Group):
        yield Placed(box, parent, x, y, measure(box))
        if box.body is not None:
            yield from place(box.body, x + PAD, y + HEADER + PAD, box.node_id)
    else:
        width, height = measure(box)
        offset = 0
        for item in box.items:
            w, h = measure(item)
            if box.horizontal:
                dy = _snap((height - h) / 2) if box.center else 0
                yield from place(item, x + offset, y + dy, parent)
                offset += w + box.gap
            else:
                dx = _snap((width - w) / 2) if box.center else 0
                yield from place(item, x + dx, y + offset, parent)
                offset += h + box.gap


# ---- building -------------------------------------------------------------------------------
@dataclass
class Link:
    source: str
    target: str
    relation: str
    label: str = ""
    config: dict[str, Any] = field(default_factory=dict)


def link(source: str, target: str, relation: str, label: str = "", **config: Any) -> Link:
    return Link(source, target, relation, label, config)


@dataclass
class Example:
    name: str
    description: str
    profile: Profile
    layout: Box
    links: list[Link]


def build(example: Example) -> Design:
    """The example as a design, made with the same commands as edits on the canvas."""
    design = Design(example.name, example.description, example.profile)
    stack = UndoStack(design)
    for placed in place(example.layout, 0, 0, None):
        box = placed.box
        verdict = design.can_contain(placed.parent, box.kind, box.node_id)
        if not verdict:
            raise CommandError(f"{example.name}: {box.node_id}: {verdict.reason}")
        node = new_node(
            design,
            box.kind,
            label=box.label,
            parent=placed.parent,
            config=box.config,
            node_id=box.node_id,
        )
        size = Size(*placed.size) if placed.size is not None else None
        node = replace(node, placement=Placement(Point(placed.x, placed.y), size))
        stack.push(AddNode(node))
    for item in example.links:
        edge = Edge(
            id=design.new_edge_id(),
            source=item.source,
            target=item.target,
            relation=item.relation,
            config=EdgeConfig.model_validate(item.config),
            label=item.label,
        )
        stack.push(Connect(edge))
    return design


# ---- Step Functions helpers -----------------------------------------------------------------
LAMBDA_RETRY = {
    "ErrorEquals": [
        "Lambda.ServiceException",
        "Lambda.AWSLambdaException",
        "Lambda.SdkClientException",
        "Lambda.TooManyRequestsException",
    ],
    "IntervalSeconds": 1,
    "MaxAttempts": 2,
    "BackoffRate": 2.0,
}


def lambda_task(placeholder: str, timeout_s: int, **extra: Any) -> dict[str, Any]:
    return {
        "Type": "Task",
        "Resource": "arn:aws:states:::lambda:invoke",
        "Parameters": {"FunctionName": f"${{{placeholder}}}", "Payload.$": "$"},
        "TimeoutSeconds": timeout_s,
        "Retry": [LAMBDA_RETRY],
        **extra,
    }


def sns_task(
    placeholder: str, timeout_s: int, message: str, from_input: bool = False, **extra: Any
) -> dict[str, Any]:
    """Publish message (a path into the state's input when from_input) to the topic the
    placeholder stands for; extra holds the exit (Next or End)."""
    key = "Message.$" if from_input else "Message"
    return {
        "Type": "Task",
        "Resource": "arn:aws:states:::sns:publish",
        "Parameters": {"TopicArn": f"${{{placeholder}}}", key: message},
        "TimeoutSeconds": timeout_s,
        **extra,
    }


def ecr_image(region: str, repository: str, tag: str) -> str:
    return f"{ACCOUNT}.dkr.ecr.{region}.amazonaws.com/{repository}:{tag}"


# ---- (a) image pipeline ---------------------------------------------------------------------
def image_pipeline() -> Example:
    definition = {
        "Comment": "Analyse a resized image: thumbnails, metadata and moderation in parallel.",
        "StartAt": "AnalyseImage",
        "TimeoutSeconds": 120,
        "States": {
            "AnalyseImage": {
                "Type": "Parallel",
                "Branches": [
                    {
                        "StartAt": "MakeThumbnails",
                        "States": {
                            "MakeThumbnails": lambda_task("ThumbnailFunction", 30, End=True)
                        },
                    },
                    {
                        "StartAt": "ExtractMetadata",
                        "States": {
                            "ExtractMetadata": lambda_task("MetadataFunction", 10, End=True)
                        },
                    },
                    {
                        "StartAt": "ModerateContent",
                        "States": {
                            "ModerateContent": lambda_task("ModerationFunction", 20, End=True)
                        },
                    },
                ],
                "ResultPath": "$.analysis",
                "Catch": [
                    {"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "MarkFailed"}
                ],
                "Next": "SaveResult",
            },
            "SaveResult": {
                "Type": "Task",
                "Resource": "arn:aws:states:::dynamodb:putItem",
                "Parameters": {
                    "TableName": "${ImagesTable}",
                    "Item": {
                        "pk": {"S.$": "$.key"},
                        "status": {"S": "READY"},
                        "thumbnails": {"S.$": "States.JsonToString($.analysis[0].Payload)"},
                        "metadata": {"S.$": "States.JsonToString($.analysis[1].Payload)"},
                        "moderation": {"S.$": "States.JsonToString($.analysis[2].Payload)"},
                    },
                },
                "TimeoutSeconds": 10,
                "Retry": [
                    {
                        "ErrorEquals": ["States.TaskFailed"],
                        "IntervalSeconds": 1,
                        "MaxAttempts": 3,
                        "BackoffRate": 2.0,
                    }
                ],
                "End": True,
            },
            "MarkFailed": {
                "Type": "Task",
                "Resource": "arn:aws:states:::dynamodb:putItem",
                "Parameters": {
                    "TableName": "${ImagesTable}",
                    "Item": {
                        "pk": {"S.$": "$.key"},
                        "status": {"S": "FAILED"},
                        "error": {"S.$": "$.error.Cause"},
                    },
                },
                "TimeoutSeconds": 10,
                "Next": "Failed",
            },
            "Failed": {
                "Type": "Fail",
                "Error": "ImageAnalysisFailed",
                "Cause": "A thumbnail, metadata or moderation step failed after retries.",
            },
        },
    }
    edge_region = group(
        "us-east-1",
        "aws.region",
        "US East (N. Virginia)",
        col(
            leaf(
                "viewer-auth",
                "aws.lambda_edge",
                "Viewer auth (edge)",
                runtime="nodejs22.x",
                memory_mb=128,
                timeout_s=5,
                package_size_mb=0.2,
                unzipped_size_mb=0.6,
                avg_duration_ms=3,
                region="us-east-1",
            ),
            leaf(
                "pick-variant",
                "aws.lambda_edge",
                "Pick image variant",
                runtime="nodejs22.x",
                memory_mb=512,
                timeout_s=10,
                package_size_mb=3.5,
                unzipped_size_mb=11,
                avg_duration_ms=40,
                region="us-east-1",
            ),
        ),
        name="us-east-1",
    )
    main_region = group(
        "eu-west-1",
        "aws.region",
        "Europe (Ireland)",
        row(
            col(
                leaf("uploads", "aws.s3.bucket", "Uploads bucket", versioning=True),
                leaf("images", "aws.s3.bucket", "Images bucket", versioning=True),
            ),
            leaf(
                "resize",
                "aws.lambda",
                "Resize image",
                runtime="python3.12",
                architecture="arm64",
                memory_mb=1536,
                timeout_s=60,
                ephemeral_storage_mb=2048,
                package_size_mb=18,
                unzipped_size_mb=62,
                layers=["pillow-simd"],
                environment={"IMAGES_BUCKET": "images"},
                avg_duration_ms=1800,
                tracing="Active",
            ),
            leaf(
                "analyse",
                "aws.stepfunctions.state_machine",
                "Analyse image (Express)",
                workflow_type="EXPRESS",
                invocation="async",
                definition=definition,
                definition_substitutions={
                    "ThumbnailFunction": "thumbnail",
                    "MetadataFunction": "metadata",
                    "ModerationFunction": "moderation",
                    "ImagesTable": "images-table",
                },
                expected_duration_s=25,
                logging=True,
            ),
            col(
                leaf(
                    "thumbnail",
                    "aws.lambda",
                    "Make thumbnails",
                    runtime="python3.12",
                    architecture="arm64",
                    memory_mb=1024,
                    timeout_s=30,
                    package_size_mb=18,
                    layers=["pillow-simd"],
                    avg_duration_ms=900,
                ),
                leaf(
                    "metadata",
                    "aws.lambda",
                    "Extract metadata",
                    runtime="python3.12",
                    architecture="arm64",
                    memory_mb=512,
                    timeout_s=10,
                    avg_duration_ms=300,
                ),
                leaf(
                    "moderation",
                    "aws.lambda",
                    "Moderate content",
                    runtime="python3.12",
                    architecture="arm64",
                    memory_mb=512,
                    timeout_s=20,
                    avg_duration_ms=1200,
                ),
                leaf(
                    "images-table",
                    "aws.dynamodb.table",
                    "Images table",
                    billing_mode="PAY_PER_REQUEST",
                    partition_key="pk",
                ),
            ),
        ),
        name="eu-west-1",
    )
    layout = row(
        leaf(
            "cdn",
            "aws.cloudfront.distribution",
            "Image CDN",
            price_class="PriceClass_100",
            aliases=["images.example.com"],
        ),
        col(edge_region, main_region),
        gap=100,
    )
    links = [
        link("cdn", "viewer-auth", "triggers", event_type="viewer-request", expected_rps=800),
        link("cdn", "pick-variant", "triggers", event_type="origin-request", expected_rps=60),
        link("cdn", "images", "routes"),
        link("uploads", "resize", "triggers", expected_rps=40),
        link("resize", "images", "uses"),
        link("resize", "analyse", "invokes", expected_rps=40),
        link("analyse", "thumbnail", "invokes", integration_pattern="request_response"),
        link("analyse", "metadata", "invokes", integration_pattern="request_response"),
        link("analyse", "moderation", "invokes", integration_pattern="request_response"),
        link("analyse", "images-table", "invokes", integration_pattern="request_response"),
    ]
    return Example(
        name="Image pipeline",
        description=(
            "Uploaded images are resized by a Lambda function, then an Express workflow makes"
            " thumbnails, extracts metadata and moderates content in parallel and records the"
            " result in DynamoDB. CloudFront serves the images with a viewer-request Lambda@Edge"
            " check and an origin-request function that picks the image variant."
        ),
        profile=Profile(
            region="eu-west-1",
            quotas={"lambda_concurrent_executions": 1000, "lambda_unreserved_minimum": 100},
        ),
        layout=layout,
        links=links,
    )


# ---- (b) nightly analytics ------------------------------------------------------------------
def nightly_analytics() -> Example:
    batch_retry = {
        "ErrorEquals": ["Batch.AWSBatchException", "Batch.ServerException"],
        "IntervalSeconds": 30,
        "MaxAttempts": 3,
        "BackoffRate": 2.0,
    }
    catch_all = [{"ErrorEquals": ["States.ALL"], "ResultPath": "$.error", "Next": "NotifyFailure"}]
    definition = {
        "Comment": "Ingest yesterday's partitions on Fargate, aggregate on Spot, publish reports.",
        "StartAt": "ListPartitions",
        "TimeoutSeconds": 28800,
        "States": {
            "ListPartitions": lambda_task(
                "ListPartitionsFunction",
                60,
                ResultSelector={
                    "partitions.$": "$.Payload.partitions",
                    "count.$": "$.Payload.count",
                },
                ResultPath="$.listing",
                Next="AnyNewData",
            ),
            "AnyNewData": {
                "Type": "Choice",
                "Choices": [
                    {"Variable": "$.listing.count", "NumericEquals": 0, "Next": "NothingToDo"}
                ],
                "Default": "WaitForLateArrivals",
            },
            "NothingToDo": {"Type": "Succeed"},
            "WaitForLateArrivals": {"Type": "Wait", "Seconds": 900, "Next": "IngestPartitions"},
            "IngestPartitions": {
                "Type": "Map",
                "ItemsPath": "$.listing.partitions",
                "MaxConcurrency": 20,
                "ItemProcessor": {
                    "ProcessorConfig": {"Mode": "INLINE"},
                    "StartAt": "IngestPartition",
                    "States": {
                        "IngestPartition": {
                            "Type": "Task",
                            "Resource": "arn:aws:states:::batch:submitJob.sync",
                            "Parameters": {
                                "JobName": "ingest-partition",
                                "JobQueue": "${IngestQueue}",
                                "JobDefinition": "${IngestJobDefinition}",
                                "ContainerOverrides": {
                                    "Environment": [{"Name": "PARTITION", "Value.$": "$.prefix"}]
                                },
                            },
                            "TimeoutSeconds": 3600,
                            "Retry": [batch_retry],
                            "End": True,
                        }
                    },
                },
                "ResultPath": None,
                "Catch": catch_all,
                "Next": "AggregateDaily",
            },
            "AggregateDaily": {
                "Type": "Task",
                "Resource": "arn:aws:states:::batch:submitJob.sync",
                "Parameters": {
                    "JobName": "daily-aggregate",
                    "JobQueue": "${AggregateQueue}",
                    "JobDefinition": "${AggregateJobDefinition}",
                    "ArrayProperties": {"Size": 24},
                },
                "TimeoutSeconds": 14400,
                "Retry": [batch_retry],
                "ResultPath": None,
                "Catch": catch_all,
                "Next": "PublishReports",
            },
            "PublishReports": {
                "Type": "Task",
                "Resource": "arn:aws:states:::ecs:runTask.sync",
                "Parameters": {
                    "Cluster": "analytics",
                    "TaskDefinition": "${ReportTask}",
                    "LaunchType": "FARGATE",
                    "NetworkConfiguration": {
                        "AwsvpcConfiguration": {
                            "Subnets": ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"],
                            "AssignPublicIp": "DISABLED",
                        }
                    },
                },
                "TimeoutSeconds": 1800,
                "ResultPath": None,
                "Catch": catch_all,
                "Next": "NotifyDone",
            },
            "NotifyDone": sns_task(
                "NotificationsTopic", 30, "Nightly analytics finished.", End=True
            ),
            "NotifyFailure": sns_task(
                "NotificationsTopic",
                30,
                "States.Format('Nightly analytics failed: {}', $.error.Cause)",
                from_input=True,
                Next="Failed",
            ),
            "Failed": {"Type": "Fail", "Error": "NightlyAnalyticsFailed"},
        },
    }
    region = "us-east-1"
    vpc = group(
        "analytics-vpc",
        "aws.vpc",
        "Analytics VPC",
        col(
            group(
                "analytics-cluster",
                "aws.ecs.cluster",
                "analytics",
                leaf(
                    "report-task",
                    "aws.ecs.task",
                    "Publish reports",
                    launch_type="FARGATE",
                    cpu=1024,
                    memory_mb=4096,
                    network_mode="awsvpc",
                    image=ecr_image(region, "analytics-jobs", "reports"),
                ),
                container_insights=True,
            ),
            leaf(
                "fargate-ce",
                "aws.batch.compute_environment",
                "Fargate CE",
                type="FARGATE",
                max_vcpus=256,
            ),
            leaf(
                "spot-ce",
                "aws.batch.compute_environment",
                "Spot CE",
                type="SPOT",
                max_vcpus=1024,
                instance_types=["c6i", "m6i", "r6i"],
            ),
            leaf(
                "on-demand-ce",
                "aws.batch.compute_environment",
                "On-Demand CE",
                type="EC2",
                max_vcpus=256,
                instance_types=["m6i"],
            ),
            center=True,
        ),
        cidr="10.40.0.0/16",
    )
    layout = group(
        region,
        "aws.region",
        "US East (N. Virginia)",
        row(
            leaf(
                "nightly-rule",
                "aws.eventbridge.rule",
                "Nightly 02:00 UTC",
                schedule="cron(0 2 * * ? *)",
            ),
            leaf(
                "nightly-workflow",
                "aws.stepfunctions.state_machine",
                "Nightly analytics",
                workflow_type="STANDARD",
                invocation="async",
                definition=definition,
                definition_substitutions={
                    "ListPartitionsFunction": "list-partitions",
                    "IngestQueue": "ingest-queue",
                    "IngestJobDefinition": "ingest-job",
                    "AggregateQueue": "aggregate-queue",
                    "AggregateJobDefinition": "aggregate-job",
                    "ReportTask": "report-task",
                    "NotificationsTopic": "notifications",
                },
                expected_duration_s=7200,
                logging=True,
            ),
            col(
                leaf(
                    "list-partitions",
                    "aws.lambda",
                    "List new partitions",
                    runtime="python3.12",
                    architecture="arm64",
                    memory_mb=256,
                    timeout_s=60,
                    avg_duration_ms=4000,
                ),
                leaf(
                    "ingest-job",
                    "aws.batch.job_definition",
                    "Ingest partition",
                    platform="FARGATE",
                    vcpus=1.0,
                    memory_mb=4096,
                    timeout_s=3600,
                    image=ecr_image(region, "analytics-jobs", "ingest"),
                ),
                leaf("ingest-queue", "aws.batch.job_queue", "Ingest queue (Fargate)", priority=10),
                leaf(
                    "aggregate-queue", "aws.batch.job_queue", "Aggregate queue (Spot)", priority=5
                ),
                leaf(
                    "aggregate-job",
                    "aws.batch.job_definition",
                    "Daily aggregate",
                    platform="EC2",
                    vcpus=16.0,
                    memory_mb=61440,
                    timeout_s=14400,
                    array_size=24,
                    image=ecr_image(region, "analytics-jobs", "aggregate"),
                ),
                leaf("notifications", "aws.sns.topic", "Analytics notifications"),
                center=True,
            ),
            col(
                leaf("data-lake", "aws.s3.bucket", "Data lake", versioning=True),
                vpc,
                center=True,
            ),
        ),
        name=region,
    )
    links = [
        link("nightly-rule", "nightly-workflow", "triggers"),
        link(
            "nightly-workflow", "list-partitions", "invokes", integration_pattern="request_response"
        ),
        link(
            "nightly-workflow",
            "ingest-queue",
            "invokes",
            integration_pattern="sync",
        ),
        link(
            "nightly-workflow",
            "aggregate-queue",
            "invokes",
            integration_pattern="sync",
        ),
        link("nightly-workflow", "report-task", "invokes", integration_pattern="sync"),
        link(
            "nightly-workflow",
            "notifications",
            "invokes",
            integration_pattern="request_response",
        ),
        link("ingest-job", "ingest-queue", "runs_on"),
        link("aggregate-job", "aggregate-queue", "runs_on"),
        link("ingest-queue", "fargate-ce", "uses", order=1),
        link("aggregate-queue", "spot-ce", "uses", order=1),
        link("aggregate-queue", "on-demand-ce", "uses", order=2),
        link("list-partitions", "data-lake", "uses"),
        link("ingest-job", "data-lake", "uses"),
        link("aggregate-job", "data-lake", "uses"),
        link("report-task", "data-lake", "uses"),
    ]
    return Example(
        name="Nightly analytics",
        description=(
            "An EventBridge schedule starts a Standard workflow every night: it lists new data"
            " lake partitions, waits for late files, ingests each partition as an AWS Batch job"
            " on Fargate, aggregates the day as a Spot array job (with On-Demand fallback) and"
            " publishes reports from an ECS Fargate task. Fargate and EC2/Spot compute"
            " environments sit behind separate job queues. The profile records the account's"
            " applied Fargate On-Demand vCPU quota, which the Fargate environment's 256 vCPUs"
            " and the report task share."
        ),
        profile=Profile(region=region, quotas={"fargate_on_demand_vcpu_quota": 1000}),
        layout=layout,
        links=links,
    )


# ---- (c) container web app ------------------------------------------------------------------
def container_web_app() -> Example:
    region = "eu-central-1"

    def zone(letter: str, public: Box | None, private: Box | None, index: int) -> Group:
        return group(
            f"az-{letter}",
            "aws.availability_zone",
            f"{region}{letter}",
            row(
                group(
                    f"public-{letter}",
                    "aws.subnet",
                    f"Public subnet 1{letter}",
                    public,
                    cidr=f"10.0.{index}.0/24",
                    visibility="public",
                ),
                group(
                    f"private-{letter}",
                    "aws.subnet",
                    f"Private subnet 1{letter}",
                    private,
                    cidr=f"10.0.{10 + index}.0/24",
                    visibility="private",
                    nat=True,
                ),
                center=False,
            ),
            name=f"{region}{letter}",
        )

    web_image = ecr_image(region, "storefront", "1.42.0")
    vpc = group(
        "vpc",
        "aws.vpc",
        "Storefront VPC",
        row(
            col(
                zone(
                    "a",
                    leaf(
                        "alb",
                        "aws.elb.load_balancer",
                        "Public ALB",
                        type="application",
                        scheme="internet-facing",
                        target_type="ip",
                    ),
                    None,
                    0,
                ),
                zone(
                    "b",
                    None,
                    leaf(
                        "orders-db",
                        "aws.rds.database",
                        "Orders DB (Multi-AZ)",
                        engine="postgres",
                        instance_class="db.r6g.large",
                        multi_az=True,
                        allocated_storage_gb=200,
                    ),
                    1,
                ),
            ),
            col(
                Spacer(0, PAD),
                group(
                    "ecs-cluster",
                    "aws.ecs.cluster",
                    "storefront (ECS)",
                    leaf(
                        "web",
                        "aws.ecs.service",
                        "Storefront web",
                        launch_type="FARGATE",
                        cpu=512,
                        memory_mb=1024,
                        network_mode="awsvpc",
                        image=web_image,
                        container_port=8080,
                        desired_count=4,
                        subnets=["private-a", "private-b"],
                    ),
                    container_insights=True,
                ),
                Spacer(0, 2 * PAD),
                group(
                    "eks-cluster",
                    "aws.eks.cluster",
                    "platform (EKS)",
                    col(
                        leaf(
                            "api-nodes",
                            "aws.eks.node_group",
                            "API nodes",
                            instance_types=["m7i.large", "m6i.large"],
                            capacity_type="ON_DEMAND",
                            min_size=2,
                            max_size=6,
                            desired_size=3,
                        ),
                        leaf(
                            "jobs-fargate",
                            "aws.eks.fargate_profile",
                            "Jobs on Fargate",
                            selectors=[
                                {"namespace": "jobs", "labels": {}},
                                {"namespace": "reports", "labels": {"compute": "fargate"}},
                            ],
                        ),
                    ),
                    kubernetes_version="1.35",
                ),
            ),
            gap=100,
            center=False,
        ),
        cidr="10.0.0.0/16",
    )
    layout = group(
        region,
        "aws.region",
        "Europe (Frankfurt)",
        row(
            vpc,
            leaf("storefront-repo", "aws.ecr.repository", "storefront images"),
            gap=100,
        ),
        name=region,
    )
    links = [
        link("alb", "web", "routes", "/*"),
        link("alb", "api-nodes", "routes", "/api/*"),
        link("web", "orders-db", "uses"),
        link("api-nodes", "orders-db", "uses"),
        link("jobs-fargate", "orders-db", "uses"),
        link("web", "storefront-repo", "uses"),
        link("api-nodes", "storefront-repo", "uses"),
        link("jobs-fargate", "storefront-repo", "uses"),
    ]
    return Example(
        name="Container web app",
        description=(
            "A storefront in one VPC across two Availability Zones: an internet-facing"
            " Application Load Balancer sends web traffic to an ECS Fargate service (its tasks run"
            " in the private subnets of both zones) and /api/*"
            " to pods on an EKS managed node group; batch pods run on an EKS Fargate profile."
            " Both clusters run in the private subnets and share a Multi-AZ PostgreSQL database"
            " and an ECR repository."
        ),
        profile=Profile(region=region),
        layout=layout,
        links=links,
    )


# ---- (d) compute family ---------------------------------------------------------------------
def compute_family() -> Example:
    region = "us-west-2"
    layout = group(
        region,
        "aws.region",
        "US West (Oregon)",
        col(
            row(
                leaf(
                    "storefront-env",
                    "aws.beanstalk.environment",
                    "Storefront (web tier)",
                    platform="Python 3.12 running on 64bit Amazon Linux 2023",
                    tier="web",
                    environment_type="load_balanced",
                    deployment_policy="rolling",
                    load_balancer="application",
                    instance_type="t3.medium",
                ),
                leaf(
                    "order-jobs",
                    "aws.sqs.queue",
                    "Order jobs",
                    visibility_timeout_s=300,
                    max_receive_count=5,
                ),
                leaf(
                    "order-worker-env",
                    "aws.beanstalk.environment",
                    "Order worker (worker tier)",
                    platform="Python 3.12 running on 64bit Amazon Linux 2023",
                    tier="worker",
                    environment_type="load_balanced",
                    deployment_policy="rolling",
                    instance_type="t3.medium",
                ),
                leaf(
                    "partner-api",
                    "aws.app_runner",
                    "Partner API",
                    cpu_vcpu=1.0,
                    memory_gb=2.0,
                    max_concurrency=100,
                    min_size=1,
                    max_size=10,
                    source="image",
                ),
                leaf("partner-repo", "aws.ecr.repository", "partner-api images"),
                leaf(
                    "blog",
                    "aws.lightsail.instance",
                    "Company blog",
                    bundle="medium_3_0",
                    blueprint="wordpress",
                ),
            ),
            row(
                group(
                    "hpc-vpc",
                    "aws.vpc",
                    "HPC VPC",
                    group(
                        "az-2a",
                        "aws.availability_zone",
                        "us-west-2a",
                        group(
                            "hpc-subnet",
                            "aws.subnet",
                            "HPC subnet",
                            group(
                                "cfd-placement",
                                "aws.ec2.placement_group",
                                "CFD placement group",
                                leaf(
                                    "cfd-nodes",
                                    "aws.ec2.instance",
                                    "CFD solver nodes",
                                    instance_type="c5n.18xlarge",
                                    count=4,
                                    purchase_option="on_demand",
                                    efa=True,
                                ),
                                strategy="cluster",
                            ),
                            cidr="10.20.1.0/24",
                            visibility="private",
                        ),
                        name="us-west-2a",
                    ),
                    cidr="10.20.0.0/16",
                ),
                leaf("results", "aws.s3.bucket", "Simulation results", versioning=True),
                group(
                    "factory-outpost",
                    "aws.outposts.outpost",
                    "Factory Outpost",
                    leaf(
                        "line-control",
                        "aws.ec2.instance",
                        "Line control servers",
                        instance_type="m5.2xlarge",
                        count=2,
                    ),
                    form_factor="rack",
                    site="Portland plant",
                ),
                gap=100,
            ),
            gap=60,
        ),
        name=region,
    )
    links = [
        link("storefront-env", "order-jobs", "uses"),
        link("order-jobs", "order-worker-env", "triggers", expected_rps=20),
        link("partner-api", "partner-repo", "uses"),
        link("cfd-nodes", "results", "uses"),
        link("line-control", "results", "uses"),
    ]
    return Example(
        name="Compute family",
        description=(
            "One Region showing the rest of the AWS compute family: Elastic Beanstalk web and"
            " worker environments joined by an SQS queue, an App Runner service, a Lightsail"
            " instance, an HPC cluster of EFA-enabled c5n.18xlarge instances in a cluster"
            " placement group in one Availability Zone, and an Outpost with EC2 capacity"
            " on premises."
        ),
        profile=Profile(region=region),
        layout=layout,
        links=links,
    )


# ---- (e) common mistakes --------------------------------------------------------------------
def common_mistakes() -> Example:
    region = "eu-west-1"
    confirm_definition = {
        "Comment": "Charge the card, wait for the fraud check window, then confirm the order.",
        "StartAt": "ChargeCard",
        "States": {
            "ChargeCard": lambda_task("ChargeCardFunction", 15, Next="WaitForFraudWindow"),
            "WaitForFraudWindow": {"Type": "Wait", "Seconds": 600, "Next": "SendConfirmation"},
            "SendConfirmation": sns_task(
                "ConfirmationsTopic", 10, "$.orderId", from_input=True, End=True
            ),
        },
    }
    edge_region = group(
        "us-east-1",
        "aws.region",
        "US East (N. Virginia)",
        leaf(
            "resize-edge",
            "aws.lambda_edge",
            "resize-edge",
            runtime="nodejs20.x",
            memory_mb=128,
            timeout_s=5,
            package_size_mb=5,
            unzipped_size_mb=14,
            region="us-east-1",
        ),
        name="us-east-1",
    )
    main_region = group(
        region,
        "aws.region",
        "Europe (Ireland)",
        col(
            row(
                leaf(
                    "checkout-api",
                    "aws.apigateway.api",
                    "Checkout REST API",
                    api_type="rest",
                    endpoint_type="regional",
                    integration_timeout_s=29,
                ),
                leaf(
                    "checkout",
                    "aws.lambda",
                    "Checkout handler",
                    runtime="python3.12",
                    memory_mb=1024,
                    timeout_s=60,
                    reserved_concurrency=400,
                    avg_duration_ms=2500,
                ),
                leaf(
                    "order-confirmation",
                    "aws.stepfunctions.state_machine",
                    "Order confirmation (Express)",
                    workflow_type="EXPRESS",
                    invocation="async",
                    definition=confirm_definition,
                    definition_substitutions={
                        "ChargeCardFunction": "charge-card",
                        "ConfirmationsTopic": "confirmations",
                    },
                ),
                col(
                    leaf(
                        "charge-card",
                        "aws.lambda",
                        "Charge card",
                        runtime="python3.12",
                        memory_mb=512,
                        timeout_s=15,
                        reserved_concurrency=400,
                    ),
                    leaf("confirmations", "aws.sns.topic", "Order confirmations"),
                ),
            ),
            row(
                leaf(
                    "order-events",
                    "aws.sqs.queue",
                    "Order events",
                    visibility_timeout_s=30,
                ),
                leaf(
                    "order-processor",
                    "aws.lambda",
                    "Order processor",
                    runtime="python3.12",
                    memory_mb=512,
                    timeout_s=120,
                    avg_duration_ms=20000,
                ),
                leaf(
                    "inventory-schedule",
                    "aws.eventbridge.rule",
                    "Every 5 minutes",
                    schedule="rate(5 minutes)",
                ),
                leaf(
                    "inventory-sync",
                    "aws.lambda",
                    "Inventory sync",
                    runtime="python3.12",
                    memory_mb=256,
                    timeout_s=300,
                    reserved_concurrency=300,
                ),
                leaf(
                    "export-schedule",
                    "aws.eventbridge.rule",
                    "Nightly export",
                    schedule="cron(0 1 * * ? *)",
                ),
                leaf(
                    "report-export",
                    "aws.lambda",
                    "Report export",
                    runtime="python3.12",
                    memory_mb=3008,
                    timeout_s=1200,
                ),
                center=False,
            ),
            row(
                group(
                    "legacy-cluster",
                    "aws.ecs.cluster",
                    "legacy (ECS)",
                    leaf(
                        "legacy-api",
                        "aws.ecs.service",
                        "Legacy API (Fargate)",
                        launch_type="FARGATE",
                        cpu=512,
                        memory_mb=1024,
                        network_mode="bridge",
                        container_port=8080,
                        desired_count=2,
                    ),
                ),
                leaf(
                    "reindex-job",
                    "aws.batch.job_definition",
                    "Search reindex",
                    platform="FARGATE",
                    vcpus=2.0,
                    memory_mb=4096,
                    timeout_s=3600,
                ),
                leaf("mixed-queue", "aws.batch.job_queue", "Mixed job queue", priority=1),
                col(
                    leaf(
                        "mixed-fargate-ce",
                        "aws.batch.compute_environment",
                        "Fargate CE",
                        type="FARGATE",
                        max_vcpus=128,
                    ),
                    leaf(
                        "mixed-spot-ce",
                        "aws.batch.compute_environment",
                        "Spot CE",
                        type="SPOT",
                        max_vcpus=256,
                        instance_types=["c6i", "m6i"],
                    ),
                ),
            ),
            gap=60,
        ),
        name=region,
    )
    layout = row(
        col(
            leaf("media-cdn", "aws.cloudfront.distribution", "Media CDN"),
            leaf("media", "aws.s3.bucket", "Media bucket"),
            gap=80,
        ),
        col(edge_region, main_region),
        gap=100,
        center=False,
    )
    links = [
        link("media-cdn", "resize-edge", "triggers", event_type="viewer-request", expected_rps=300),
        link("media-cdn", "media", "routes"),
        link("checkout-api", "checkout", "invokes", "POST /checkout", expected_rps=50),
        link("checkout", "order-confirmation", "invokes"),
        link(
            "order-confirmation", "charge-card", "invokes", integration_pattern="request_response"
        ),
        link(
            "order-confirmation",
            "confirmations",
            "invokes",
            integration_pattern="request_response",
        ),
        link("order-events", "order-processor", "triggers", batch_size=10, expected_rps=20),
        link("inventory-schedule", "inventory-sync", "triggers"),
        link("export-schedule", "report-export", "triggers"),
        link("reindex-job", "mixed-queue", "runs_on"),
        link("mixed-queue", "mixed-fargate-ce", "uses", order=1),
        link("mixed-queue", "mixed-spot-ce", "uses", order=2),
    ]
    return Example(
        name="Common mistakes",
        description=(
            "Deliberately wrong: each part carries a mistake AWS would reject or that fails in"
            " production. A 5 MB Lambda@Edge package on a viewer-request trigger (limit 1 MB);"
            " an Express workflow that waits 600 s (Express runs at most 5 minutes); reserved"
            " concurrency of 400 + 400 + 300 against a 1,000 account quota; a 1,200 s Lambda"
            " timeout (maximum 900 s); an SQS queue whose 30 s visibility timeout is shorter than"
            " its consumer's 120 s timeout; a Fargate service in bridge network mode (Fargate"
            " needs awsvpc); a REST API in front of a 60 s function (29 s integration timeout);"
            " and a Batch job queue mixing Fargate and Spot compute environments."
        ),
        profile=Profile(region=region, quotas={"lambda_concurrent_executions": 1000}),
        layout=layout,
        links=links,
    )


# ---- (f) platform limits --------------------------------------------------------------------
def platform_limits() -> Example:
    region = "eu-west-1"
    import_definition = {
        "Comment": "Import a partner's catalog with a Glue job, then tell the partner.",
        "StartAt": "RunCatalogImport",
        "States": {
            "RunCatalogImport": {
                "Type": "Task",
                "Resource": "arn:aws:states:::glue:startJobRun.sync",
                "Parameters": {"JobName": "partner-catalog-import", "Arguments.$": "$.arguments"},
                "ResultPath": None,
                "Next": "NotifyPartner",
            },
            "NotifyPartner": sns_task("ImportsTopic", 10, "$.partnerId", from_input=True, End=True),
        },
    }
    app_runner = col(
        leaf(
            "partner-api",
            "aws.app_runner",
            "Partner API",
            cpu_vcpu=1.0,
            memory_gb=2.0,
            min_size=1,
            max_size=10,
            existing_customer=True,
        ),
        leaf(
            "status-page",
            "aws.app_runner",
            "Status page",
            cpu_vcpu=0.25,
            memory_gb=0.5,
            min_size=1,
            max_size=2,
            existing_customer=True,
            image_repository="ecr_public",
            auto_deploy=True,
        ),
    )
    vpc = group(
        "shop-vpc",
        "aws.vpc",
        "Shop VPC",
        row(
            group(
                "private-subnet",
                "aws.subnet",
                "Private subnet",
                col(
                    leaf(
                        "orders-db",
                        "aws.rds.database",
                        "Orders DB",
                        engine="postgres",
                        instance_class="db.r6g.large",
                        multi_az=True,
                        allocated_storage_gb=100,
                    ),
                    row(
                        leaf(
                            "ledger-reconcile",
                            "aws.ec2.instance",
                            "Reconcile ledger (Spot)",
                            instance_type="m6i.xlarge",
                            purchase_option="spot",
                        ),
                        leaf(
                            "search-indexer",
                            "aws.ec2.instance",
                            "Search indexer (t3.large)",
                            instance_type="t3.large",
                            expected_cpu_percent=70,
                        ),
                    ),
                    center=True,
                ),
                cidr="10.30.10.0/24",
                visibility="private",
                nat=True,
            ),
            group(
                "public-subnet",
                "aws.subnet",
                "Public subnet",
                leaf(
                    "shop-alb",
                    "aws.elb.load_balancer",
                    "Shop ALB",
                    type="application",
                    scheme="internet-facing",
                ),
                cidr="10.30.0.0/24",
                visibility="public",
            ),
            center=False,
        ),
        cidr="10.30.0.0/16",
    )
    lightsail = col(
        leaf(
            "blog",
            "aws.lightsail.instance",
            "Company blog",
            bundle="medium_3_0",
            blueprint="wordpress",
        ),
        leaf(
            "reporting-server",
            "aws.lightsail.instance",
            "Reporting server (Windows)",
            bundle="medium_3_0",
            blueprint="windows_server_2022",
        ),
    )
    workflow = row(
        leaf(
            "catalog-import",
            "aws.stepfunctions.state_machine",
            "Catalog import (Express)",
            workflow_type="EXPRESS",
            invocation="sync",
            definition=import_definition,
            definition_substitutions={"ImportsTopic": "catalog-imports"},
            logging=True,
        ),
        leaf("catalog-imports", "aws.sns.topic", "Catalog imports"),
    )
    media = row(
        group(
            "media-cluster",
            "aws.ecs.cluster",
            "media (ECS)",
            col(
                leaf(
                    "transcode",
                    "aws.ecs.task",
                    "Transcode video",
                    launch_type="FARGATE",
                    cpu=4096,
                    memory_mb=16384,
                    network_mode="awsvpc",
                    ephemeral_storage_gib=250,
                ),
                leaf(
                    "thumbnailer",
                    "aws.ecs.service",
                    "Thumbnailer (Spot)",
                    launch_type="FARGATE",
                    cpu=512,
                    memory_mb=1024,
                    network_mode="awsvpc",
                    fargate_spot=True,
                    desired_count=1,
                ),
            ),
        ),
        leaf("media", "aws.s3.bucket", "Media bucket"),
    )
    plant = group(
        "az-1a",
        "aws.availability_zone",
        f"{region}a",
        group(
            "factory-outpost",
            "aws.outposts.outpost",
            "Factory Outpost",
            row(
                group(
                    "line-subnet",
                    "aws.subnet",
                    "Line subnet",
                    leaf(
                        "line-telemetry",
                        "aws.lambda",
                        "Line telemetry",
                        runtime="python3.12",
                        memory_mb=256,
                        timeout_s=30,
                    ),
                    cidr="10.30.50.0/24",
                    visibility="private",
                ),
                group(
                    "plant-cluster",
                    "aws.ecs.cluster",
                    "plant (ECS)",
                    leaf(
                        "label-printer",
                        "aws.ecs.service",
                        "Label printer (Fargate)",
                        launch_type="FARGATE",
                        cpu=256,
                        memory_mb=512,
                        network_mode="awsvpc",
                        desired_count=2,
                    ),
                ),
                center=False,
            ),
            form_factor="rack",
            site="Dublin plant",
            anchor_az=f"{region}a",
        ),
        name=f"{region}a",
    )
    layout = group(
        region,
        "aws.region",
        "Europe (Ireland)",
        col(
            row(app_runner, vpc, lightsail, gap=100),
            row(workflow, media, plant, gap=100, center=False),
            gap=60,
        ),
        name=region,
    )
    links = [
        link("partner-api", "orders-db", "uses"),
        link("partner-api", "catalog-import", "invokes"),
        link(
            "catalog-import", "catalog-imports", "invokes", integration_pattern="request_response"
        ),
        link("shop-alb", "blog", "routes", "/blog/*"),
        link("ledger-reconcile", "orders-db", "uses"),
        link("search-indexer", "orders-db", "uses"),
        link("transcode", "media", "uses"),
        link("thumbnailer", "media", "uses"),
    ]
    return Example(
        name="Platform limits",
        description=(
            "Deliberately wrong, like Common mistakes but for the other compute platforms: each"
            " part carries a mistake AWS would reject or that fails in production. An App Runner"
            " service that uses a database in a private subnet without a VPC connector; an App"
            " Runner service deploying automatically from an ECR Public image (only private ECR"
            " or source code can auto-deploy); a synchronous Express workflow that waits for a"
            " Glue job (.sync), which Express does not support and which can run 7 days against"
            " Express's 5 minutes; a Lightsail instance behind an Elastic Load Balancing ALB"
            " (Lightsail attaches only to Lightsail load balancers); a Windows Lightsail"
            " blueprint on a Linux bundle; a Lambda function and a Fargate service on an Outpost"
            " (neither runs there); a Fargate task with 250 GiB of ephemeral storage (maximum"
            " 200 GiB); a Fargate Spot service of a single task; a stateful reconciliation job"
            " on one Spot Instance; and a t3.large expected at 70% CPU (30% baseline)."
        ),
        profile=Profile(region=region),
        layout=layout,
        links=links,
    )


EXAMPLES: dict[str, Callable[[], Example]] = {
    "image-pipeline": image_pipeline,
    "nightly-analytics": nightly_analytics,
    "container-web-app": container_web_app,
    "compute-family": compute_family,
    "common-mistakes": common_mistakes,
    "platform-limits": platform_limits,
}


# ---- a revised version, for review ---------------------------------------------------------
def free_spot(design: Design, parent: str | None, w: float, h: float) -> Point:
    """The first grid position inside parent (or right of everything on the canvas) where a
    w x h box keeps a gap from every sibling."""
    boxes = []
    for child in design.children(parent):
        node = design.node(child)
        size = node.placement.size
        cw, ch = (size.w, size.h) if size is not None else (NODE_W, NODE_H)
        boxes.append((node.position.x, node.position.y, node.position.x + cw, node.position.y + ch))
    if parent is None:
        right = max(box[2] for box in boxes)
        return Point(_snap(right + GAP_X), 0)
    container = design.node(parent)
    assert container.placement.size is not None
    left, top = container.position.x + PAD, container.position.y + HEADER + PAD / 2
    right = container.position.x + container.placement.size.w - PAD
    bottom = container.position.y + container.placement.size.h - PAD / 2
    gap = GRID
    y = top
    while y + h <= bottom:
        x = left
        while x + w <= right:
            if all(
                x + w + gap <= b[0] or b[2] + gap <= x or y + h + gap <= b[1] or b[3] + gap <= y
                for b in boxes
            ):
                return Point(_snap(x), _snap(y))
            x += GRID
        y += GRID
    raise CommandError(f"no room for a {w} x {h} box in {parent}")


def _note(
    design: Design, node_id: str, parent: str | None, label: str, text: str, color: str, on: str
) -> list[Any]:
    size = design.catalog.get("note").default_size
    assert size is not None
    spot = free_spot(design, parent, *size)
    note = new_node(design, "note", spot, label=label, parent=parent, node_id=node_id)
    note = replace(note, config=note.config.model_copy(update={"text": text, "color": color}))
    return [AddNode(note), Connect(Edge(design.new_edge_id(), note.id, on, "annotates"))]


def image_pipeline_revised() -> Design:
    """The image pipeline a month later, as submitted for review: the result state renamed,
    more memory for resizing, viewer auth dropped from Lambda@Edge, an audit function added,
    the Express idempotency advice waived with its reason, and two notes for the reviewer."""
    design = build(image_pipeline())
    stack = UndoStack(design)
    analyse = design.node("analyse").config
    definition = dict(analyse.definition or {})  # type: ignore[attr-defined]
    states = dict(definition["States"])
    states["RecordResult"] = states.pop("SaveResult")
    states["AnalyseImage"] = dict(states["AnalyseImage"], Next="RecordResult")
    definition["States"] = states
    stack.push(SetConfig.field(design, "analyse", "definition", definition))
    stack.push(SetConfig.field(design, "resize", "memory_mb", 2048))
    stack.push(RemoveNodes(["viewer-auth"]))
    audit = new_node(
        design,
        "aws.lambda",
        free_spot(design, "eu-west-1", NODE_W, NODE_H),
        label="Audit log",
        parent="eu-west-1",
        config={"runtime": "python3.12", "architecture": "arm64", "memory_mb": 256},
        node_id="audit",
    )
    stack.push(AddNode(audit))
    stack.push(Connect(Edge(design.new_edge_id(), "images", "audit", "triggers")))
    for command in _note(
        design,
        "note-memory",
        "eu-west-1",
        "Why 2 GB",
        "2 GB after the load test of 2026-11-18:\np99 1.9 s at 1.5 GB, 1.1 s at 2 GB.",
        "yellow",
        "resize",
    ):
        stack.push(command)
    for command in _note(
        design,
        "note-viewer-auth",
        None,
        "Viewer auth",
        "Viewer auth moved to a CloudFront Function (not modelled); see ADR-12.",
        "blue",
        "cdn",
    ):
        stack.push(command)
    stack.push(
        AddWaiver(
            Waiver(
                rule="SFN_EXPRESS_IDEMPOTENCY",
                elements=("analyse",),
                reason="Every step writes with a conditional put keyed by the image's ETag, "
                "so a second run changes nothing.",
                author="ana",
                created="2026-11-20",
                expires="2027-05-31",
            )
        )
    )
    stack.push(SetReview(ReviewStatus(state="in review", by="ana", on="2026-11-28")))
    return design


REVISIONS: dict[str, Callable[[], Design]] = {
    "image-pipeline-revised": image_pipeline_revised,
}


def build_all(output_dir: Path) -> list[Path]:
    """Write every example into output_dir and return the paths written."""
    output_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for stem, make in EXAMPLES.items():
        path = output_dir / f"{stem}.archcanvas"
        save_design(build(make()), path)
        written.append(path)
    for stem, revise in REVISIONS.items():
        path = output_dir / f"{stem}.archcanvas"
        save_design(revise(), path)
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    if len(argv) > 1:
        print("usage: build_examples.py [OUTPUT_DIR]", file=sys.stderr)
        return 2
    output_dir = Path(argv[0]) if argv else HERE
    for path in build_all(output_dir):
        print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
