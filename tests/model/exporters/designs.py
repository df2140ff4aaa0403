"""Test designs for the exporters: every kind and relation, hostile labels, a small pipeline."""

from __future__ import annotations

from typing import Any

from model.config.edges import EdgeConfig
from model.design import Design, new_node
from model.elements import Edge, Point
from model.profile import Profile

HOSTILE = (
    "Evil \"quote\" 'single'\nnew line\\back ${AWS::Region} !Ref x <script>alert(1)</script>"
    " {% raw %} %{ for } `tick` # hash"
)
MARKER_NAME = "PWNED_MARKER"
STATE = 'Say "hi" \\ ${x} <b> %{ y }'


def _add(
    design: Design,
    kind: str,
    node_id: str,
    label: str = "",
    parent: str | None = None,
    **config: Any,
) -> str:
    design.add_node(
        new_node(
            design, kind, Point(0, 0), label or node_id, parent, config or None, node_id=node_id
        )
    )
    return node_id


def _connect(
    design: Design, source: str, target: str, relation: str, label: str = "", **config: Any
) -> None:
    edge_id = f"e-{source}-{target}-{relation}"
    design.add_edge(Edge(edge_id, source, target, relation, EdgeConfig(**config), label))


def kitchen_sink() -> Design:
    """One of everything, wired the ways the catalog allows."""
    d = Design("Kitchen sink", "Every kind the catalog has", Profile(region="eu-west-1"))
    _add(d, "aws.region", "eu", "Ireland", name="eu-west-1")
    _add(d, "aws.vpc", "main-vpc", "Main VPC", "eu")
    _add(d, "aws.availability_zone", "az-a", "AZ a", "main-vpc", name="eu-west-1a")
    _add(d, "aws.subnet", "private-a", "Private A", "az-a")
    _add(d, "aws.outposts.outpost", "rack", "On-prem rack", "eu")
    _add(
        d,
        "aws.lambda",
        "resize",
        "Resize images",
        "private-a",
        memory_mb=1024,
        timeout_s=60,
        environment={"STAGE": "prod"},
        reserved_concurrency=10,
        tracing="Active",
        dead_letter_queue=True,
        layers=["arn:aws:lambda:eu-west-1:123456789012:layer:pillow:3", "shared-utils"],
    )
    _add(
        d,
        "aws.lambda",
        "api-fn",
        "API handler",
        "eu",
        provisioned_concurrency=2,
        architecture="arm64",
        runtime="nodejs20.x",
    )
    _add(d, "aws.lambda", "image-fn", "Image function", "eu", package_type="image")
    _add(d, "aws.lambda_edge", "edge-auth", "Edge auth")
    _add(d, "aws.lambda_edge", "edge-headers", "Edge headers")
    _add(
        d,
        "aws.sqs.queue",
        "jobs",
        "Jobs queue",
        "eu",
        visibility_timeout_s=360,
        max_receive_count=5,
    )
    _add(d, "aws.sqs.queue", "orders-fifo", "Orders FIFO", "eu", fifo=True)
    _add(d, "aws.sns.topic", "alerts", "Alerts", "eu")
    _add(d, "aws.sns.topic", "fifo-topic", "FIFO topic", "eu", fifo=True)
    _add(d, "aws.eventbridge.rule", "nightly", "Nightly", "eu", schedule="cron(0 2 * * ? *)")
    _add(
        d,
        "aws.eventbridge.rule",
        "on-event",
        "On event",
        "eu",
        event_pattern='{"source": ["my.app"]}',
    )
    _add(d, "aws.s3.bucket", "uploads", "Uploads", "eu", versioning=True)
    _add(d, "aws.s3.bucket", "site", "Static site", "eu")
    _add(d, "aws.dynamodb.table", "orders", "Orders table", "eu")
    _add(d, "aws.dynamodb.table", "audit", "Audit table", "eu", billing_mode="PROVISIONED")
    _add(d, "aws.rds.database", "pg", "Postgres", "private-a")
    _add(
        d,
        "aws.rds.database",
        "aurora",
        "Aurora",
        "main-vpc",
        engine="aurora-postgresql",
        multi_az=True,
    )
    _add(d, "aws.ecr.repository", "repo", "Images", "eu")
    _add(d, "aws.stepfunctions.state_machine", "pipeline", "Pipeline", "eu", logging=True)
    _add(
        d,
        "aws.stepfunctions.state_machine",
        "express",
        "Express flow",
        "eu",
        workflow_type="EXPRESS",
        invocation="sync",
    )
    _add(
        d,
        "aws.stepfunctions.state_machine",
        "given",
        "Given definition",
        "eu",
        definition={
            "StartAt": "A",
            "States": {
                "A": {"Type": "Task", "Resource": "${ResizeArn}", "Next": "B"},
                "B": {
                    "Type": "Task",
                    "Resource": "arn:aws:states:::sns:publish",
                    "Parameters": {"TopicArn": "${Topic}", "Message.$": "$"},
                    "Next": "C",
                },
                "C": {"Type": "Pass", "Parameters": {"x": "${Unknown}"}, "End": True},
            },
        },
        definition_substitutions={"${ResizeArn}": "resize", "Topic": "alerts"},
    )
    _add(d, "aws.apigateway.api", "rest", "REST API", "eu")
    _add(d, "aws.apigateway.api", "http", "HTTP API", "eu", api_type="http")
    _add(d, "aws.cloudfront.distribution", "cdn", "CDN", aliases=["www.example.com"])
    _add(d, "aws.elb.load_balancer", "alb", "ALB", "main-vpc")
    _add(d, "aws.elb.load_balancer", "nlb", "NLB", "main-vpc", type="network")
    _add(d, "aws.ecs.cluster", "ecs", "ECS cluster", "main-vpc", container_insights=True)
    _add(d, "aws.ecs.service", "web", "Web service", "ecs", container_port=8080)
    _add(
        d,
        "aws.ecs.service",
        "ec2-svc",
        "EC2 service",
        "ecs",
        launch_type="EC2",
        network_mode="bridge",
        scheduling_strategy="DAEMON",
    )
    _add(d, "aws.ecs.task", "report-task", "Report task", "ecs")
    _add(d, "aws.batch.compute_environment", "ce-fargate", "Fargate CE", "main-vpc")
    _add(d, "aws.ec2.placement_group", "pg-cluster", "HPC group", "az-a", strategy="cluster")
    _add(
        d,
        "aws.ec2.placement_group",
        "pg-part",
        "Partition group",
        "eu",
        strategy="partition",
        partition_count=3,
    )
    _add(
        d,
        "aws.batch.compute_environment",
        "ce-spot",
        "Spot CE",
        "pg-cluster",
        type="SPOT",
        instance_types=["c7i.large"],
    )
    _add(d, "aws.batch.job_queue", "queue-hi", "High priority", "eu", priority=10)
    _add(d, "aws.batch.job_definition", "job", "Render job", "eu", timeout_s=600, array_size=10)
    _add(
        d,
        "aws.batch.job_definition",
        "mpi",
        "MPI job",
        "eu",
        platform="EC2",
        multi_node=True,
        gpus=1,
    )
    _add(
        d,
        "aws.ec2.instance",
        "hpc",
        "HPC nodes",
        "pg-cluster",
        instance_type="c7gn.16xlarge",
        count=2,
        efa=True,
    )
    _add(
        d,
        "aws.ec2.instance",
        "spot-box",
        "Spot box",
        "private-a",
        purchase_option="spot",
        spot_interruption_behavior="stop",
    )
    _add(
        d,
        "aws.ec2.instance",
        "dedicated",
        "Dedicated",
        "eu",
        purchase_option="dedicated_instance",
        ami="ami-0123456789abcdef0",
    )
    _add(d, "aws.ec2.auto_scaling_group", "asg", "Web fleet", "main-vpc", purchase_option="mixed")
    _add(d, "aws.app_runner", "runner", "App Runner", "eu")
    _add(
        d,
        "aws.app_runner",
        "runner-code",
        "App Runner code",
        "main-vpc",
        source="code",
        cpu_vcpu=0.25,
        memory_gb=0.5,
    )
    _add(d, "aws.beanstalk.environment", "eb-web", "Beanstalk web", "main-vpc")
    _add(
        d,
        "aws.beanstalk.environment",
        "eb-worker",
        "Beanstalk worker",
        "eu",
        tier="worker",
        environment_type="single_instance",
    )
    _add(d, "aws.lightsail.instance", "vps", "Lightsail VPS", "eu")
    _add(d, "aws.eks.cluster", "eks", "EKS", "main-vpc")
    _add(d, "aws.eks.node_group", "nodes", "Nodes", "eks", capacity_type="SPOT")
    _add(
        d,
        "aws.eks.fargate_profile",
        "fp",
        "Fargate pods",
        "eks",
        selectors=[{"namespace": "apps", "labels": {"team": "web"}}],
    )

    _connect(d, "uploads", "resize", "triggers")
    _connect(d, "jobs", "resize", "triggers", batch_size=5, batching_window_s=10)
    _connect(d, "alerts", "resize", "triggers")
    _connect(d, "orders", "api-fn", "triggers")
    _connect(d, "nightly", "api-fn", "triggers")
    _connect(d, "nightly", "pipeline", "triggers")
    _connect(d, "nightly", "report-task", "triggers")
    _connect(d, "on-event", "queue-hi", "triggers")
    _connect(d, "uploads", "pipeline", "triggers")
    _connect(d, "orders-fifo", "express", "triggers")
    _connect(d, "audit", "pipeline", "triggers")
    _connect(d, "alerts", "pipeline", "triggers")
    _connect(d, "orders-fifo", "eb-worker", "triggers")
    _connect(d, "resize", "orders", "uses")
    _connect(d, "resize", "uploads", "uses")
    _connect(d, "resize", "pg", "uses")
    _connect(d, "resize", "alerts", "uses")
    _connect(d, "api-fn", "aurora", "uses")
    _connect(d, "image-fn", "repo", "uses")
    _connect(d, "api-fn", "express", "invokes")
    _connect(d, "api-fn", "resize", "invokes")
    _connect(d, "rest", "api-fn", "invokes")
    _connect(d, "rest", "express", "invokes")
    _connect(d, "rest", "alb", "routes")
    _connect(d, "http", "api-fn", "invokes")
    _connect(d, "http", "pipeline", "invokes")
    _connect(d, "http", "runner", "routes")
    _connect(d, "http", "web", "routes")
    _connect(d, "pipeline", "resize", "invokes")
    _connect(d, "pipeline", "express", "invokes", integration_pattern="sync")
    _connect(d, "pipeline", "report-task", "invokes", integration_pattern="sync")
    _connect(d, "pipeline", "queue-hi", "invokes")
    _connect(d, "pipeline", "jobs", "invokes")
    _connect(d, "pipeline", "alerts", "invokes")
    _connect(d, "pipeline", "orders", "invokes")
    _connect(d, "pipeline", "on-event", "invokes")
    _connect(d, "pipeline", "api-fn", "invokes", integration_pattern="callback")
    _connect(d, "express", "resize", "invokes")
    _connect(d, "cdn", "edge-auth", "triggers", event_type="viewer-request")
    _connect(d, "cdn", "edge-headers", "triggers", event_type="origin-response")
    _connect(d, "cdn", "site", "routes")
    _connect(d, "cdn", "rest", "routes")
    _connect(d, "cdn", "alb", "routes")
    _connect(d, "cdn", "api-fn", "routes")
    _connect(d, "cdn", "vps", "routes")
    _connect(d, "alb", "web", "routes")
    _connect(d, "alb", "asg", "routes")
    _connect(d, "alb", "api-fn", "invokes")
    _connect(d, "nlb", "spot-box", "routes")
    _connect(d, "web", "orders", "uses")
    _connect(d, "web", "repo", "uses")
    _connect(d, "report-task", "uploads", "uses")
    _connect(d, "queue-hi", "ce-fargate", "uses", order=1)
    _connect(d, "queue-hi", "ce-spot", "uses", order=2)
    _connect(d, "job", "queue-hi", "runs_on")
    _connect(d, "job", "uploads", "uses")
    _connect(d, "ec2-svc", "asg", "runs_on")
    _connect(d, "spot-box", "orders", "uses")
    _connect(d, "runner", "orders", "uses")
    _connect(d, "runner", "repo", "uses")
    _connect(d, "eb-web", "orders", "uses")
    _connect(d, "nodes", "repo", "uses")
    _connect(d, "fp", "uploads", "uses")
    _connect(d, "edge-auth", "site", "uses")
    _connect(d, "asg", "audit", "uses")
    return d


