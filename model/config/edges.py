"""Configuration carried by connections."""

from __future__ import annotations

from typing import Literal

from model.config.base import ServiceConfig, setting

EventType = Literal["viewer-request", "viewer-response", "origin-request", "origin-response"]
IntegrationPattern = Literal["request_response", "sync", "callback"]


class EdgeConfig(ServiceConfig):
    """Settings of a connection; which apply depends on its relation and ends."""

    expected_rps: float | None = setting(
        None, "Peak events or requests per second along this connection.", "req/s"
    )
    event_type: EventType | None = setting(
        None, "CloudFront event that triggers the function (CloudFront to function)."
    )
    path_pattern: str | None = setting(
        None,
        "Cache behaviour the function runs on, by path pattern (CloudFront to function); "
        "empty: the default behaviour.",
    )
    integration_pattern: IntegrationPattern | None = setting(
        None, "How a state machine calls the target (state machine invokes)."
    )
    order: int | None = setting(None, "Order of a compute environment in a job queue.")
    batch_size: int | None = setting(None, "Event source mapping batch size (queue triggers).")
    batching_window_s: int | None = setting(
        None, "Event source mapping maximum batching window.", "s"
    )
