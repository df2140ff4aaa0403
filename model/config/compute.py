"""Configuration models of the compute services (Lambda, containers, Batch, EC2, PaaS)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from model.config.base import ServiceConfig, setting


class LambdaConfig(ServiceConfig):
    runtime: str = setting("python3.12", "Runtime identifier, e.g. python3.12 or nodejs22.x.")
    architecture: Literal["x86_64", "arm64"] = setting("x86_64", "Instruction set architecture.")
    memory_mb: int = setting(128, "Memory allocated to the function.", "MB")
    timeout_s: int = setting(3, "Maximum run time of one invocation.", "s")
    ephemeral_storage_mb: int = setting(512, "Size of /tmp.", "MB")
    package_type: Literal["zip", "image"] = setting("zip", "Deployment package type.")
    package_size_mb: float | None = setting(
        None, "Compressed size of the deployment package (code and libraries).", "MB"
    )
    unzipped_size_mb: float | None = setting(None, "Unzipped size of code and all layers.", "MB")
    layers: list[str] = setting([], "Layer names or ARNs.")
    environment: dict[str, str] = setting({}, "Environment variables.")
    reserved_concurrency: int | None = setting(
        None,
        "Concurrency reserved for this function (none: shares the unreserved pool).",
        "concurrent executions",
    )
    provisioned_concurrency: int | None = setting(
        None, "Pre-initialised execution environments.", "concurrent executions"
    )
    avg_duration_ms: float | None = setting(
        None, "Expected average duration of one invocation, for capacity estimates.", "ms"
    )
    tracing: Literal["PassThrough", "Active"] = setting("PassThrough", "X-Ray tracing mode.")
    dead_letter_queue: bool = setting(
        False, "Failed asynchronous events go to a dead-letter queue."
    )
    region: str | None = setting(None, "Region, when not given by a Region container.")


class LambdaEdgeConfig(LambdaConfig):
    runtime: str = setting(
        "nodejs22.x", "Runtime identifier; Lambda@Edge supports Node.js and Python."
    )
    region: str | None = setting(
        "us-east-1", "Region the function is created in; Lambda@Edge requires us-east-1."
    )


class AppRunnerConfig(ServiceConfig):
    cpu_vcpu: float = setting(1.0, "vCPU per instance (0.25 to 4).", "vCPU")
    memory_gb: float = setting(2.0, "Memory per instance.", "GB")
    max_concurrency: int = setting(100, "Concurrent requests per instance before scaling out.")
    min_size: int = setting(1, "Minimum provisioned instances.")
    max_size: int = setting(25, "Maximum instances.")
    source: Literal["image", "code"] = setting(
        "image", "Deploy from a container image or source code."
    )
    existing_customer: bool = setting(
        False, "The account already uses App Runner (it closed to new customers on 2026-04-30)."
    )
    image_repository: Literal["ecr", "ecr_public"] = setting(
        "ecr", "Repository of the image (image source): Amazon ECR private or ECR Public."
    )
    runtime: str = setting("PYTHON_311", "Managed runtime (source code services).")
    auto_deploy: bool = setting(
        False, "Deploy automatically when the image tag or the code branch changes."
    )
    egress: Literal["default", "vpc"] = setting(
        "default", "Outbound traffic: to the internet, or into a VPC through a VPC connector."
    )
    region: str | None = setting(None, "Region, when not given by a Region container.")


class BatchComputeEnvironmentConfig(ServiceConfig):
    type: Literal["EC2", "SPOT", "FARGATE", "FARGATE_SPOT"] = setting(
        "FARGATE", "Capacity the environment provides."
    )
    max_vcpus: int = setting(256, "Maximum vCPUs the environment scales to.", "vCPU")
    min_vcpus: int = setting(0, "Minimum vCPUs kept running (EC2 and SPOT).", "vCPU")
    instance_types: list[str] = setting([], "Instance types for EC2 and SPOT environments.")
    architecture: Literal["x86_64", "arm64"] = setting("x86_64", "CPU architecture.")
    region: str | None = setting(None, "Region, when not given by a Region container.")


class BatchJobQueueConfig(ServiceConfig):
    priority: int = setting(1, "Higher-priority queues are scheduled first on shared environments.")
    region: str | None = setting(None, "Region, when not given by a Region container.")


class BatchJobDefinitionConfig(ServiceConfig):
    platform: Literal["EC2", "FARGATE"] = setting("FARGATE", "Platform capability.")
    vcpus: float = setting(1.0, "vCPUs per job.", "vCPU")
    memory_mb: int = setting(2048, "Memory per job.", "MB")
    gpus: int = setting(0, "GPUs per job.")
    timeout_s: int | None = setting(None, "Attempt duration after which the job is stopped.", "s")
    array_size: int | None = setting(None, "Array job size (2 to 10,000).")
    multi_node: bool = setting(False, "Multi-node parallel job.")
    depends_on: int = setting(0, "Number of job dependencies.")
    image: str = setting("", "Container image URI.")
    region: str | None = setting(None, "Region, when not given by a Region container.")


class Ec2InstanceConfig(ServiceConfig):
    instance_type: str = setting("m7i.large", "EC2 instance type.")
    count: int = setting(1, "Identical instances this node stands for.")
    purchase_option: Literal[
        "on_demand", "reserved", "spot", "savings_plan", "dedicated_instance", "dedicated_host"
    ] = setting("on_demand", "How the capacity is bought.")
    efa: bool = setting(False, "Elastic Fabric Adapter attached.")
    spot_interruption_behavior: Literal["terminate", "stop", "hibernate"] = setting(
        "terminate", "What happens to a Spot Instance when it is interrupted."
    )
    ami: str = setting("", "AMI id or SSM parameter; empty means a parameter in exports.")
    expected_cpu_percent: float | None = setting(
        None,
        "Expected sustained CPU use per vCPU (compared with a burstable type's baseline).",
        "%",
    )
    region: str | None = setting(None, "Region, when not given by a Region container.")


class Ec2AutoScalingGroupConfig(ServiceConfig):
    instance_type: str = setting("m7i.large", "Instance type of the launch template.")
    min_size: int = setting(1, "Minimum instances.")
    max_size: int = setting(4, "Maximum instances.")
    desired_capacity: int = setting(2, "Desired instances.")
    purchase_option: Literal["on_demand", "spot", "mixed"] = setting(
        "on_demand", "Purchase option of the group's instances."
    )
    capacity_rebalance: bool = setting(
        False, "Capacity rebalancing: replace Spot Instances at elevated risk of interruption."
    )
    expected_cpu_percent: float | None = setting(
        None,
        "Expected sustained CPU use per vCPU (compared with a burstable type's baseline).",
        "%",
    )
    region: str | None = setting(None, "Region, when not given by a Region container.")


class EcsWorkloadConfig(ServiceConfig):
    launch_type: Literal["FARGATE", "EC2", "EXTERNAL"] = setting("FARGATE", "Where tasks run.")
    cpu: int = setting(256, "Task CPU units (1024 = 1 vCPU).", "CPU units")
    memory_mb: int = setting(512, "Task memory.", "MB")
    network_mode: Literal["awsvpc", "bridge", "host", "none"] = setting(
        "awsvpc", "Task network mode."
    )
    operating_system: Literal["linux", "windows"] = setting(
        "linux", "Task operating system family."
    )
    cpu_architecture: Literal["X86_64", "ARM64"] = setting("X86_64", "Task CPU architecture.")
    image: str = setting("", "Container image URI; empty means a parameter in exports.")
    container_port: int | None = setting(None, "Port the container listens on.")
    service_discovery: bool = setting(False, "Registered with Cloud Map or Service Connect.")
    subnets: list[str] = setting(
        [],
        "Ids of the subnet nodes the tasks run in (e.g. private subnets in two zones); "
        "empty: the subnet the node sits in, else its VPC's subnets.",
    )
    fargate_spot: bool = setting(
        False, "Runs on the FARGATE_SPOT capacity provider (interruptible Fargate capacity)."
    )
    ephemeral_storage_gib: int = setting(
        20, "Ephemeral storage of each Fargate task (20 GiB unless set).", "GiB"
    )
    platform_version: str = setting("LATEST", "Fargate platform version.")
    region: str | None = setting(None, "Region, when not given by a Region container.")


class EcsTaskConfig(EcsWorkloadConfig):
    pass


class EcsServiceConfig(EcsWorkloadConfig):
    desired_count: int = setting(2, "Tasks the service keeps running.")
    scheduling_strategy: Literal["REPLICA", "DAEMON"] = setting("REPLICA", "Service scheduler.")


class EksNodeGroupConfig(ServiceConfig):
    instance_types: list[str] = setting(["m7i.large"], "Instance types of the managed node group.")
    capacity_type: Literal["ON_DEMAND", "SPOT"] = setting("ON_DEMAND", "Capacity type.")
    min_size: int = setting(1, "Minimum nodes.")
    max_size: int = setting(3, "Maximum nodes.")
    desired_size: int = setting(2, "Desired nodes.")


class FargateSelector(BaseModel):
    """One pod selector of an EKS Fargate profile."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True, allow_inf_nan=False)

    namespace: str = setting("default", "Kubernetes namespace the selector matches.")
    labels: dict[str, str] = setting({}, "Pod labels the selector matches.")


