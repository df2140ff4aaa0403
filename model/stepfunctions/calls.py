"""What a Task state waits for, read from its Resource: the kind of call decides its time bound.

Step Functions waits for a Lambda invoke until the function returns (at most its timeout), for
a request-response service call until the API answers, for a `.sync` job until the job ends,
and for an Activity or a `.waitForTaskToken` callback until someone reports back, which has no
limit at all. The duration rules turn these kinds into seconds with the limits data.
"""

from __future__ import annotations

import re
from enum import StrEnum
from functools import lru_cache

from ._common import PLACEHOLDER_RE
from .tasks import CALLBACK, SYNC, TaskRef

_DIRECT_LAMBDA = re.compile(r"^arn:[A-Za-z0-9-]+:lambda:[^:]*:[^:]*:function:")
_SERVICE = re.compile(r"^arn:[A-Za-z0-9-]+:states:::(?P<service>[A-Za-z0-9-]+):(?P<action>.*)$")
_SYNC_SUFFIX = re.compile(r"\.sync(:\d+)?$")


class CallKind(StrEnum):
    LAMBDA = "lambda"
    """Invokes a Lambda function: bounded by the function's timeout."""
    REQUEST_RESPONSE = "request_response"
    """Calls a service API (optimized integration, AWS SDK or HTTP Task) and moves on when it answers."""
    NESTED = "nested"
    """Starts a child state machine execution and waits for it (`states:startExecution.sync`)."""
    BATCH = "batch"
    """Submits an AWS Batch job and waits for it (`batch:submitJob.sync`)."""
    ECS = "ecs"
    """Runs an ECS task and waits for it to stop (`ecs:runTask.sync`)."""
    JOB = "job"
    """Any other `.sync` integration: waits for a job of another service to finish."""
    CALLBACK = "callback"
    """Waits for SendTaskSuccess/Failure with a task token (`.waitForTaskToken`)."""
    ACTIVITY = "activity"
    """Waits for an Activity worker to poll and report back."""
    UNKNOWN = "unknown"
    """A Resource ArchCanvas cannot read (a placeholder, JSONata, a typo)."""


def call_kind(ref: TaskRef) -> CallKind:
    """The kind of call a Task makes; the integration pattern decides before the service."""
    return _call_kind(ref.resource, ref.is_activity, ref.integration_pattern)


@lru_cache(maxsize=1024)
def _call_kind(resource: str, is_activity: bool, pattern: str) -> CallKind:
    """call_kind() by what it reads; kept because a design's Tasks share a few Resources
    (lambda:invoke in most), and reading one takes four regular expressions."""
    if is_activity:
        return CallKind.ACTIVITY
    if pattern == CALLBACK:
        return CallKind.CALLBACK
    if _DIRECT_LAMBDA.match(resource):
        return CallKind.LAMBDA
    called = service_action(resource)
    if called is None:
        return CallKind.UNKNOWN
    service, action = called
    if pattern == SYNC:
        if service == "states" and action == "startExecution":
            return CallKind.NESTED
        if service == "batch":
            return CallKind.BATCH
        if service == "ecs":
            return CallKind.ECS
        return CallKind.JOB
    if service == "lambda" and action == "invoke":
        return CallKind.LAMBDA
    return CallKind.REQUEST_RESPONSE


@lru_cache(maxsize=256)
def service_action(resource: str) -> tuple[str, str] | None:
    """The service and action a service integration's Resource names, without its pattern
    suffix (`glue:startJobRun.sync` gives ("glue", "startJobRun")); None for any other
    Resource. The limits data keeps the longest run of `.sync` jobs by `service:action`."""
    match = _SERVICE.match(PLACEHOLDER_RE.sub("x", resource))
    if match is None:
        return None
    return match.group("service"), _SYNC_SUFFIX.sub("", match.group("action"))


def forget_call_kinds() -> None:
    """Drop the kept call kinds (for benchmarks of a pass that starts from nothing)."""
    _call_kind.cache_clear()
    service_action.cache_clear()
