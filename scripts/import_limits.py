"""Regenerate model/data/limits.json from the team's reference (../shared/reference/aws-limits.yaml).

Run: .venv/bin/python scripts/import_limits.py [PATH_TO_YAML]
Keeps every entry with its source and status, adds the profile quota name that overrides an
adjustable value and, where one is documented, its AWS Service Quotas code, and stamps the date
the data was last checked against the reference.
"""

from __future__ import annotations

import datetime
import json
import sys
from importlib.metadata import version
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = ROOT.parent / "shared" / "reference" / "aws-limits.yaml"
TARGET = ROOT / "model" / "data" / "limits.json"

QUOTA_NAMES = {
    "LAMBDA_ACCOUNT_CONCURRENCY": "lambda_concurrent_executions",
    "LAMBDA_UNRESERVED_MIN": "lambda_unreserved_minimum",
}
# AWS Service Quotas codes (service code, quota code) for the quotas a profile can override.
# The AWS guides print quota names but not codes; each code below is the one the Service
# Quotas API lists for that name (ListServiceQuotas / ListAWSDefaultServiceQuotas), checked in
# at least two public sources: a published ListServiceQuotas dump of adjustable quotas, and
# code that requests or reads the quota by code (for example terraform-provider-aws's
# servicequotas acceptance tests use L-B99A9384 and L-2ACBD22F). Quotas whose code no source
# gave (ECS, Elastic Beanstalk, App Runner, Step Functions, CloudFront) have none here, and
# the profile dialog shows none rather than a guess.
QUOTA_CODE_SOURCE = (
    "AWS Service Quotas API (list-service-quotas) quota code for this quota name, as published "
    "in public ListServiceQuotas listings and in code that requests the quota by code"
)
QUOTA_CODES: dict[str, tuple[str, str]] = {
    "LAMBDA_ACCOUNT_CONCURRENCY": ("lambda", "L-B99A9384"),  # Concurrent executions
    "LAMBDA_CODE_STORAGE": ("lambda", "L-2ACBD22F"),  # Function and layer storage
    "FARGATE_ON_DEMAND_VCPU_QUOTA": ("fargate", "L-3032A538"),  # Fargate On-Demand vCPU ...
    "FARGATE_SPOT_VCPU_QUOTA": ("fargate", "L-36FBB829"),  # Fargate Spot vCPU resource count
    "EKS_CLUSTERS": ("eks", "L-1194D53C"),  # Clusters
    "EKS_FARGATE_PROFILES": ("eks", "L-33415657"),  # Fargate profiles per cluster
    "EKS_MNG_PER_CLUSTER": ("eks", "L-6D54EA21"),  # Managed node groups per cluster
    "EKS_NODES_PER_MNG": ("eks", "L-BD136A63"),  # Nodes per managed node group
}
LAMBDA_TIMEOUT_PAGE = "https://docs.aws.amazon.com/lambda/latest/dg/configuration-timeout.html"
SFN_LIMITS_PAGE = "https://docs.aws.amazon.com/step-functions/latest/dg/limits-overview.html"
SQS_LAMBDA_PAGE = "https://docs.aws.amazon.com/lambda/latest/dg/with-sqs.html"
EDGE_RESTRICTIONS_PAGE = (
    "https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/"
    "lambda-at-edge-function-restrictions.html"
)

