"""Configuration of group nodes: Regions, zones, networks, clusters, placement groups, Outposts."""

from __future__ import annotations

from typing import Literal

from model.config.base import ServiceConfig, setting


class RegionConfig(ServiceConfig):
    name: str = setting("us-east-1", "Region code.")


class AvailabilityZoneConfig(ServiceConfig):
    name: str = setting("", "Availability Zone name, e.g. eu-west-1a.")


class VpcConfig(ServiceConfig):
    cidr: str = setting("10.0.0.0/16", "IPv4 CIDR block.")
    default_vpc: bool = setting(False, "The Region's default VPC.")
    instance_tenancy: Literal["default", "dedicated"] = setting(
        "default", "Tenancy of instances launched into the VPC (dedicated: single-tenant hardware)."
    )


class SubnetConfig(ServiceConfig):
    cidr: str = setting("10.0.0.0/24", "IPv4 CIDR block.")
    visibility: Literal["private", "public"] = setting(
        "private", "Public subnets route to an internet gateway."
    )
    nat: bool = setting(False, "Private subnet with a route to a NAT gateway.")


class EcsClusterConfig(ServiceConfig):
    container_insights: bool = setting(False, "CloudWatch Container Insights.")


class EksClusterConfig(ServiceConfig):
    kubernetes_version: str = setting("1.35", "Kubernetes minor version.")


class PlacementGroupConfig(ServiceConfig):
    strategy: Literal["cluster", "spread", "partition"] = setting("cluster", "Placement strategy.")
    partition_count: int | None = setting(None, "Partitions (partition strategy).")
    spread_level: Literal["rack", "host"] | None = setting(
        None, "Spread level (spread strategy; host needs Outposts)."
    )


class OutpostConfig(ServiceConfig):
    form_factor: Literal["rack", "server"] = setting("rack", "Outposts rack or server.")
    site: str = setting("", "Site (data centre) of the Outpost.")
    anchor_az: str = setting(
        "", "Availability Zone of the parent Region the Outpost is anchored to, e.g. eu-west-1a."
    )
    capacity: dict[str, int] = setting(
        {},
        "Instances of each type the Outpost's configured capacity holds, e.g. "
        "{'m5.xlarge': 8}; empty: not known.",
    )
