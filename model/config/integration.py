"""Configuration of the services around compute: delivery, APIs, messaging, data."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from model.config.base import ServiceConfig, setting


class CacheBehavior(BaseModel):
    """One cache behaviour of a distribution besides the default: the requests its path
    pattern matches go to its origin, and run the functions whose connection names it."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)

    path_pattern: str = setting("/*", "Path pattern, e.g. /api/*.")
    origin: str = setting("", "Id of the node the behaviour routes to; empty: the first origin.")


class CloudFrontConfig(ServiceConfig):
    price_class: Literal["PriceClass_All", "PriceClass_200", "PriceClass_100"] = setting(
        "PriceClass_All", "Edge locations used."
    )
    aliases: list[str] = setting([], "Alternate domain names.")
    cache_behaviors: list[CacheBehavior] = setting(
        [],
        "Cache behaviours besides the default, in order; a function connection's path_pattern "
        "says which one it runs on.",
    )

    def behaviour_patterns(self) -> list[str]:
        return [b.path_pattern for b in self.cache_behaviors]


class ApiGatewayConfig(ServiceConfig):
    api_type: Literal["rest", "http"] = setting("rest", "REST API or HTTP API.")
    endpoint_type: Literal["regional", "edge", "private"] = setting(
        "regional", "Endpoint type (REST APIs)."
    )
    integration_timeout_s: float = setting(29, "Integration timeout.", "s")
    region: str | None = setting(None, "Region, when not given by a Region container.")


class LoadBalancerConfig(ServiceConfig):
    type: Literal["application", "network", "gateway"] = setting(
        "application", "Load balancer type."
    )
    scheme: Literal["internet-facing", "internal"] = setting("internet-facing", "Scheme.")
    target_type: Literal["ip", "instance", "lambda"] = setting("ip", "Target group target type.")


class SqsQueueConfig(ServiceConfig):
    visibility_timeout_s: int = setting(30, "Visibility timeout.", "s")
    fifo: bool = setting(False, "FIFO queue.")
    max_receive_count: int | None = setting(None, "Redrive policy maxReceiveCount.")
    region: str | None = setting(None, "Region, when not given by a Region container.")


class SnsTopicConfig(ServiceConfig):
    fifo: bool = setting(False, "FIFO topic.")


class EventBridgeRuleConfig(ServiceConfig):
    schedule: str = setting("", "Schedule expression, e.g. cron(0 2 * * ? *); empty for a pattern.")
    event_pattern: str = setting("", "Event pattern (JSON text) when not a schedule.")


class PipeConfig(ServiceConfig):
    batch_size: int | None = setting(None, "Records read from the source per batch.")
    filter_pattern: str = setting("", "Event filter pattern (JSON text); empty passes all.")


class S3BucketConfig(ServiceConfig):
    versioning: bool = setting(False, "Object versioning.")


class DynamoDbTableConfig(ServiceConfig):
    billing_mode: Literal["PAY_PER_REQUEST", "PROVISIONED"] = setting(
        "PAY_PER_REQUEST", "Billing mode."
    )
    partition_key: str = setting("pk", "Partition key attribute name.")


class RdsDatabaseConfig(ServiceConfig):
    engine: Literal["postgres", "mysql", "mariadb", "aurora-postgresql", "aurora-mysql"] = setting(
        "postgres", "Database engine."
    )
    instance_class: str = setting("db.t4g.medium", "DB instance class.")
    multi_az: bool = setting(False, "Multi-AZ deployment.")
    allocated_storage_gb: int = setting(20, "Allocated storage.", "GB")


class EcrRepositoryConfig(ServiceConfig):
    scan_on_push: bool = setting(True, "Scan images on push.")


class GenericResourceConfig(ServiceConfig):
    """Any CloudFormation resource the catalog has no kind for, kept as the template says."""

    resource_type: str = setting(
        "AWS::CloudFormation::WaitConditionHandle", "CloudFormation resource type."
    )
    properties: dict[str, Any] = setting({}, "The resource's Properties, as in the template.")