# Numbers the rules compare against that the reference states only as text or inside another
# entry's name; each keeps the source it was read from, so regenerating keeps them.
EXTRA_ENTRIES: list[dict] = [
    # Tables the rules need that the reference gives only as prose (first kept in
    # limits_extra.json, now merged so every number lives in one data file).
    {
        "id": "ECS_FARGATE_CPU_MEMORY_TABLE",
        "service": "ecs",
        "constraint": "Fargate task CPU/memory combinations, machine-readable (task CPU units -> "
        "allowed memory in MiB), with the Linux-only sizes and the Windows minimum",
        "value": {
            "memory_mib_by_cpu": {
                "256": [512, 1024, 2048],
                "512": [1024, 2048, 3072, 4096],
                "1024": [2048, 3072, 4096, 5120, 6144, 7168, 8192],
                "2048": [
                    4096,
                    5120,
                    6144,
                    7168,
                    8192,
                    9216,
                    10240,
                    11264,
                    12288,
                    13312,
                    14336,
                    15360,
                    16384,
                ],
                "4096": [
                    8192,
                    9216,
                    10240,
                    11264,
                    12288,
                    13312,
                    14336,
                    15360,
                    16384,
                    17408,
                    18432,
                    19456,
                    20480,
                    21504,
                    22528,
                    23552,
                    24576,
                    25600,
                    26624,
                    27648,
                    28672,
                    29696,
                    30720,
                ],
                "8192": [
                    16384,
                    20480,
                    24576,
                    28672,
                    32768,
                    36864,
                    40960,
                    45056,
                    49152,
                    53248,
                    57344,
                    61440,
                ],
                "16384": [
                    32768,
                    40960,
                    49152,
                    57344,
                    65536,
                    73728,
                    81920,
                    90112,
                    98304,
                    106496,
                    114688,
                    122880,
                ],
            },
            "linux_only_cpu": [8192, 16384],
            "windows_min_cpu": 1024,
        },
        "unit": "CPU units -> MiB",
        "kind": "hard",
        "condition": "Task-level cpu and memory on Fargate (ECS tasks and services, EKS pods, Batch "
        "Fargate jobs); 8 and 16 vCPU need Linux platform version 1.4.0+; Windows "
        "tasks need at least 1 vCPU",
        "severity": "error",
        "source": "https://docs.aws.amazon.com/AmazonECS/latest/APIReference/API_RegisterTaskDefinition.html",
        "status": "confirmed-current",
        "notes": "Expanded from ECS_FARGATE_CPU_MEMORY of the reference (same values); kept beside "
        "it because the reference states the steps as text.",
        "based_on": ["ECS_FARGATE_CPU_MEMORY"],
    },
    {
        "id": "EC2_PG_PARTITION_DEDICATED_MAX",
        "service": "ec2",
        "constraint": "Partitions per AZ in a partition placement group with Dedicated Instances",
        "value": 2,
        "unit": "partitions",
        "kind": "hard",
        "condition": "strategy = partition with Dedicated Instances",
        "severity": "error",
        "source": "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/placement-groups.html",
        "status": "confirmed-archived",
        "notes": "From the 'applies when' text of EC2_PG_PARTITION_MAX in the reference.",
        "based_on": ["EC2_PG_PARTITION_MAX"],
    },
    {
        "id": "EC2_PG_CLUSTER_EXCLUDED_SERIES",
        "service": "ec2",
        "constraint": "Instance series (letters before the generation digit of the family) that "
        "cluster placement groups do not support: burstable T and Mac",
        "value": ["t", "mac"],
        "unit": "instance series",
        "kind": "hard",
        "condition": "strategy = cluster",
        "severity": "warning",
        "source": "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/placement-groups.html",
        "status": "confirmed-archived",
        "notes": "From EC2_PG_CLUSTER_INSTANCE_TYPES of the reference ('current-generation types "
        "except burstable (T2 etc.) and Mac1'). DescribeInstanceTypes PlacementGroupInfo "
        "is authoritative per type.",
        "based_on": ["EC2_PG_CLUSTER_INSTANCE_TYPES"],
    },
    {
        "id": "LAMBDA_TIMEOUT_MIN",
        "service": "lambda",
        "constraint": "Function timeout minimum (set in 1-second increments)",
        "value": 1,
        "unit": "seconds",
        "kind": "hard",
        "condition": "All functions; from LAMBDA_TIMEOUT_DEFAULT's condition and the API model "
        "(Timeout minimum 1)",
        "severity": "error",
        "source": LAMBDA_TIMEOUT_PAGE,
        "status": "confirmed-current",
    },
    {
        "id": "LAMBDA_EDGE_EPHEMERAL_STORAGE_MAX",
        "service": "lambda_edge",
        "constraint": "Largest /tmp ephemeral storage a Lambda@Edge function may have",
        "value": 512,
        "unit": "MB",
        "kind": "hard",
        "condition": "Any function associated with a CloudFront event "
        "(LAMBDA_EDGE_UNSUPPORTED_FEATURES_2: 'ephemeral storage > 512 MB')",
        "severity": "error",
        "source": EDGE_RESTRICTIONS_PAGE,
        "status": "confirmed-archived",
    },
    {
        "id": "SFN_MAX_DURATION_S",
        "service": "stepfunctions",
        "constraint": "Maximum execution duration in seconds (SFN_MAX_DURATION: 1 year of 365 "
        "days for STANDARD, 5 minutes for EXPRESS)",
        "value": {"STANDARD": 31_536_000, "EXPRESS": 300},
        "unit": "seconds",
        "kind": "hard",
        "condition": "Exceeding fails the execution with States.Timeout",
        "severity": "error",
        "source": SFN_LIMITS_PAGE,
        "status": "confirmed-current",
    },
    {
        "id": "APPRUNNER_REGIONS",
        "service": "apprunner",
        "constraint": "Regions where App Runner is available",
        "value": [
            "us-east-1",
            "us-east-2",
            "us-west-2",
            "ca-central-1",
            "eu-west-1",
            "eu-west-2",
            "eu-west-3",
            "eu-central-1",
            "ap-south-1",
            "ap-southeast-1",
            "ap-southeast-2",
            "ap-northeast-1",
        ],
        "unit": "Region codes",
        "kind": "hard",
        "condition": "A service is created in one Region",
        "severity": "error",
        "source": "https://docs.aws.amazon.com/general/latest/gr/apprunner.html",
        "status": "unconfirmed",
        "notes": "The Regions of the App Runner endpoints table; not in the team reference, "
        "check the page before relying on a Region added recently.",
    },
    {
        "id": "APPRUNNER_AUTO_DEPLOY_SOURCES",
        "service": "apprunner",
        "constraint": "Sources App Runner can deploy automatically on change: source code "
        "repositories and Amazon ECR private images, not Amazon ECR Public images",
        "value": ["code", "ecr"],
        "unit": "source types",
        "kind": "hard",
        "condition": "AutoDeploymentsEnabled on a service",
        "severity": "error",
        "source": "https://docs.aws.amazon.com/apprunner/latest/dg/manage-deploy.html",
        "status": "secondary",
        "notes": "The deployment page: automatic deployment is not supported for Amazon ECR "
        "Public images or images in another account's ECR.",
    },
    {
        "id": "LIGHTSAIL_BUNDLE_TABLE",
        "service": "lightsail",
        "constraint": "Instance bundles (fixed plans): vCPUs, memory, SSD and monthly data "
        "transfer, for Linux/Unix and Windows",
        "value": {
            "nano_3_0": {
                "platform": "LINUX_UNIX",
                "vcpu": 2,
                "memory_gb": 0.5,
                "disk_gb": 20,
                "transfer_tb": 1,
            },
            "micro_3_0": {
                "platform": "LINUX_UNIX",
                "vcpu": 2,
                "memory_gb": 1,
                "disk_gb": 40,
                "transfer_tb": 2,
            },
            "small_3_0": {
                "platform": "LINUX_UNIX",
                "vcpu": 2,
                "memory_gb": 2,
                "disk_gb": 60,
                "transfer_tb": 3,
            },
            "medium_3_0": {
                "platform": "LINUX_UNIX",
                "vcpu": 2,
                "memory_gb": 4,
                "disk_gb": 80,
                "transfer_tb": 4,
            },
            "large_3_0": {
                "platform": "LINUX_UNIX",
                "vcpu": 2,
                "memory_gb": 8,
                "disk_gb": 160,
                "transfer_tb": 5,
            },
            "xlarge_3_0": {
                "platform": "LINUX_UNIX",
                "vcpu": 4,
                "memory_gb": 16,
                "disk_gb": 320,
                "transfer_tb": 6,
            },
            "2xlarge_3_0": {
                "platform": "LINUX_UNIX",
                "vcpu": 8,
                "memory_gb": 32,
                "disk_gb": 640,
                "transfer_tb": 7,
            },
            "nano_win_3_0": {
                "platform": "WINDOWS",
                "vcpu": 2,
                "memory_gb": 0.5,
                "disk_gb": 30,
                "transfer_tb": 1,
            },
            "micro_win_3_0": {
                "platform": "WINDOWS",
                "vcpu": 2,
                "memory_gb": 1,
                "disk_gb": 40,
                "transfer_tb": 2,
            },
            "small_win_3_0": {
                "platform": "WINDOWS",
                "vcpu": 2,
                "memory_gb": 2,
                "disk_gb": 60,
                "transfer_tb": 3,
            },
            "medium_win_3_0": {
                "platform": "WINDOWS",
                "vcpu": 2,
                "memory_gb": 4,
                "disk_gb": 80,
                "transfer_tb": 4,
            },
            "large_win_3_0": {
                "platform": "WINDOWS",
                "vcpu": 2,
                "memory_gb": 8,
                "disk_gb": 160,
                "transfer_tb": 5,
            },
            "xlarge_win_3_0": {
                "platform": "WINDOWS",
                "vcpu": 4,
                "memory_gb": 16,
                "disk_gb": 320,
                "transfer_tb": 6,
            },
            "2xlarge_win_3_0": {
                "platform": "WINDOWS",
                "vcpu": 8,
                "memory_gb": 32,
                "disk_gb": 640,
                "transfer_tb": 7,
            },
        },
        "unit": "bundle id -> plan",
        "kind": "hard",
        "condition": "An instance is created with one bundle; Windows blueprints need a "
        "Windows bundle and Linux/Unix blueprints a Linux/Unix one",
        "severity": "error",
        "source": "https://aws.amazon.com/lightsail/pricing/",
        "status": "unconfirmed",
        "notes": "The general-purpose 3.0 bundles of the pricing page (GetBundles lists the "
        "current ones; LIGHTSAIL_BUNDLES of the reference points there without the table).",
        "based_on": ["LIGHTSAIL_BUNDLES"],
    },
    {
        "id": "LIGHTSAIL_CONTAINER_CAPACITY",
        "service": "lightsail",
        "constraint": "Container service capacity: the power of every node (nano, micro, "
        "small, medium, large or xlarge) and the scale, 1 to 20 nodes",
        "value": {
            "powers": ["nano", "micro", "small", "medium", "large", "xlarge"],
            "scale": {"min": 1, "max": 20},
        },
        "unit": "power names; nodes",
        "kind": "hard",
        "condition": "Chosen when the container service is created; both can be changed later",
        "severity": "error",
        "source": "https://docs.aws.amazon.com/lightsail/latest/userguide/"
        "amazon-lightsail-creating-container-services.html",
        "status": "confirmed-current",
        "notes": "The user guide: up to 20 compute nodes per service; powers Nano, Micro, Small, "
        "Medium, Large and XLarge (a Nano node has 512 MB and 0.25 vCPU). The API's power names "
        "are the lower-case ones (ContainerServicePowerName). The minimum of 1 node is read from "
        "the guide's 'number of compute nodes' (a service always runs on at least one).",
    },
    {
        "id": "LIGHTSAIL_LB_TARGETS",
        "service": "lightsail",
        "constraint": "A Lightsail load balancer sends traffic to Lightsail instances of its own "
        "Region only (across that Region's Availability Zones, as AWS recommends); there is no "
        "limit on attached instances beyond the account's instances quota",
        "value": None,
        "unit": "rule",
        "kind": "hard",
        "condition": "Lightsail load balancers and their target instances",
        "severity": "error",
        "source": "https://docs.aws.amazon.com/lightsail/latest/userguide/"
        "amazon-lightsail-faq-load-balancers.html",
        "status": "confirmed-current",
        "notes": "The FAQ: 'You cannot use load balancers with instances running in different "
        "AWS Regions'; target instances in several Availability Zones are recommended. "
        "AttachInstancesToLoadBalancer: no limit on attached instances beyond the instances "
        "quota.",
    },
    {
        "id": "LIGHTSAIL_REGIONS",
        "service": "lightsail",
        "constraint": "Regions where Lightsail is available",
        "value": [
            "us-east-1",
            "us-east-2",
            "us-west-2",
            "ca-central-1",
            "eu-west-1",
            "eu-west-2",
            "eu-west-3",
            "eu-central-1",
            "eu-north-1",
            "ap-south-1",
            "ap-northeast-1",
            "ap-northeast-2",
            "ap-southeast-1",
            "ap-southeast-2",
        ],
        "unit": "Region codes",
        "kind": "hard",
        "condition": "Lightsail resources are created in one Region",
        "severity": "error",
        "source": "https://docs.aws.amazon.com/lightsail/latest/userguide/understanding-regions-and-availability-zones-in-amazon-lightsail.html",
        "status": "unconfirmed",
        "notes": "Not in the team reference; check the page before relying on a Region added "
        "recently.",
    },
    {
        "id": "OUTPOSTS_KIND_SUPPORT",
        "service": "outposts",
        "constraint": "Kinds of the design that can run on an Outpost, by form factor (racks run "
        "EC2, Auto Scaling, placement groups, ECS, EKS local clusters and self-managed nodes, "
        "RDS and ALB; servers run EC2 and ECS); Lambda, Fargate, App Runner, Lightsail, Batch "
        "and Elastic Beanstalk do not run on Outposts",
        "value": {
            "rack": [
                "aws.subnet",
                "aws.ec2.instance",
                "aws.ec2.auto_scaling_group",
                "aws.ec2.placement_group",
                "aws.ecs.cluster",
                "aws.ecs.service",
                "aws.ecs.task",
                "aws.eks.cluster",
                "aws.rds.database",
                "aws.elb.load_balancer",
            ],
            "server": [
                "aws.subnet",
                "aws.ec2.instance",
                "aws.ecs.cluster",
                "aws.ecs.service",
                "aws.ecs.task",
            ],
        },
        "unit": "kind ids by form factor",
        "kind": "hard",
        "condition": "A node drawn on an Outpost (inside it, or inside a subnet on it)",
        "severity": "error",
        "source": "https://docs.aws.amazon.com/outposts/latest/userguide/what-is-outposts.html",
        "status": "secondary",
        "notes": "Mapped from OUTPOSTS_SERVICES and OUTPOSTS_UNSUPPORTED of the reference onto "
        "ArchCanvas kinds; ECS on Outposts uses the EC2 launch type only.",
        "based_on": ["OUTPOSTS_SERVICES", "OUTPOSTS_UNSUPPORTED"],
    },
    {
        "id": "OUTPOSTS_LOAD_BALANCER_TYPES",
        "service": "outposts",
        "constraint": "Load balancer types that run on an Outposts rack",
        "value": ["application"],
        "unit": "load balancer types",
        "kind": "hard",
        "condition": "A load balancer on an Outpost",
        "severity": "error",
        "source": "https://docs.aws.amazon.com/elasticloadbalancing/latest/application/application-load-balancers.html#outposts",
        "status": "secondary",
        "notes": "From OUTPOSTS_SERVICES of the reference, which lists ALB only.",
        "based_on": ["OUTPOSTS_SERVICES"],
    },
    {
        "id": "FARGATE_PLATFORM_VERSIONS",
        "service": "ecs",
        "constraint": "Fargate platform versions by operating system family, and the Linux "
        "version that features need (8 and 16 vCPU tasks, more than 20 GiB of ephemeral storage)",
        "value": {
            "linux": ["LATEST", "1.4.0", "1.3.0"],
            "windows": ["LATEST", "1.0.0"],
            "linux_features": {
                "large_tasks": "1.4.0",
                "large_tasks_min_cpu": 8192,
                "ephemeral_storage": "1.4.0",
            },
        },
        "unit": "platform versions",
        "kind": "hard",
        "condition": "ECS tasks and services with the FARGATE launch type",
        "severity": "error",
        "source": "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/platform-fargate.html",
        "status": "secondary",
        "notes": "The 8/16 vCPU requirement is from ECS_FARGATE_CPU_MEMORY of the reference; the "
        "version list and the storage requirement from the platform versions page.",
        "based_on": ["ECS_FARGATE_CPU_MEMORY", "ECS_FARGATE_EPHEMERAL"],
    },
    {
        "id": "FARGATE_ON_DEMAND_VCPU_QUOTA",
        "service": "ecs",
        "constraint": "Fargate On-Demand vCPUs running at once per account and Region (ECS "
        "tasks and EKS pods together)",
        "value": 6,
        "unit": "vCPUs",
        "kind": "adjustable",
        "condition": "Sum of the running Fargate On-Demand tasks' vCPUs in one Region",
        "severity": "warning",
        "source": "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html",
        "status": "unconfirmed",
        "notes": "The default of a new account; most accounts have a higher applied value, so "
        "record it in the profile. FARGATE_RUNNING_QUOTA of the reference names the quota "
        "without a number.",
        "based_on": ["FARGATE_RUNNING_QUOTA"],
    },
    {
        "id": "FARGATE_SPOT_VCPU_QUOTA",
        "service": "ecs",
        "constraint": "Fargate Spot vCPUs running at once per account and Region",
        "value": 6,
        "unit": "vCPUs",
        "kind": "adjustable",
        "condition": "Sum of the running Fargate Spot tasks' vCPUs in one Region",
        "severity": "warning",
        "source": "https://docs.aws.amazon.com/AmazonECS/latest/developerguide/service-quotas.html",
        "status": "unconfirmed",
        "notes": "The default of a new account, like FARGATE_ON_DEMAND_VCPU_QUOTA.",
        "based_on": ["FARGATE_RUNNING_QUOTA"],
    },
    {
        "id": "EC2_BURSTABLE_BASELINE",
        "service": "ec2",
        "constraint": "Baseline CPU utilization of burstable instance types (percent of each vCPU)",
        "value": {
            "t2.nano": 5,
            "t2.micro": 10,
            "t2.small": 20,
            "t2.medium": 20,
            "t2.large": 30,
            "t2.xlarge": 22.5,
            "t2.2xlarge": 17,
            "t3.nano": 5,
            "t3.micro": 10,
            "t3.small": 20,
            "t3.medium": 20,
            "t3.large": 30,
            "t3.xlarge": 40,
            "t3.2xlarge": 40,
            "t3a.nano": 5,
            "t3a.micro": 10,
            "t3a.small": 20,
            "t3a.medium": 20,
            "t3a.large": 30,
            "t3a.xlarge": 40,
            "t3a.2xlarge": 40,
            "t4g.nano": 5,
            "t4g.micro": 10,
            "t4g.small": 20,
            "t4g.medium": 20,
            "t4g.large": 30,
            "t4g.xlarge": 40,
            "t4g.2xlarge": 40,
        },
        "unit": "percent per vCPU",
        "kind": "hard",
        "condition": "Above the baseline a burstable instance spends CPU credits: unlimited mode "
        "pays for surplus credits, standard mode is throttled to the baseline",
        "severity": "warning",
        "source": "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/burstable-credits-baseline-concepts.html",
        "status": "secondary",
        "notes": "The baseline column of the credits table; EC2_BURSTABLE_DEFAULT_MODE of the "
        "reference gives the credit modes.",
        "based_on": ["EC2_BURSTABLE_DEFAULT_MODE"],
    },
    {
        "id": "EC2_EFA_INSTANCE_TYPES",
        "service": "ec2",
        "constraint": "Instance types that support an Elastic Fabric Adapter (a selection of the "
        "common ones)",
        "value": [
            "c5n.9xlarge",
            "c5n.18xlarge",
            "c5n.metal",
            "c6gn.16xlarge",
            "c6i.32xlarge",
            "c6in.32xlarge",
            "c7gn.16xlarge",
            "c7i.48xlarge",
            "g5.48xlarge",
            "hpc6a.48xlarge",
            "hpc6id.32xlarge",
            "hpc7a.96xlarge",
            "hpc7g.16xlarge",
            "m5n.24xlarge",
            "m5dn.24xlarge",
            "m6i.32xlarge",
            "m6in.32xlarge",
            "m7i.48xlarge",
            "p4d.24xlarge",
            "p5.48xlarge",
            "r5n.24xlarge",
            "r6i.32xlarge",
            "trn1.32xlarge",
        ],
        "unit": "instance types",
        "kind": "hard",
        "condition": "An EFA is attached at launch; DescribeInstanceTypes NetworkInfo.EfaSupported "
        "is the full list",
        "severity": "warning",
        "source": "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/efa.html#efa-instance-types",
        "status": "unconfirmed",
        "notes": "Not in the team reference (EC2_EFA gives the other EFA constraints); a type "
        "missing here is reported as a warning, not an error.",
        "based_on": ["EC2_EFA"],
    },
    {
        "id": "EC2_VPC_TENANCY",
        "service": "ec2",
        "constraint": "Instances launched into a VPC whose instance tenancy is dedicated run as "
        "Dedicated Instances, whatever tenancy the launch asks for",
        "value": None,
        "unit": "rule",
        "kind": "hard",
        "condition": "VPC instance tenancy = dedicated",
        "severity": "warning",
        "source": "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/dedicated-instance.html",
        "status": "secondary",
    },
    {
        "id": "SFN_REQUEST_RESPONSE_CALL_S",
        "service": "stepfunctions",
        "constraint": "Time bound ArchCanvas gives one request-response service call (optimized "
        "integration, AWS SDK integration or HTTP Task) of a Task without TimeoutSeconds",
        "value": 60,
        "unit": "seconds",
        "kind": "hard",
        "condition": "Request-response pattern: Step Functions moves on as soon as the service's "
        "API answers; not for .sync, .waitForTaskToken, Activities or Lambda invokes",
        "severity": "warning",
        "source": "https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html",
        "status": "unconfirmed",
        "notes": "A modelling bound, not an AWS quota: AWS publishes no per-call timeout for "
        "request-response integrations, whose API calls (sns:publish, dynamodb:putItem, "
        "sqs:sendMessage, ...) answer in seconds. 60 s is the read timeout AWS SDKs use by "
        "default and the HTTP Task's documented limit, so a chain of such calls counts as "
        "bounded; set TimeoutSeconds on a Task whose call can take longer.",
    },
    {
        "id": "SFN_SYNC_JOB_MAX_S",
        "service": "stepfunctions",
        "constraint": "Longest a job of another service can run, by the .sync integration that "
        "starts it and waits (service:action), which bounds a Task without TimeoutSeconds",
        "value": {
            "glue:startJobRun": 604_800,
            "codebuild:startBuild": 158_400,
            "sagemaker:createTrainingJob": 2_592_000,
        },
        "unit": "seconds",
        "kind": "hard",
        "condition": "Run a Job (.sync) pattern; the service stops the job at its own maximum, "
        "so Step Functions waits no longer than that",
        "severity": "warning",
        "source": "https://docs.aws.amazon.com/step-functions/latest/dg/connect-to-resource.html",
        "status": "secondary",
        "notes": "Glue: a job run's timeout must be under 7 days (10,080 minutes); longer ones are "
        "stopped on the 7th day (https://docs.aws.amazon.com/glue/latest/dg/aws-glue-api-jobs-runs.html, JobRun "
        "Timeout). CodeBuild: a build times out after 5 to 2,160 minutes (36 hours) and may "
        "first wait queued up to 480 minutes, 44 hours in all "
        "(https://docs.aws.amazon.com/codebuild/latest/APIReference/API_StartBuild.html, "
        "timeoutInMinutesOverride and queuedTimeoutInMinutesOverride). SageMaker: a training "
        "job runs at most 30 days in total, MaxRuntimeInSeconds at most 28 days (https://docs"
        ".aws.amazon.com/sagemaker/latest/APIReference/API_StoppingCondition.html). Other "
        ".sync jobs (EMR steps, ECS and EKS tasks, Athena, Glue DataBrew, EMR Serverless) "
        "stay unbounded: no maximum, or one this table does not state yet.",
    },
    {
        "id": "SFN_ASL_SECONDS_MAX",
        "service": "stepfunctions",
        "constraint": "Largest value of an ASL seconds or count field (TimeoutSeconds, "
        "HeartbeatSeconds, Wait Seconds, Retry IntervalSeconds and MaxAttempts)",
        "value": 99_999_999,
        "unit": "seconds",
        "kind": "hard",
        "condition": "From SFN_ASL_TASK_RULES and SFN_ASL_RETRY_RULES ('max 99999999')",
        "severity": "error",
        "source": "https://docs.aws.amazon.com/step-functions/latest/dg/state-task.html",
        "status": "confirmed-current",
    },
    {
        "id": "SFN_RETRY_MAX_DELAY",
        "service": "stepfunctions",
        "constraint": "Largest Retry MaxDelaySeconds (one year of 366 days)",
        "value": 31_622_400,
        "unit": "seconds",
        "kind": "hard",
        "condition": "A retrier's MaxDelaySeconds must be below 31,622,401",
        "severity": "error",
        "source": "https://docs.aws.amazon.com/step-functions/latest/dg/concepts-error-handling.html",
        "status": "secondary",
    },
    {
        "id": "SFN_STANDARD_HISTORY_EVENTS",
        "service": "stepfunctions",
        "constraint": "Execution history events per STANDARD execution (SFN_EXPRESS_HISTORY)",
        "value": 25_000,
        "unit": "events",
        "kind": "hard",
        "condition": "STANDARD executions fail when the history reaches this size",
        "severity": "warning",
        "source": SFN_LIMITS_PAGE,
        "status": "confirmed-current",
    },
    {
        "id": "SQS_LAMBDA_BATCH_WINDOW_REQUIRED",
        "service": "lambda",
        "constraint": "An SQS event source mapping on a standard queue with a batch size above "
        "10 needs a batching window of at least 1 s (LAMBDA_ESM_SQS_BATCH)",
        "value": {"batch_size_above": 10, "min_window_s": 1},
        "unit": "records / seconds",
        "kind": "hard",
        "condition": "Lambda event source mapping on a standard SQS queue",
        "severity": "error",
        "source": SQS_LAMBDA_PAGE,
        "status": "confirmed-archived",
    },
    {
        "id": "EC2_INSTANCE_COUNT_MAX",
        "service": "ec2",
        "constraint": "Largest number of identical instances one node stands for: the target "
        "capacity of one EC2 Fleet or Spot Fleet",
        "value": 10_000,
        "unit": "instances",
        "kind": "hard",
        "condition": "An EC2 instance node's count; larger groups are several fleets or groups",
        "severity": "error",
        "source": "https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/fleet-quotas.html",
        "status": "secondary",
        "notes": "Target capacity per EC2 Fleet or Spot Fleet: 10,000; across all fleets of a "
        "Region: 100,000. Running instances are further bounded by the account's vCPU quotas.",
    },
    {
        "id": "CFN_STACK_RESOURCES_MAX",
        "service": "cloudformation",
        "constraint": "Resources declared in one CloudFormation template (stack)",
        "value": 500,
        "unit": "resources",
        "kind": "hard",
        "condition": "Every stack; more resources need nested stacks or several stacks",
        "severity": "warning",
        "source": "https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/"
        "cloudformation-limits.html",
        "status": "secondary",
    },
]
KEYS = (
    "id",
    "service",
    "constraint",
    "value",
    "unit",
    "kind",
    "condition",
    "severity",
    "source",
    "status",
    "notes",
    "advisory",
    "services",
    "based_on",
)


