"""Regenerate model/data/limits.json from the team's reference (../shared/reference/aws-limits.yaml).

Run: .venv/bin/python scripts/import_limits.py [PATH_TO_YAML]
Keeps every entry with its source and status, adds the profile quota name that overrides an
adjustable value, and stamps the date the data was last checked against the reference.
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
