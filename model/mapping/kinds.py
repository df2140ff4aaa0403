"""Per kind: the template resource it is and the property each config field is.

Adding a field to a kind is one `at(...)` line here: the importer reads it, the CloudFormation
and SAM exports write it (and Terraform where `tf` is given). Paths are dotted property paths
of the resource (`part` names another resource of the node, e.g. its task definition):
`[0]` is a list index, `[Type=VCPU]` the list item with that key.
"""

from __future__ import annotations

from typing import Any

from model.mapping.fields import (
    BOOL,
    FILE,
    FLOAT,
    FLOAT_TEXT,
    INT,
    INT_TEXT,
    JSON_OBJECT,
    JSON_STRING,
    JSON_TEXT,
    NODE_IDS,
    NODE_MAP,
    OMIT,
    PRESENT,
    TEXT,
    TEXT_LIST,
    TEXT_MAP,
    KindMapping,
    ReadContext,
    WriteContext,
    at,
    custom,
    enum,
    enum_of_first,
    units,
)


def same(*values: str) -> dict[str, str]:
    """An enum whose template and config values are the same words."""
    return {value: value for value in values}


def _first_word_number(unit: str) -> Any:
    """'1 vCPU' or '1024' (units of 1/1024) as a number of `unit`s."""

    def read(value: Any, ctx: ReadContext) -> float:
        text = str(ctx.value(value)).strip()
        number = float(text.split(" ")[0])
        return number if unit.lower() in text.lower() else number / 1024

    return custom(read, lambda value, ctx: f"{value:g} {unit}")


def _flag(on: str, off: str) -> Any:
    """A bool that templates write as two words (Enabled/Suspended)."""
    return custom(
        lambda value, ctx: str(ctx.value(value)).lower() == on.lower(),
        lambda value, ctx: on if value else off,
    )


def _constant(config_value: Any) -> Any:
    """A property whose presence says the config value (it is not written back alone)."""
    return custom(lambda value, ctx: config_value, lambda value, ctx: value)


def _selectors(value: Any, ctx: ReadContext) -> list[dict[str, Any]]:
    return [
        {
            "namespace": str(item.get("Namespace", "default")),
            "labels": {str(label["Key"]): str(label["Value"]) for label in item.get("Labels", [])},
        }
        for item in ctx.value(value)
    ]


def _selectors_back(value: Any, ctx: WriteContext) -> list[dict[str, Any]]:
    result = []
    for item in value:
        data = item.model_dump() if hasattr(item, "model_dump") else item
        entry: dict[str, Any] = {"Namespace": data["namespace"]}
        if data["labels"]:
            entry["Labels"] = [{"Key": k, "Value": v} for k, v in data["labels"].items()]
        result.append(entry)
    return result


def _selector_blocks(value: Any, ctx: WriteContext) -> list[dict[str, Any]]:
    """Terraform's selector blocks: a namespace, and labels as a map where there are any."""
    return [
        {"namespace": item["Namespace"]}
        | (
            {"labels": {label["Key"]: label["Value"] for label in item["Labels"]}}
            if "Labels" in item
            else {}
        )
        for item in _selectors_back(value, ctx)
    ]


