"""The settings the rules read, filled from the template's properties through the mapping."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from model.importers import import_template

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "cfn"

EXPECTED: list[tuple[str, str, dict[str, Any]]] = [
    (
        "lambda-plain-cfn.yaml",
        "Checkout",
        {
            "memory_mb": 1024,
            "timeout_s": 29,
            "ephemeral_storage_mb": 1024,
            "provisioned_concurrency": 20,
            "tracing": "Active",
        },
    ),
    (
        "sam-http-api.yaml",
        "GetProduct",
        {
            "runtime": "nodejs22.x",
            "architecture": "arm64",
            "memory_mb": 512,
            "timeout_s": 15,
            "provisioned_concurrency": 5,
            "environment": {"LOG_LEVEL": "info", "TABLE_NAME": "${ProductsTable}"},
        },
    ),
    ("ecr-lambda-image.yaml", "Inference", {"package_type": "image", "memory_mb": 10240}),
    (
        "sam-s3-thumbnail.yaml",
        "ThumbnailFunction",
        {"layers": ["arn:aws:lambda:${AWS::Region}:770693421928:layer:Klayers-p312-Pillow:3"]},
    ),
    ("sam-orders-api.yaml", "Worker", {"reserved_concurrency": 5}),
    (
        "ecs-fargate-alb.yaml",
        "Service",
        {
            "launch_type": "FARGATE",
            "desired_count": 2,
            "cpu": 512,
            "memory_mb": 1024,
            "network_mode": "awsvpc",
            "cpu_architecture": "ARM64",
            "container_port": 8080,
            "subnets": ["privatesubneta", "privatesubnetb"],
        },
    ),
    (
        "ecs-scheduled-task.yaml",
        "ReportTask",
        {"launch_type": "FARGATE", "cpu": 1024, "memory_mb": 4096},
    ),
    (
        "batch-mixed-queues.yaml",
        "SpotEnvironment",
        {"type": "SPOT", "max_vcpus": 512, "instance_types": ["c7g.2xlarge", "c7g.4xlarge"]},
    ),
    ("batch-mixed-queues.yaml", "HeavyQueue", {"priority": 10}),
    (
        "batch-mixed-queues.yaml",
        "RenderJob",
        {"platform": "EC2", "vcpus": 8.0, "memory_mb": 16384, "timeout_s": 7200},
    ),
    (
        "app-runner.yaml",
        "Web",
        {"cpu_vcpu": 1.0, "memory_gb": 2.0, "max_concurrency": 80, "min_size": 2, "max_size": 10},
    ),
    (
        "beanstalk.yaml",
        "Production",
        {
            "tier": "web",
            "instance_type": "t3.medium",
            "environment_type": "load_balanced",
            "deployment_policy": "rolling",
        },
    ),
    ("lightsail.yaml", "Blog", {"bundle": "small_3_0", "blueprint": "wordpress"}),
    (
        "ec2-instance-placement.yaml",
        "NodeB",
        {"instance_type": "c7gn.16xlarge", "purchase_option": "spot"},
    ),
    ("ec2-instance-placement.yaml", "Placement", {"strategy": "cluster"}),
    (
        "ec2-asg-launch-template.yaml",
        "WebGroup",
        {"instance_type": "c7g.large", "min_size": 2, "max_size": 10, "desired_capacity": 4},
    ),
    ("eks-cluster.yaml", "Nodes", {"capacity_type": "SPOT", "desired_size": 3}),
    ("sfn-express-api.yaml", "QuoteApi", {"api_type": "rest", "endpoint_type": "regional"}),
    ("http-api-alb-private.yaml", "HttpApi", {"api_type": "http"}),
    ("pipes-sqs-sfn.yaml", "Intake", {"visibility_timeout_s": 120, "max_receive_count": 5}),
    ("pipes-sqs-sfn.yaml", "IntakePipe", {"batch_size": 5}),
    ("sfn-definitionstring-sub.yaml", "Nightly", {"schedule": "cron(0 1 * * ? *)"}),
    ("sam-s3-thumbnail.yaml", "UploadBucket", {"versioning": True}),
    ("lambda-plain-cfn.yaml", "Carts", {"billing_mode": "PROVISIONED", "partition_key": "cartId"}),
    (
        "lambda-vpc.yaml",
        "Database",
        {
            "engine": "postgres",
            "instance_class": "db.r7g.large",
            "multi_az": True,
            "allocated_storage_gb": 100,
        },
    ),
    (
        "rds-aurora.yaml",
        "Cluster",
        {"engine": "aurora-postgresql", "instance_class": "db.r7g.xlarge"},
    ),
    ("app-runner.yaml", "Images", {"scan_on_push": True}),
    ("ecs-fargate-alb.yaml", "LoadBalancer", {"scheme": "internet-facing", "target_type": "ip"}),
    ("cloudfront-edge.yaml", "Distribution", {"price_class": "PriceClass_100"}),
    ("cloudfront-api-origins.yaml", "Cdn", {"aliases": ["www.example.com"]}),
]


@pytest.mark.parametrize(("template", "label", "values"), EXPECTED, ids=lambda v: str(v)[:30])
def test_settings_come_from_the_template(template: str, label: str, values: dict[str, Any]) -> None:
    design = import_template(FIXTURES / template).design
    node = next(n for n in design.iter_nodes() if n.label == label)
    config = node.config.model_dump(mode="json")
    assert {name: config[name] for name in values} == values