RUNTIMES_PAGE = "https://docs.aws.amazon.com/lambda/latest/dg/lambda-runtimes.html"


def runtime_lifecycle() -> dict | None:
    """Lambda runtime deprecation dates, from the table cfn-lint keeps of AWS's runtimes page
    (the reference has none); None when cfn-lint is not installed."""
    try:
        import cfnlint
    except ImportError:
        return None
    table = Path(cfnlint.__file__).parent / "data" / "AdditionalSpecs" / "LmbdRuntimeLifecycle.json"
    raw = json.loads(table.read_text(encoding="utf-8"))
    value = {
        runtime: {
            "deprecated": dates.get("deprecated"),
            "create_block": dates.get("create-block"),
            "update_block": dates.get("update-block"),
            "successor": dates.get("successor"),
        }
        for runtime, dates in sorted(raw.items())
    }
    return {
        "id": "LAMBDA_RUNTIME_LIFECYCLE",
        "service": "lambda",
        "constraint": "Runtime deprecation, create-block and update-block dates",
        "value": value,
        "unit": "dates",
        "kind": "hard",
        "condition": "Zip functions; after the create-block date no new function can use the "
        "runtime, after the update-block date existing ones cannot be updated",
        "severity": "warning",
        "source": RUNTIMES_PAGE,
        "status": "secondary",
        "notes": f"Dates copied from cfn-lint {version('cfn-lint')} data "
        "(LmbdRuntimeLifecycle.json), which tracks the AWS runtimes page.",
    }


def convert(entries: list[dict], verified: str) -> list[dict]:
    result = []
    for entry in entries:
        item = {key: entry[key] for key in KEYS if key in entry}
        item["verified"] = verified
        quota = QUOTA_NAMES.get(entry["id"])
        if quota is None and entry.get("kind") == "adjustable" and not entry.get("advisory"):
            quota = entry["id"].lower()
        item["quota"] = quota
        if entry["id"] in QUOTA_CODES:
            item["service_code"], item["quota_code"] = QUOTA_CODES[entry["id"]]
            item["quota_code_source"] = QUOTA_CODE_SOURCE
        result.append(item)
    return result


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE
    entries = yaml.safe_load(source.read_text(encoding="utf-8"))
    known = {entry["id"] for entry in entries}
    entries.extend(extra for extra in EXTRA_ENTRIES if extra["id"] not in known)
    lifecycle = runtime_lifecycle()
    if lifecycle is not None and lifecycle["id"] not in known:
        entries.append(lifecycle)
    verified = datetime.date.today().isoformat()
    TARGET.write_text(json.dumps(convert(entries, verified), indent=2) + "\n", encoding="utf-8")
    print(f"wrote {len(entries)} limits to {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