PACKAGE_TYPE = enum({"Zip": "zip", "Image": "image"})
ARCHITECTURE = enum_of_first(same("x86_64", "arm64"))
WORKFLOW_TYPE = enum(same("STANDARD", "EXPRESS"))
_CPU = units("vCPU", 1024)
_MEMORY = units("GB", 1024)
_OS = custom(
    lambda value, ctx: "windows" if "WINDOWS" in str(ctx.value(value)).upper() else "linux",
    lambda value, ctx: "WINDOWS_SERVER_2022_CORE" if value == "windows" else "LINUX",
)
_LAUNCH_FROM_COMPATIBILITIES = custom(
    lambda value, ctx: "FARGATE" if "FARGATE" in ctx.value(value) else str(ctx.value(value)[0]),
    lambda value, ctx: [value],
)
_SPOT = custom(
    lambda value, ctx: "spot" if str(ctx.value(value)).lower() == "spot" else "on_demand",
    lambda value, ctx: "spot",
)
_MULTI_NODE = custom(
    lambda value, ctx: str(ctx.value(value)).lower() == "multinode",
    lambda value, ctx: "multinode" if value else "container",
)
_PUBLIC_IP = custom(
    lambda value, ctx: "public" if BOOL.read(value, ctx) else "private",
    lambda value, ctx: value == "public",
)
_INTERNAL = custom(
    lambda value, ctx: "internal" if value else "internet-facing",
    lambda value, ctx: value == "internal",
)
_LAUNCH_FROM_PROVIDER = custom(
    lambda value, ctx: "FARGATE" if str(ctx.value(value)).startswith("FARGATE") else "EC2",
    lambda value, ctx: value,
)
_FARGATE_SPOT = custom(
    lambda value, ctx: any(
        isinstance(item, dict) and item.get("CapacityProvider") == "FARGATE_SPOT"
        for item in ctx.value(value)
    ),
    lambda value, ctx: [{"CapacityProvider": "FARGATE_SPOT", "Weight": 1}] if value else OMIT,
)
_TENANCY = custom(
    lambda value, ctx: {"dedicated": "dedicated_instance", "host": "dedicated_host"}.get(
        str(ctx.value(value)), "on_demand"
    ),
    lambda value, ctx: {"dedicated_instance": "dedicated", "dedicated_host": "host"}.get(
        value, "default"
    ),
)
_INTERRUPTION = enum(same("terminate", "stop", "hibernate"))
_EFA = custom(
    lambda value, ctx: str(ctx.value(value)) == "efa",
    lambda value, ctx: "efa" if value else "interface",
)
_ENDPOINTS = {"REGIONAL": "regional", "EDGE": "edge", "PRIVATE": "private"}
_BEANSTALK_POLICIES = {
    "AllAtOnce": "all_at_once",
    "Rolling": "rolling",
    "RollingWithAdditionalBatch": "rolling_with_additional_batch",
    "Immutable": "immutable",
    "TrafficSplitting": "traffic_splitting",
}
RDS_ENGINES = same("postgres", "mysql", "mariadb", "aurora-postgresql", "aurora-mysql")


def _option(namespace: str, name: str) -> str:
    """The path of an Elastic Beanstalk option setting's value."""
    return f"OptionSettings[Namespace={namespace},OptionName={name}].Value"


def _container_fields(container: str) -> tuple[Any, ...]:
    """A Batch job's container settings, where the container is (single or multi-node)."""
    return (
        at("vcpus", f"{container}.ResourceRequirements[Type=VCPU].Value", FLOAT_TEXT),
        at("vcpus", f"{container}.Vcpus", FLOAT),
        at("memory_mb", f"{container}.ResourceRequirements[Type=MEMORY].Value", INT_TEXT),
        at("memory_mb", f"{container}.Memory", INT),
        at("gpus", f"{container}.ResourceRequirements[Type=GPU].Value", INT_TEXT),
        at("image", f"{container}.Image", TEXT),
    )


# fmt: off
def _lambda(kind: str) -> KindMapping:
    return KindMapping(
        kind=kind,
        cfn_type="AWS::Lambda::Function",
        sam_type="AWS::Serverless::Function",
        terraform_type="aws_lambda_function",
        fields=(
            at("runtime", "Runtime", TEXT, tf="runtime"),
            at("architecture", "Architectures", ARCHITECTURE, tf="architectures"),
            at("memory_mb", "MemorySize", INT, tf="memory_size"),
            at("timeout_s", "Timeout", INT, tf="timeout"),
            at("ephemeral_storage_mb", "EphemeralStorage.Size", INT, tf="ephemeral_storage.size"),
            at("package_type", "PackageType", PACKAGE_TYPE, tf="package_type"),
            at("layers", "Layers", TEXT_LIST, tf="layers"),
            at("environment", "Environment.Variables", TEXT_MAP, tf="environment.variables"),
            at("reserved_concurrency", "ReservedConcurrentExecutions", INT, tf="reserved_concurrent_executions"),
            at("provisioned_concurrency", "ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions", INT, dialect="sam"),
            at("provisioned_concurrency", "ProvisionedConcurrencyConfig.ProvisionedConcurrentExecutions", INT, part="alias"),
            at("tracing", "TracingConfig.Mode", TEXT, dialect="cfn"),
            at("tracing", "Tracing", TEXT, dialect="sam"),
            at("dead_letter_queue", "DeadLetterConfig.TargetArn", PRESENT, dialect="cfn", readonly=True),
            at("dead_letter_queue", "DeadLetterQueue", PRESENT, dialect="sam", readonly=True),
        ),
        parts={"alias": ("AWS::Lambda::Alias", "AWS::Lambda::Version")},
    )