def hostile() -> Design:
    """Labels, descriptions, environment values and ids that try to break out of every syntax."""
    evil = HOSTILE
    code = f'"); import os; os.system("touch {MARKER_NAME}"); ("'
    code2 = f"'); open('{MARKER_NAME}', 'w'); ('"
    d = Design(f"Design {evil}", f"Description {evil} {code}", Profile(region="us-east-1"))
    _add(d, "aws.region", "r", evil, name="us-east-1")
    _add(d, "aws.vpc", "v", code, "r")
    _add(d, "aws.subnet", "s", code2, "v")
    _add(
        d,
        "aws.lambda",
        'fn"; rm -rf /',
        evil + code,
        "s",
        environment={"EVIL": evil + code, "TEMPLATE": "${AWS::StackName} %{ if } {{x}}"},
    )
    _add(d, "aws.sqs.queue", "q${AWS::Region}", code2)
    _add(
        d,
        "aws.stepfunctions.state_machine",
        "sm/../../etc",
        evil,
        "r",
        definition={
            "Comment": evil,
            "StartAt": STATE,
            "States": {STATE: {"Type": "Pass", "Result": {"text": code}, "End": True}},
        },
    )
    _add(d, "aws.s3.bucket", "b<script>", "</script><img src=x onerror=alert(1)>")
    _add(d, "aws.ecs.cluster", "c", code, "v")
    _add(d, "aws.ecs.service", "svc", evil, "c", image="repo/${x}:%{y}")
    _add(d, "aws.eventbridge.rule", "rule", evil, schedule="rate(1 hour)")
    _add(d, "aws.cloudfront.distribution", "cf", evil)
    _add(d, "aws.lambda_edge", "edge", code)
    _add(d, "aws.ec2.instance", "i", evil, "s")
    _connect(d, "q${AWS::Region}", 'fn"; rm -rf /', "triggers", label=evil)
    _connect(d, 'fn"; rm -rf /', "b<script>", "uses", label=code)
    _connect(d, "rule", 'fn"; rm -rf /', "triggers", label=code2)
    _connect(d, "cf", "edge", "triggers", event_type="viewer-request", label="${x}")
    _connect(d, "cf", "b<script>", "routes")
    _connect(d, "svc", "b<script>", "uses")
    return d


def small_pipeline() -> Design:
    """The golden-file design: an upload pipeline."""
    d = Design(
        "Image pipeline",
        "Uploads resized by a function, orchestrated by a workflow",
        Profile(region="eu-west-1", quotas={"lambda_concurrent_executions": 2000}),
    )
    _add(d, "aws.s3.bucket", "uploads", "Uploads")
    _add(d, "aws.sqs.queue", "resize-queue", "Resize queue", visibility_timeout_s=120)
    _add(d, "aws.lambda", "resize", "Resize images", memory_mb=1024, timeout_s=20)
    _add(d, "aws.dynamodb.table", "images", "Image index")
    _add(d, "aws.stepfunctions.state_machine", "workflow", "Workflow")
    _add(d, "aws.sns.topic", "done", "Done")
    _connect(d, "resize-queue", "resize", "triggers", batch_size=10)
    _connect(d, "resize", "images", "uses")
    _connect(d, "resize", "uploads", "uses")
    _connect(d, "uploads", "workflow", "triggers")
    _connect(d, "workflow", "resize", "invokes")
    _connect(d, "workflow", "done", "invokes")
    return d
