"""Amazon States Language analysis: structure checks, Task references and duration bounds.

Standard library only, so the checks can run anywhere the model runs (no Qt, no AWS calls).
"""

from .duration import DurationAnalysis, DurationBound, TaskTimeout, analyze_duration
from .structure import AslProblem, check_structure
from .tasks import CALLBACK, REQUEST_RESPONSE, SYNC, TaskRef, task_refs

__all__ = [
    "CALLBACK",
    "REQUEST_RESPONSE",
    "SYNC",
    "AslProblem",
    "DurationAnalysis",
    "DurationBound",
    "TaskRef",
    "TaskTimeout",
    "analyze_duration",
    "check_structure",
    "task_refs",
]