STATE_MACHINE = KindMapping(
    kind="aws.stepfunctions.state_machine",
    cfn_type="AWS::StepFunctions::StateMachine",
    sam_type="AWS::Serverless::StateMachine",
    terraform_type="aws_sfn_state_machine",
    fields=(
        at("workflow_type", "StateMachineType", WORKFLOW_TYPE, dialect="cfn", tf="type"),
        at("workflow_type", "Type", WORKFLOW_TYPE, dialect="sam"),
        at("definition", "Definition", JSON_OBJECT),
        at("definition", "DefinitionString", JSON_STRING, dialect="cfn"),
        at("definition", "DefinitionUri", FILE, dialect="sam", readonly=True),
        at("definition_substitutions", "DefinitionSubstitutions", NODE_MAP),
        at("logging", "LoggingConfiguration", PRESENT, dialect="cfn", readonly=True),
        at("logging", "Logging", PRESENT, dialect="sam", readonly=True),
    ),
)


def _task_fields(part: str) -> tuple[Any, ...]:
    return (
        at("cpu", "Cpu", _CPU, part=part, tf="cpu"),
        at("memory_mb", "Memory", _MEMORY, part=part, tf="memory"),
        at("network_mode", "NetworkMode", enum(same("awsvpc", "bridge", "host", "none")), part=part, absent="bridge", tf="network_mode"),
        at("operating_system", "RuntimePlatform.OperatingSystemFamily", _OS, part=part, tf="runtime_platform.operating_system_family"),
        at("cpu_architecture", "RuntimePlatform.CpuArchitecture", enum(same("X86_64", "ARM64")), part=part, tf="runtime_platform.cpu_architecture"),
        at("ephemeral_storage_gib", "EphemeralStorage.SizeInGiB", INT, part=part, tf="ephemeral_storage.size_in_gib"),
        at("image", "ContainerDefinitions[0].Image", TEXT, part=part),
        at("container_port", "ContainerDefinitions[0].PortMappings[0].ContainerPort", INT, part=part),
    )


