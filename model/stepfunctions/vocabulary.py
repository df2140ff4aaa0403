"""The Amazon States Language vocabulary the structure check (structure.py) holds definitions
to: which fields each state, retrier, catcher and Map part may have in each query language, the
Choice comparison operators, and the limits on names and seconds."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from model.limits import default_limits

from ._common import JSONATA, JSONPATH

_LIMITS = default_limits()
MAX_STATE_NAME: int = _LIMITS.value("SFN_NAME_LENGTH", "max")
MAX_SECONDS: int = _LIMITS.value("SFN_ASL_SECONDS_MAX")
MAX_RETRY_DELAY: int = _LIMITS.value("SFN_RETRY_MAX_DELAY")


STATIC = frozenset({JSONPATH})
# Retrier fields that are whole numbers: name, smallest and largest value AWS accepts.
RETRIER_COUNTS = (
    ("MaxAttempts", 0, MAX_SECONDS),
    ("IntervalSeconds", 1, MAX_SECONDS),
    ("MaxDelaySeconds", 1, MAX_RETRY_DELAY),
)


@dataclass(frozen=True)
class Fields:
    """The fields a state (or a part of one) may have: in either query language, or in one."""

    both: frozenset[str]
    jsonpath: frozenset[str]
    jsonata: frozenset[str]


def _fields(both: str, jsonpath: str = "", jsonata: str = "") -> Fields:
    return Fields(frozenset(both.split()), frozenset(jsonpath.split()), frozenset(jsonata.split()))


COMMON = frozenset({"Type", "Comment", "QueryLanguage"})
_JSONPATH_IO = "InputPath OutputPath"
STATE_FIELDS: dict[str, Fields] = {
    "Pass": _fields("Next End Assign", f"{_JSONPATH_IO} Parameters ResultPath Result", "Output"),
    "Task": _fields(
        "Next End Resource Retry Catch TimeoutSeconds HeartbeatSeconds Credentials Assign",
        f"{_JSONPATH_IO} Parameters ResultPath ResultSelector"
        " TimeoutSecondsPath HeartbeatSecondsPath",
        "Arguments Output",
    ),
    "Choice": _fields("Choices Default Assign", _JSONPATH_IO, "Output"),
    "Wait": _fields(
        "Next End Seconds Timestamp Assign",
        f"{_JSONPATH_IO} SecondsPath TimestampPath",
        "Output",
    ),
    "Succeed": _fields("", _JSONPATH_IO, "Output"),
    "Fail": _fields("Error Cause", "ErrorPath CausePath"),
    "Parallel": _fields(
        "Next End Branches Retry Catch Assign",
        f"{_JSONPATH_IO} Parameters ResultPath ResultSelector",
        "Arguments Output",
    ),
    "Map": _fields(
        "Next End ItemProcessor Iterator ItemReader ItemSelector ItemBatcher ResultWriter"
        " MaxConcurrency ToleratedFailurePercentage ToleratedFailureCount Label"
        " Retry Catch Assign",
        f"{_JSONPATH_IO} ItemsPath Parameters ResultPath ResultSelector MaxConcurrencyPath"
        " ToleratedFailurePercentagePath ToleratedFailureCountPath",
        "Items Output",
    ),
}


@cache
def allowed_fields(kind: str, langs: frozenset[str]) -> frozenset[str]:
    """Every field a state of the kind may have in those query languages: one set lookup per
    field instead of one per rule that allows fields."""
    fields = STATE_FIELDS[kind]
    allowed = COMMON | fields.both
    if JSONPATH in langs:
        allowed |= fields.jsonpath
    if JSONATA in langs:
        allowed |= fields.jsonata
    return allowed


NEXTABLE = frozenset({"Task", "Pass", "Wait", "Parallel", "Map"})
TOP_FIELDS = frozenset(
    {"StartAt", "States", "Comment", "Version", "TimeoutSeconds", "QueryLanguage"}
)
BRANCH_FIELDS = frozenset({"StartAt", "States", "Comment"})
PROCESSOR_FIELDS = BRANCH_FIELDS | {"ProcessorConfig"}
RETRIER_FIELDS = frozenset(
    {
        "ErrorEquals",
        "IntervalSeconds",
        "MaxAttempts",
        "BackoffRate",
        "MaxDelaySeconds",
        "JitterStrategy",
        "Comment",
    }
)
CATCHER_FIELDS = _fields("ErrorEquals Next Comment Assign", "ResultPath", "Output")
READER_FIELDS = _fields("Resource ReaderConfig", "Parameters", "Arguments")
WRITER_FIELDS = _fields("Resource WriterConfig", "Parameters", "Arguments")
BATCHER_FIELDS = _fields(
    "MaxItemsPerBatch MaxInputBytesPerBatch BatchInput",
    "MaxItemsPerBatchPath MaxInputBytesPerBatchPath",
)
JSONATA_INSTEAD = {
    "InputPath": "Arguments",
    "Parameters": "Arguments",
    "ResultSelector": "Output",
    "ResultPath": "Output or Assign",
    "OutputPath": "Output",
    "ItemsPath": "Items",
    "Result": "Output",
    "TimeoutSecondsPath": "TimeoutSeconds with a {% %} expression",
    "HeartbeatSecondsPath": "HeartbeatSeconds with a {% %} expression",
    "SecondsPath": "Seconds with a {% %} expression",
    "TimestampPath": "Timestamp with a {% %} expression",
    "ErrorPath": "Error with a {% %} expression",
    "CausePath": "Cause with a {% %} expression",
    "MaxConcurrencyPath": "MaxConcurrency with a {% %} expression",
    "ToleratedFailurePercentagePath": "ToleratedFailurePercentage with a {% %} expression",
    "ToleratedFailureCountPath": "ToleratedFailureCount with a {% %} expression",
    "MaxItemsPerBatchPath": "MaxItemsPerBatch with a {% %} expression",
    "MaxInputBytesPerBatchPath": "MaxInputBytesPerBatch with a {% %} expression",
}

_STRING_OPS = ("StringEquals", "StringLessThan", "StringGreaterThan")
_STRING_OPS_EQ = ("StringLessThanEquals", "StringGreaterThanEquals", "StringMatches")
_NUMERIC_OPS = (
    "NumericEquals",
    "NumericLessThan",
    "NumericGreaterThan",
    "NumericLessThanEquals",
    "NumericGreaterThanEquals",
)
_TIMESTAMP_OPS = (
    "TimestampEquals",
    "TimestampLessThan",
    "TimestampGreaterThan",
    "TimestampLessThanEquals",
    "TimestampGreaterThanEquals",
)
_TYPE_TESTS = ("IsNull", "IsPresent", "IsNumeric", "IsString", "IsBoolean", "IsTimestamp")
COMPARATORS: dict[str, str] = {
    **{op: "string" for op in _STRING_OPS + _STRING_OPS_EQ},
    **{op: "number" for op in _NUMERIC_OPS},
    **{op: "timestamp" for op in _TIMESTAMP_OPS},
    "BooleanEquals": "boolean",
    **{op: "boolean" for op in _TYPE_TESTS},
    **{
        f"{op}Path": "path"
        for op in _STRING_OPS
        + _STRING_OPS_EQ[:2]
        + _NUMERIC_OPS
        + _TIMESTAMP_OPS
        + ("BooleanEquals",)
    },
}
RULE_COMBINATORS = ("And", "Or", "Not")
JSONATA_RULE_FIELDS = frozenset({"Condition", "Next", "Comment", "Output", "Assign"})

TIMESTAMP_RE = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$")