class EksFargateProfileConfig(ServiceConfig):
    selectors: list[FargateSelector] = setting([], "Pod selectors (at most 5).")


class BeanstalkEnvironmentConfig(ServiceConfig):
    platform: str = setting("Python 3.12 running on 64bit Amazon Linux 2023", "Solution stack.")
    tier: Literal["web", "worker"] = setting("web", "Web server or worker environment.")
    environment_type: Literal["load_balanced", "single_instance"] = setting(
        "load_balanced", "Load-balanced or single-instance environment."
    )
    deployment_policy: Literal[
        "all_at_once", "rolling", "rolling_with_additional_batch", "immutable", "traffic_splitting"
    ] = setting("all_at_once", "How new versions are deployed.")
    load_balancer: Literal["application", "network", "classic"] = setting(
        "application", "Load balancer type."
    )
    instance_type: str = setting("t3.small", "Instance type.")
    region: str | None = setting(None, "Region, when not given by a Region container.")


class LightsailInstanceConfig(ServiceConfig):
    bundle: str = setting("small_3_0", "Lightsail bundle id (fixed plan).")
    blueprint: str = setting("amazon_linux_2023", "Lightsail blueprint id.")
    region: str | None = setting(None, "Region, when not given by a Region container.")


class LightsailLoadBalancerConfig(ServiceConfig):
    instance_port: int = setting(80, "Port the target instances listen on.")
    health_check_path: str = setting("/", "Path the load balancer requests to check a target.")
    region: str | None = setting(None, "Region, when not given by a Region container.")


class LightsailContainerServiceConfig(ServiceConfig):
    power: str = setting("micro", "Power of each node (nano, micro, small, medium, large, xlarge).")
    scale: int = setting(1, "Number of compute nodes the containers run on.", "nodes")
    region: str | None = setting(None, "Region, when not given by a Region container.")