ECS_SERVICE = KindMapping(
    kind="aws.ecs.service",
    cfn_type="AWS::ECS::Service",
    terraform_type="aws_ecs_service",
    fields=(
        at("launch_type", "LaunchType", enum(same("FARGATE", "EC2", "EXTERNAL")), absent="EC2", tf="launch_type"),
        at("launch_type", "CapacityProviderStrategy[0].CapacityProvider", _LAUNCH_FROM_PROVIDER, readonly=True),
        at("fargate_spot", "CapacityProviderStrategy", _FARGATE_SPOT),
        at("platform_version", "PlatformVersion", TEXT, tf="platform_version"),
        at("desired_count", "DesiredCount", INT, tf="desired_count"),
        at("scheduling_strategy", "SchedulingStrategy", enum(same("REPLICA", "DAEMON")), tf="scheduling_strategy"),
        at("subnets", "NetworkConfiguration.AwsvpcConfiguration.Subnets", NODE_IDS),
        *_task_fields("task_definition"),
    ),
    parts={"task_definition": ("AWS::ECS::TaskDefinition",)},
)
ECS_TASK = KindMapping(
    kind="aws.ecs.task",
    cfn_type="AWS::ECS::TaskDefinition",
    terraform_type="aws_ecs_task_definition",
    fields=(
        at("launch_type", "RequiresCompatibilities", _LAUNCH_FROM_COMPATIBILITIES, absent="EC2", tf="requires_compatibilities"),
        *_task_fields(""),
    ),
)
BATCH_COMPUTE_ENVIRONMENT = KindMapping(
    kind="aws.batch.compute_environment",
    cfn_type="AWS::Batch::ComputeEnvironment",
    terraform_type="aws_batch_compute_environment",
    fields=(
        at("type", "ComputeResources.Type", enum(same("EC2", "SPOT", "FARGATE", "FARGATE_SPOT")), tf="compute_resources.type"),
        at("max_vcpus", "ComputeResources.MaxvCpus", INT, tf="compute_resources.max_vcpus"),
        at("min_vcpus", "ComputeResources.MinvCpus", INT, tf="compute_resources.min_vcpus"),
        at("instance_types", "ComputeResources.InstanceTypes", TEXT_LIST),
    ),
)
BATCH_JOB_QUEUE = KindMapping(
    kind="aws.batch.job_queue",
    cfn_type="AWS::Batch::JobQueue",
    terraform_type="aws_batch_job_queue",
    fields=(at("priority", "Priority", INT, tf="priority"),),
)
BATCH_JOB_DEFINITION = KindMapping(
    kind="aws.batch.job_definition",
    cfn_type="AWS::Batch::JobDefinition",
    terraform_type="aws_batch_job_definition",
    fields=(
        at("multi_node", "Type", _MULTI_NODE, tf="type"),
        at("platform", "PlatformCapabilities", enum_of_first(same("EC2", "FARGATE")), absent="EC2", tf="platform_capabilities"),
        *_container_fields("ContainerProperties"),
        *_container_fields("NodeProperties.NodeRangeProperties[0].Container"),
        at("timeout_s", "Timeout.AttemptDurationSeconds", INT, tf="timeout.attempt_duration_seconds"),
    ),
)
APP_RUNNER = KindMapping(
    kind="aws.app_runner",
    cfn_type="AWS::AppRunner::Service",
    terraform_type="aws_apprunner_service",
    fields=(
        at("cpu_vcpu", "InstanceConfiguration.Cpu", _first_word_number("vCPU"), tf="instance_configuration.cpu"),
        at("memory_gb", "InstanceConfiguration.Memory", _first_word_number("GB"), tf="instance_configuration.memory"),
        at("source", "SourceConfiguration.CodeRepository", _constant("code"), readonly=True),
        at("image_repository", "SourceConfiguration.ImageRepository.ImageRepositoryType", enum({"ECR": "ecr", "ECR_PUBLIC": "ecr_public"})),
        at("runtime", "SourceConfiguration.CodeRepository.CodeConfiguration.CodeConfigurationValues.Runtime", TEXT),
        at("auto_deploy", "SourceConfiguration.AutoDeploymentsEnabled", BOOL, absent=False, tf="source_configuration.auto_deployments_enabled"),
        at("egress", "NetworkConfiguration.EgressConfiguration.EgressType", enum({"DEFAULT": "default", "VPC": "vpc"})),
        at("max_concurrency", "MaxConcurrency", INT, part="auto_scaling", tf="max_concurrency"),
        at("min_size", "MinSize", INT, part="auto_scaling", tf="min_size"),
        at("max_size", "MaxSize", INT, part="auto_scaling", tf="max_size"),
    ),
    parts={"auto_scaling": ("AWS::AppRunner::AutoScalingConfiguration",)},
)
BEANSTALK = KindMapping(
    kind="aws.beanstalk.environment",
    cfn_type="AWS::ElasticBeanstalk::Environment",
    terraform_type="aws_elastic_beanstalk_environment",
    fields=(
        at("platform", "SolutionStackName", TEXT),
        at("tier", "Tier.Name", enum({"WebServer": "web", "Worker": "worker"})),
        at("instance_type", _option("aws:autoscaling:launchconfiguration", "InstanceType"), TEXT),
        at("environment_type", _option("aws:elasticbeanstalk:environment", "EnvironmentType"), enum({"LoadBalanced": "load_balanced", "SingleInstance": "single_instance"})),
        at("load_balancer", _option("aws:elasticbeanstalk:environment", "LoadBalancerType"), enum(same("application", "network", "classic"))),
        at("deployment_policy", _option("aws:elasticbeanstalk:command", "DeploymentPolicy"), enum(_BEANSTALK_POLICIES)),
    ),
)
LIGHTSAIL = KindMapping(
    kind="aws.lightsail.instance",
    cfn_type="AWS::Lightsail::Instance",
    terraform_type="aws_lightsail_instance",
    fields=(
        at("bundle", "BundleId", TEXT, tf="bundle_id"),
        at("blueprint", "BlueprintId", TEXT, tf="blueprint_id"),
    ),
)
LIGHTSAIL_LOAD_BALANCER = KindMapping(
    kind="aws.lightsail.load_balancer",
    cfn_type="AWS::Lightsail::LoadBalancer",
    terraform_type="aws_lightsail_lb",
    fields=(
        at("instance_port", "InstancePort", INT, tf="instance_port"),
        at("health_check_path", "HealthCheckPath", TEXT, tf="health_check_path"),
    ),
)
LIGHTSAIL_CONTAINER_SERVICE = KindMapping(
    kind="aws.lightsail.container_service",
    cfn_type="AWS::Lightsail::Container",
    terraform_type="aws_lightsail_container_service",
    fields=(
        at("power", "Power", TEXT, tf="power"),
        at("scale", "Scale", INT, tf="scale"),
    ),
)
_LAUNCH_TEMPLATE = ("AWS::EC2::LaunchTemplate",)
EC2_INSTANCE = KindMapping(
    kind="aws.ec2.instance",
    cfn_type="AWS::EC2::Instance",
    terraform_type="aws_instance",
    fields=(
        at("instance_type", "InstanceType", TEXT, absent="m1.small", tf="instance_type"),
        at("instance_type", "LaunchTemplateData.InstanceType", TEXT, part="launch_template"),
        at("ami", "ImageId", TEXT, tf="ami"),
        at("purchase_option", "InstanceMarketOptions.MarketType", _SPOT, tf="instance_market_options.market_type"),
        at("purchase_option", "LaunchTemplateData.InstanceMarketOptions.MarketType", _SPOT, part="launch_template"),
        at("purchase_option", "Tenancy", _TENANCY),
        at("spot_interruption_behavior", "InstanceMarketOptions.SpotOptions.InstanceInterruptionBehavior", _INTERRUPTION, tf="instance_market_options.spot_options.instance_interruption_behavior"),
        at("spot_interruption_behavior", "LaunchTemplateData.InstanceMarketOptions.SpotOptions.InstanceInterruptionBehavior", _INTERRUPTION, part="launch_template"),
        at("efa", "NetworkInterfaces[0].InterfaceType", _EFA),
        at("efa", "LaunchTemplateData.NetworkInterfaces[0].InterfaceType", _EFA, part="launch_template"),
    ),
    parts={"launch_template": _LAUNCH_TEMPLATE},
)
AUTO_SCALING_GROUP = KindMapping(
    kind="aws.ec2.auto_scaling_group",
    cfn_type="AWS::AutoScaling::AutoScalingGroup",
    terraform_type="aws_autoscaling_group",
    fields=(
        at("min_size", "MinSize", INT_TEXT, tf="min_size", tf_codec=INT),
        at("max_size", "MaxSize", INT_TEXT, tf="max_size", tf_codec=INT),
        at("desired_capacity", "DesiredCapacity", INT_TEXT, tf="desired_capacity", tf_codec=INT),
        at("capacity_rebalance", "CapacityRebalance", BOOL, absent=False, tf="capacity_rebalance"),
        at("purchase_option", "MixedInstancesPolicy", _constant("mixed"), readonly=True),
        at("instance_type", "LaunchTemplateData.InstanceType", TEXT, part="launch_template"),
        at("instance_type", "InstanceType", TEXT, part="launch_configuration"),
    ),
    parts={
        "launch_template": _LAUNCH_TEMPLATE,
        "launch_configuration": ("AWS::AutoScaling::LaunchConfiguration",),
    },
)
PLACEMENT_GROUP = KindMapping(
    kind="aws.ec2.placement_group",
    cfn_type="AWS::EC2::PlacementGroup",
    terraform_type="aws_placement_group",
    fields=(
        at("strategy", "Strategy", enum(same("cluster", "spread", "partition")), tf="strategy"),
        at("partition_count", "PartitionCount", INT, tf="partition_count"),
        at("spread_level", "SpreadLevel", enum(same("rack", "host")), tf="spread_level"),
    ),
)
EKS_CLUSTER = KindMapping(
    kind="aws.eks.cluster",
    cfn_type="AWS::EKS::Cluster",
    terraform_type="aws_eks_cluster",
    fields=(at("kubernetes_version", "Version", TEXT, tf="version"),),
)
EKS_NODE_GROUP = KindMapping(
    kind="aws.eks.node_group",
    cfn_type="AWS::EKS::Nodegroup",
    terraform_type="aws_eks_node_group",
    fields=(
        at("instance_types", "InstanceTypes", TEXT_LIST, tf="instance_types"),
        at("capacity_type", "CapacityType", enum(same("ON_DEMAND", "SPOT")), tf="capacity_type"),
        at("min_size", "ScalingConfig.MinSize", INT, tf="scaling_config.min_size"),
        at("max_size", "ScalingConfig.MaxSize", INT, tf="scaling_config.max_size"),
        at("desired_size", "ScalingConfig.DesiredSize", INT, tf="scaling_config.desired_size"),
    ),
)
EKS_FARGATE_PROFILE = KindMapping(
    kind="aws.eks.fargate_profile",
    cfn_type="AWS::EKS::FargateProfile",
    terraform_type="aws_eks_fargate_profile",
    fields=(
        at("selectors", "Selectors", custom(_selectors, _selectors_back), tf="selector", tf_codec=custom(_selectors, _selector_blocks)),
    ),
)
REST_API = KindMapping(
    kind="aws.apigateway.api",
    cfn_type="AWS::ApiGateway::RestApi",
    sam_type="AWS::Serverless::Api",
    terraform_type="aws_api_gateway_rest_api",
    constants={"api_type": "rest"},
    fields=(
        at("endpoint_type", "EndpointConfiguration.Types", enum_of_first(_ENDPOINTS), dialect="cfn", absent="edge"),
        at("endpoint_type", "EndpointConfiguration.Type", enum(_ENDPOINTS), dialect="sam", absent="edge"),
    ),
)
HTTP_API = KindMapping(
    kind="aws.apigateway.api",
    cfn_type="AWS::ApiGatewayV2::Api",
    sam_type="AWS::Serverless::HttpApi",
    terraform_type="aws_apigatewayv2_api",
    constants={"api_type": "http"},
)
SQS_QUEUE = KindMapping(
    kind="aws.sqs.queue",
    cfn_type="AWS::SQS::Queue",
    terraform_type="aws_sqs_queue",
    fields=(
        at("visibility_timeout_s", "VisibilityTimeout", INT, tf="visibility_timeout_seconds"),
        at("fifo", "FifoQueue", BOOL, tf="fifo_queue"),
        at("max_receive_count", "RedrivePolicy.maxReceiveCount", INT),
    ),
)
SNS_TOPIC = KindMapping(
    kind="aws.sns.topic",
    cfn_type="AWS::SNS::Topic",
    terraform_type="aws_sns_topic",
    fields=(at("fifo", "FifoTopic", BOOL, tf="fifo_topic"),),
)
EVENT_RULE = KindMapping(
    kind="aws.eventbridge.rule",
    cfn_type="AWS::Events::Rule",
    terraform_type="aws_cloudwatch_event_rule",
    fields=(
        at("schedule", "ScheduleExpression", TEXT, tf="schedule_expression"),
        at("event_pattern", "EventPattern", JSON_TEXT, tf="event_pattern"),
    ),
)
PIPE = KindMapping(
    kind="aws.eventbridge.pipe",
    cfn_type="AWS::Pipes::Pipe",
    terraform_type="aws_pipes_pipe",
    fields=(
        at("batch_size", "SourceParameters.SqsQueueParameters.BatchSize", INT, tf="source_parameters.sqs_queue_parameters.batch_size"),
        at("filter_pattern", "SourceParameters.FilterCriteria.Filters[0].Pattern", TEXT, tf="source_parameters.filter_criteria.filter.pattern"),
    ),
)
S3_BUCKET = KindMapping(
    kind="aws.s3.bucket",
    cfn_type="AWS::S3::Bucket",
    terraform_type="aws_s3_bucket",
    fields=(at("versioning", "VersioningConfiguration.Status", _flag("Enabled", "Suspended")),),
)
DYNAMODB_TABLE = KindMapping(
    kind="aws.dynamodb.table",
    cfn_type="AWS::DynamoDB::Table",
    sam_type="AWS::Serverless::SimpleTable",
    terraform_type="aws_dynamodb_table",
    fields=(
        at("billing_mode", "BillingMode", enum(same("PAY_PER_REQUEST", "PROVISIONED")), dialect="cfn", absent="PROVISIONED", tf="billing_mode"),
        at("partition_key", "KeySchema[KeyType=HASH].AttributeName", TEXT, dialect="cfn", tf="hash_key"),
        at("partition_key", "PrimaryKey.Name", TEXT, dialect="sam", absent="id"),
    ),
)
RDS_DATABASE = KindMapping(
    kind="aws.rds.database",
    cfn_type="AWS::RDS::DBInstance",
    terraform_type="aws_db_instance",
    fields=(
        at("engine", "Engine", enum(RDS_ENGINES), tf="engine"),
        at("instance_class", "DBInstanceClass", TEXT, tf="instance_class"),
        at("multi_az", "MultiAZ", BOOL, tf="multi_az"),
        at("allocated_storage_gb", "AllocatedStorage", INT_TEXT, tf="allocated_storage", tf_codec=INT),
    ),
)
RDS_CLUSTER = KindMapping(
    kind="aws.rds.database",
    cfn_type="AWS::RDS::DBCluster",
    terraform_type="aws_rds_cluster",
    fields=(
        at("engine", "Engine", enum(RDS_ENGINES), tf="engine"),
        at("instance_class", "DBInstanceClass", TEXT, part="instance"),
    ),
    parts={"instance": ("AWS::RDS::DBInstance",)},
)
ECR_REPOSITORY = KindMapping(
    kind="aws.ecr.repository",
    cfn_type="AWS::ECR::Repository",
    terraform_type="aws_ecr_repository",
    fields=(
        at("scan_on_push", "ImageScanningConfiguration.ScanOnPush", BOOL, absent=False, tf="image_scanning_configuration.scan_on_push"),
    ),
)
LOAD_BALANCER = KindMapping(
    kind="aws.elb.load_balancer",
    cfn_type="AWS::ElasticLoadBalancingV2::LoadBalancer",
    terraform_type="aws_lb",
    fields=(
        at("type", "Type", enum(same("application", "network", "gateway")), tf="load_balancer_type"),
        at("scheme", "Scheme", enum(same("internet-facing", "internal")), tf="internal", tf_codec=_INTERNAL),
        at("target_type", "TargetType", enum(same("ip", "instance", "lambda")), part="target_group", absent="instance"),
    ),
    parts={"target_group": ("AWS::ElasticLoadBalancingV2::TargetGroup",)},
)
CLOUDFRONT = KindMapping(
    kind="aws.cloudfront.distribution",
    cfn_type="AWS::CloudFront::Distribution",
    terraform_type="aws_cloudfront_distribution",
    fields=(
        at("price_class", "DistributionConfig.PriceClass", enum(same("PriceClass_All", "PriceClass_200", "PriceClass_100")), tf="price_class"),
        at("aliases", "DistributionConfig.Aliases", TEXT_LIST, tf="aliases"),
    ),
)
VPC = KindMapping(
    kind="aws.vpc",
    cfn_type="AWS::EC2::VPC",
    terraform_type="aws_vpc",
    fields=(
        at("cidr", "CidrBlock", TEXT, tf="cidr_block"),
        at("instance_tenancy", "InstanceTenancy", enum(same("default", "dedicated")), tf="instance_tenancy"),
    ),
)
SUBNET = KindMapping(
    kind="aws.subnet",
    cfn_type="AWS::EC2::Subnet",
    terraform_type="aws_subnet",
    fields=(
        at("cidr", "CidrBlock", TEXT, tf="cidr_block"),
        at("visibility", "MapPublicIpOnLaunch", _PUBLIC_IP, tf="map_public_ip_on_launch"),
    ),
)
ECS_CLUSTER = KindMapping(
    kind="aws.ecs.cluster",
    cfn_type="AWS::ECS::Cluster",
    terraform_type="aws_ecs_cluster",
    fields=(
        at("container_insights", "ClusterSettings[Name=containerInsights].Value", _flag("enabled", "disabled")),
    ),
)
# fmt: on


MAPPINGS: tuple[KindMapping, ...] = (
    _lambda("aws.lambda"),
    _lambda("aws.lambda_edge"),
    STATE_MACHINE,
    ECS_SERVICE,
    ECS_TASK,
    BATCH_COMPUTE_ENVIRONMENT,
    BATCH_JOB_QUEUE,
    BATCH_JOB_DEFINITION,
    APP_RUNNER,
    BEANSTALK,
    LIGHTSAIL,
    LIGHTSAIL_LOAD_BALANCER,
    LIGHTSAIL_CONTAINER_SERVICE,
    EC2_INSTANCE,
    AUTO_SCALING_GROUP,
    PLACEMENT_GROUP,
    EKS_CLUSTER,
    EKS_NODE_GROUP,
    EKS_FARGATE_PROFILE,
    REST_API,
    HTTP_API,
    SQS_QUEUE,
    SNS_TOPIC,
    EVENT_RULE,
    PIPE,
    S3_BUCKET,
    DYNAMODB_TABLE,
    RDS_DATABASE,
    RDS_CLUSTER,
    ECR_REPOSITORY,
    LOAD_BALANCER,
    CLOUDFRONT,
    VPC,
    SUBNET,
    ECS_CLUSTER,
)
