"""Per kind: the template resource it is and the property each config field is.

Adding a field to a kind is one entry here: the importer reads it, the CloudFormation and
SAM exports write it back (and Terraform where `terraform` is given).
"""

from __future__ import annotations

from typing import Any

from model.mapping.fields import (
    BOOL,
    FILE,
    FLOAT,
    INT,
    JSON_OBJECT,
    JSON_STRING,
    JSON_TEXT,
    NODE_IDS,
    NODE_MAP,
    PRESENT,
    TEXT,
    TEXT_LIST,
    TEXT_MAP,
    Field,
    KindMapping,
    ReadContext,
    WriteContext,
    custom,
    enum,
    enum_of_first,
    units,
)

PACKAGE_TYPE = enum({"Zip": "zip", "Image": "image"})
ARCHITECTURE = enum_of_first({"x86_64": "x86_64", "arm64": "arm64"})


def _lambda(kind: str) -> KindMapping:
    return KindMapping(
        kind=kind,
        cfn_type="AWS::Lambda::Function",
        sam_type="AWS::Serverless::Function",
        terraform_type="aws_lambda_function",
        fields=(
            Field("runtime", ("Runtime",), TEXT, terraform="runtime"),
            Field("architecture", ("Architectures",), ARCHITECTURE, terraform="architectures"),
            Field("memory_mb", ("MemorySize",), INT, terraform="memory_size"),
            Field("timeout_s", ("Timeout",), INT, terraform="timeout"),
            Field(
                "ephemeral_storage_mb",
                ("EphemeralStorage", "Size"),
                INT,
                terraform="ephemeral_storage.size",
            ),
            Field("package_type", ("PackageType",), PACKAGE_TYPE, terraform="package_type"),
            Field("layers", ("Layers",), TEXT_LIST, terraform="layers"),
            Field(
                "environment",
                ("Environment", "Variables"),
                TEXT_MAP,
                terraform="environment.variables",
            ),
            Field(
                "reserved_concurrency",
                ("ReservedConcurrentExecutions",),
                INT,
                terraform="reserved_concurrent_executions",
            ),
            Field(
                "provisioned_concurrency",
                ("ProvisionedConcurrencyConfig", "ProvisionedConcurrentExecutions"),
                INT,
                dialect="sam",
            ),
            Field(
                "provisioned_concurrency",
                ("ProvisionedConcurrencyConfig", "ProvisionedConcurrentExecutions"),
                INT,
                part="alias",
                dialect="cfn",
            ),
            Field("tracing", ("TracingConfig", "Mode"), TEXT, dialect="cfn"),
            Field("tracing", ("Tracing",), TEXT, dialect="sam"),
            Field(
                "dead_letter_queue",
                ("DeadLetterConfig", "TargetArn"),
                PRESENT,
                dialect="cfn",
                writable=False,
            ),
            Field(
                "dead_letter_queue", ("DeadLetterQueue",), PRESENT, dialect="sam", writable=False
            ),
        ),
        parts={"alias": ("AWS::Lambda::Alias", "AWS::Lambda::Version")},
    )


STATE_MACHINE = KindMapping(
    kind="aws.stepfunctions.state_machine",
    cfn_type="AWS::StepFunctions::StateMachine",
    sam_type="AWS::Serverless::StateMachine",
    terraform_type="aws_sfn_state_machine",
    fields=(
        Field(
            "workflow_type",
            ("StateMachineType",),
            enum({"STANDARD": "STANDARD", "EXPRESS": "EXPRESS"}),
            dialect="cfn",
            terraform="type",
        ),
        Field(
            "workflow_type",
            ("Type",),
            enum({"STANDARD": "STANDARD", "EXPRESS": "EXPRESS"}),
            dialect="sam",
        ),
        Field("definition", ("Definition",), JSON_OBJECT),
        Field("definition", ("DefinitionString",), JSON_STRING, dialect="cfn"),
        Field("definition", ("DefinitionUri",), FILE, dialect="sam", writable=False),
        Field("definition_substitutions", ("DefinitionSubstitutions",), NODE_MAP),
        Field("logging", ("LoggingConfiguration",), PRESENT, dialect="cfn", writable=False),
        Field("logging", ("Logging",), PRESENT, dialect="sam", writable=False),
    ),
)

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


def _task_fields(part: str) -> tuple[Field, ...]:
    return (
        Field("cpu", ("Cpu",), _CPU, part=part),
        Field("memory_mb", ("Memory",), _MEMORY, part=part),
        Field(
            "network_mode",
            ("NetworkMode",),
            enum({"awsvpc": "awsvpc", "bridge": "bridge", "host": "host", "none": "none"}),
            part=part,
            absent="bridge",
        ),
        Field("operating_system", ("RuntimePlatform", "OperatingSystemFamily"), _OS, part=part),
        Field(
            "cpu_architecture",
            ("RuntimePlatform", "CpuArchitecture"),
            enum({"X86_64": "X86_64", "ARM64": "ARM64"}),
            part=part,
        ),
        Field("image", ("ContainerDefinitions", 0, "Image"), TEXT, part=part),
        Field(
            "container_port",
            ("ContainerDefinitions", 0, "PortMappings", 0, "ContainerPort"),
            INT,
            part=part,
        ),
    )


_TASK_DEFINITION = ("AWS::ECS::TaskDefinition",)
ECS_SERVICE = KindMapping(
    kind="aws.ecs.service",
    cfn_type="AWS::ECS::Service",
    terraform_type="aws_ecs_service",
    fields=(
        Field(
            "launch_type",
            ("LaunchType",),
            enum({"FARGATE": "FARGATE", "EC2": "EC2", "EXTERNAL": "EXTERNAL"}),
            absent="EC2",
            terraform="launch_type",
        ),
        Field("desired_count", ("DesiredCount",), INT, terraform="desired_count"),
        Field(
            "scheduling_strategy",
            ("SchedulingStrategy",),
            enum({"REPLICA": "REPLICA", "DAEMON": "DAEMON"}),
        ),
        Field("subnets", ("NetworkConfiguration", "AwsvpcConfiguration", "Subnets"), NODE_IDS),
        *_task_fields("task_definition"),
    ),
    parts={"task_definition": _TASK_DEFINITION},
)
ECS_TASK = KindMapping(
    kind="aws.ecs.task",
    cfn_type="AWS::ECS::TaskDefinition",
    terraform_type="aws_ecs_task_definition",
    fields=(
        Field(
            "launch_type", ("RequiresCompatibilities",), _LAUNCH_FROM_COMPATIBILITIES, absent="EC2"
        ),
        *_task_fields(""),
    ),
)


def _resource_requirement(kind: str) -> tuple[Any, ...]:
    return ("ContainerProperties", "ResourceRequirements", {"Type": kind}, "Value")


BATCH_COMPUTE_ENVIRONMENT = KindMapping(
    kind="aws.batch.compute_environment",
    cfn_type="AWS::Batch::ComputeEnvironment",
    terraform_type="aws_batch_compute_environment",
    fields=(
        Field(
            "type",
            ("ComputeResources", "Type"),
            enum(
                {"EC2": "EC2", "SPOT": "SPOT", "FARGATE": "FARGATE", "FARGATE_SPOT": "FARGATE_SPOT"}
            ),
        ),
        Field("max_vcpus", ("ComputeResources", "MaxvCpus"), INT),
        Field("min_vcpus", ("ComputeResources", "MinvCpus"), INT),
        Field("instance_types", ("ComputeResources", "InstanceTypes"), TEXT_LIST),
    ),
)
BATCH_JOB_QUEUE = KindMapping(
    kind="aws.batch.job_queue",
    cfn_type="AWS::Batch::JobQueue",
    terraform_type="aws_batch_job_queue",
    fields=(Field("priority", ("Priority",), INT, terraform="priority"),),
)
BATCH_JOB_DEFINITION = KindMapping(
    kind="aws.batch.job_definition",
    cfn_type="AWS::Batch::JobDefinition",
    terraform_type="aws_batch_job_definition",
    fields=(
        Field(
            "platform",
            ("PlatformCapabilities",),
            enum_of_first({"EC2": "EC2", "FARGATE": "FARGATE"}),
            absent="EC2",
        ),
        Field("vcpus", _resource_requirement("VCPU"), FLOAT),
        Field("vcpus", ("ContainerProperties", "Vcpus"), FLOAT),
        Field("memory_mb", _resource_requirement("MEMORY"), INT),
        Field("memory_mb", ("ContainerProperties", "Memory"), INT),
        Field("gpus", _resource_requirement("GPU"), INT),
        Field("timeout_s", ("Timeout", "AttemptDurationSeconds"), INT),
        Field("image", ("ContainerProperties", "Image"), TEXT),
        Field(
            "multi_node",
            ("Type",),
            custom(
                lambda value, ctx: str(ctx.value(value)).lower() == "multinode",
                lambda value, ctx: "multinode" if value else "container",
            ),
        ),
    ),
)


def _app_runner_cpu(value: Any, ctx: ReadContext) -> float:
    text = str(ctx.value(value)).strip()
    number = float(text.split(" ")[0])
    return number if "vcpu" in text.lower() else number / 1024


def _app_runner_memory(value: Any, ctx: ReadContext) -> float:
    text = str(ctx.value(value)).strip()
    number = float(text.split(" ")[0])
    return number if "gb" in text.lower() else number / 1024


APP_RUNNER = KindMapping(
    kind="aws.app_runner",
    cfn_type="AWS::AppRunner::Service",
    terraform_type="aws_apprunner_service",
    fields=(
        Field(
            "cpu_vcpu",
            ("InstanceConfiguration", "Cpu"),
            custom(_app_runner_cpu, lambda value, ctx: f"{value:g} vCPU"),
        ),
        Field(
            "memory_gb",
            ("InstanceConfiguration", "Memory"),
            custom(_app_runner_memory, lambda value, ctx: f"{value:g} GB"),
        ),
        Field(
            "source",
            ("SourceConfiguration", "CodeRepository"),
            custom(lambda value, ctx: "code", lambda value, ctx: value),
            writable=False,
        ),
        Field("max_concurrency", ("MaxConcurrency",), INT, part="auto_scaling"),
        Field("min_size", ("MinSize",), INT, part="auto_scaling"),
        Field("max_size", ("MaxSize",), INT, part="auto_scaling"),
    ),
    parts={"auto_scaling": ("AWS::AppRunner::AutoScalingConfiguration",)},
)


def _option(namespace: str, name: str) -> tuple[Any, ...]:
    return ("OptionSettings", {"Namespace": namespace, "OptionName": name}, "Value")


BEANSTALK = KindMapping(
    kind="aws.beanstalk.environment",
    cfn_type="AWS::ElasticBeanstalk::Environment",
    terraform_type="aws_elastic_beanstalk_environment",
    fields=(
        Field("platform", ("SolutionStackName",), TEXT),
        Field("tier", ("Tier", "Name"), enum({"WebServer": "web", "Worker": "worker"})),
        Field(
            "instance_type",
            _option("aws:autoscaling:launchconfiguration", "InstanceType"),
            TEXT,
        ),
        Field(
            "environment_type",
            _option("aws:elasticbeanstalk:environment", "EnvironmentType"),
            enum({"LoadBalanced": "load_balanced", "SingleInstance": "single_instance"}),
        ),
        Field(
            "load_balancer",
            _option("aws:elasticbeanstalk:environment", "LoadBalancerType"),
            enum({"application": "application", "network": "network", "classic": "classic"}),
        ),
        Field(
            "deployment_policy",
            _option("aws:elasticbeanstalk:command", "DeploymentPolicy"),
            enum(
                {
                    "AllAtOnce": "all_at_once",
                    "Rolling": "rolling",
                    "RollingWithAdditionalBatch": "rolling_with_additional_batch",
                    "Immutable": "immutable",
                    "TrafficSplitting": "traffic_splitting",
                }
            ),
        ),
    ),
)
LIGHTSAIL = KindMapping(
    kind="aws.lightsail.instance",
    cfn_type="AWS::Lightsail::Instance",
    terraform_type="aws_lightsail_instance",
    fields=(
        Field("bundle", ("BundleId",), TEXT, terraform="bundle_id"),
        Field("blueprint", ("BlueprintId",), TEXT, terraform="blueprint_id"),
    ),
)
LIGHTSAIL_LOAD_BALANCER = KindMapping(
    kind="aws.lightsail.load_balancer",
    cfn_type="AWS::Lightsail::LoadBalancer",
    terraform_type="aws_lightsail_lb",
    fields=(
        Field("instance_port", ("InstancePort",), INT, terraform="instance_port"),
        Field("health_check_path", ("HealthCheckPath",), TEXT, terraform="health_check_path"),
    ),
)
LIGHTSAIL_CONTAINER_SERVICE = KindMapping(
    kind="aws.lightsail.container_service",
    cfn_type="AWS::Lightsail::Container",
    terraform_type="aws_lightsail_container_service",
    fields=(
        Field("power", ("Power",), TEXT, terraform="power"),
        Field("scale", ("Scale",), INT, terraform="scale"),
    ),
)
_SPOT = custom(
    lambda value, ctx: "spot" if str(ctx.value(value)).lower() == "spot" else "on_demand",
    lambda value, ctx: "spot",
)
_LAUNCH_TEMPLATE = ("AWS::EC2::LaunchTemplate",)
EC2_INSTANCE = KindMapping(
    kind="aws.ec2.instance",
    cfn_type="AWS::EC2::Instance",
    terraform_type="aws_instance",
    fields=(
        Field(
            "instance_type", ("InstanceType",), TEXT, absent="m1.small", terraform="instance_type"
        ),
        Field(
            "instance_type", ("LaunchTemplateData", "InstanceType"), TEXT, part="launch_template"
        ),
        Field("ami", ("ImageId",), TEXT, terraform="ami"),
        Field("purchase_option", ("InstanceMarketOptions", "MarketType"), _SPOT),
    ),
    parts={"launch_template": _LAUNCH_TEMPLATE},
)
AUTO_SCALING_GROUP = KindMapping(
    kind="aws.ec2.auto_scaling_group",
    cfn_type="AWS::AutoScaling::AutoScalingGroup",
    terraform_type="aws_autoscaling_group",
    fields=(
        Field("min_size", ("MinSize",), INT, terraform="min_size"),
        Field("max_size", ("MaxSize",), INT, terraform="max_size"),
        Field("desired_capacity", ("DesiredCapacity",), INT, terraform="desired_capacity"),
        Field(
            "purchase_option",
            ("MixedInstancesPolicy",),
            custom(lambda value, ctx: "mixed", lambda value, ctx: value),
            writable=False,
        ),
        Field(
            "instance_type", ("LaunchTemplateData", "InstanceType"), TEXT, part="launch_template"
        ),
        Field("instance_type", ("InstanceType",), TEXT, part="launch_configuration"),
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
        Field(
            "strategy",
            ("Strategy",),
            enum({"cluster": "cluster", "spread": "spread", "partition": "partition"}),
            terraform="strategy",
        ),
        Field("partition_count", ("PartitionCount",), INT, terraform="partition_count"),
        Field("spread_level", ("SpreadLevel",), enum({"rack": "rack", "host": "host"})),
    ),
)
EKS_CLUSTER = KindMapping(
    kind="aws.eks.cluster",
    cfn_type="AWS::EKS::Cluster",
    terraform_type="aws_eks_cluster",
    fields=(Field("kubernetes_version", ("Version",), TEXT, terraform="version"),),
)
EKS_NODE_GROUP = KindMapping(
    kind="aws.eks.node_group",
    cfn_type="AWS::EKS::Nodegroup",
    terraform_type="aws_eks_node_group",
    fields=(
        Field("instance_types", ("InstanceTypes",), TEXT_LIST, terraform="instance_types"),
        Field(
            "capacity_type",
            ("CapacityType",),
            enum({"ON_DEMAND": "ON_DEMAND", "SPOT": "SPOT"}),
            terraform="capacity_type",
        ),
        Field("min_size", ("ScalingConfig", "MinSize"), INT, terraform="scaling_config.min_size"),
        Field("max_size", ("ScalingConfig", "MaxSize"), INT, terraform="scaling_config.max_size"),
        Field(
            "desired_size",
            ("ScalingConfig", "DesiredSize"),
            INT,
            terraform="scaling_config.desired_size",
        ),
    ),
)


def _selectors(value: Any, ctx: ReadContext) -> list[dict[str, Any]]:
    resolved = ctx.value(value)
    return [
        {
            "namespace": str(item.get("Namespace", "default")),
            "labels": {str(label["Key"]): str(label["Value"]) for label in item.get("Labels", [])},
        }
        for item in resolved
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


EKS_FARGATE_PROFILE = KindMapping(
    kind="aws.eks.fargate_profile",
    cfn_type="AWS::EKS::FargateProfile",
    terraform_type="aws_eks_fargate_profile",
    fields=(Field("selectors", ("Selectors",), custom(_selectors, _selectors_back)),),
)
_ENDPOINT = enum_of_first({"REGIONAL": "regional", "EDGE": "edge", "PRIVATE": "private"})
REST_API = KindMapping(
    kind="aws.apigateway.api",
    cfn_type="AWS::ApiGateway::RestApi",
    sam_type="AWS::Serverless::Api",
    terraform_type="aws_api_gateway_rest_api",
    constants={"api_type": "rest"},
    fields=(
        Field(
            "endpoint_type",
            ("EndpointConfiguration", "Types"),
            _ENDPOINT,
            dialect="cfn",
            absent="edge",
        ),
        Field(
            "endpoint_type",
            ("EndpointConfiguration", "Type"),
            enum({"REGIONAL": "regional", "EDGE": "edge", "PRIVATE": "private"}),
            dialect="sam",
            absent="edge",
        ),
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
        Field(
            "visibility_timeout_s",
            ("VisibilityTimeout",),
            INT,
            terraform="visibility_timeout_seconds",
        ),
        Field("fifo", ("FifoQueue",), BOOL, terraform="fifo_queue"),
        Field("max_receive_count", ("RedrivePolicy", "maxReceiveCount"), INT),
    ),
)
SNS_TOPIC = KindMapping(
    kind="aws.sns.topic",
    cfn_type="AWS::SNS::Topic",
    terraform_type="aws_sns_topic",
    fields=(Field("fifo", ("FifoTopic",), BOOL, terraform="fifo_topic"),),
)
EVENT_RULE = KindMapping(
    kind="aws.eventbridge.rule",
    cfn_type="AWS::Events::Rule",
    terraform_type="aws_cloudwatch_event_rule",
    fields=(
        Field("schedule", ("ScheduleExpression",), TEXT, terraform="schedule_expression"),
        Field("event_pattern", ("EventPattern",), JSON_TEXT, terraform="event_pattern"),
    ),
)
PIPE = KindMapping(
    kind="aws.eventbridge.pipe",
    cfn_type="AWS::Pipes::Pipe",
    terraform_type="aws_pipes_pipe",
    fields=(
        Field(
            "batch_size",
            ("SourceParameters", "SqsQueueParameters", "BatchSize"),
            INT,
        ),
        Field(
            "filter_pattern", ("SourceParameters", "FilterCriteria", "Filters", 0, "Pattern"), TEXT
        ),
    ),
)
S3_BUCKET = KindMapping(
    kind="aws.s3.bucket",
    cfn_type="AWS::S3::Bucket",
    terraform_type="aws_s3_bucket",
    fields=(
        Field(
            "versioning",
            ("VersioningConfiguration", "Status"),
            custom(
                lambda value, ctx: str(ctx.value(value)) == "Enabled",
                lambda value, ctx: "Enabled" if value else "Suspended",
            ),
        ),
    ),
)
DYNAMODB_TABLE = KindMapping(
    kind="aws.dynamodb.table",
    cfn_type="AWS::DynamoDB::Table",
    sam_type="AWS::Serverless::SimpleTable",
    terraform_type="aws_dynamodb_table",
    fields=(
        Field(
            "billing_mode",
            ("BillingMode",),
            enum({"PAY_PER_REQUEST": "PAY_PER_REQUEST", "PROVISIONED": "PROVISIONED"}),
            dialect="cfn",
            absent="PROVISIONED",
            terraform="billing_mode",
        ),
        Field(
            "partition_key",
            ("KeySchema", {"KeyType": "HASH"}, "AttributeName"),
            TEXT,
            dialect="cfn",
            terraform="hash_key",
        ),
        Field("partition_key", ("PrimaryKey", "Name"), TEXT, dialect="sam", absent="id"),
    ),
)
RDS_ENGINES = {
    "postgres": "postgres",
    "mysql": "mysql",
    "mariadb": "mariadb",
    "aurora-postgresql": "aurora-postgresql",
    "aurora-mysql": "aurora-mysql",
}
RDS_DATABASE = KindMapping(
    kind="aws.rds.database",
    cfn_type="AWS::RDS::DBInstance",
    terraform_type="aws_db_instance",
    fields=(
        Field("engine", ("Engine",), enum(RDS_ENGINES), terraform="engine"),
        Field("instance_class", ("DBInstanceClass",), TEXT, terraform="instance_class"),
        Field("multi_az", ("MultiAZ",), BOOL, terraform="multi_az"),
        Field("allocated_storage_gb", ("AllocatedStorage",), INT, terraform="allocated_storage"),
    ),
)
RDS_CLUSTER = KindMapping(
    kind="aws.rds.database",
    cfn_type="AWS::RDS::DBCluster",
    terraform_type="aws_rds_cluster",
    fields=(
        Field("engine", ("Engine",), enum(RDS_ENGINES), terraform="engine"),
        Field("instance_class", ("DBInstanceClass",), TEXT, part="instance"),
    ),
    parts={"instance": ("AWS::RDS::DBInstance",)},
)
ECR_REPOSITORY = KindMapping(
    kind="aws.ecr.repository",
    cfn_type="AWS::ECR::Repository",
    terraform_type="aws_ecr_repository",
    fields=(
        Field(
            "scan_on_push",
            ("ImageScanningConfiguration", "ScanOnPush"),
            BOOL,
            absent=False,
            terraform="image_scanning_configuration.scan_on_push",
        ),
    ),
)
LOAD_BALANCER = KindMapping(
    kind="aws.elb.load_balancer",
    cfn_type="AWS::ElasticLoadBalancingV2::LoadBalancer",
    terraform_type="aws_lb",
    fields=(
        Field(
            "type",
            ("Type",),
            enum({"application": "application", "network": "network", "gateway": "gateway"}),
            terraform="load_balancer_type",
        ),
        Field(
            "scheme",
            ("Scheme",),
            enum({"internet-facing": "internet-facing", "internal": "internal"}),
            terraform="internal",
        ),
        Field(
            "target_type",
            ("TargetType",),
            enum({"ip": "ip", "instance": "instance", "lambda": "lambda"}),
            part="target_group",
            absent="instance",
        ),
    ),
    parts={"target_group": ("AWS::ElasticLoadBalancingV2::TargetGroup",)},
)
CLOUDFRONT = KindMapping(
    kind="aws.cloudfront.distribution",
    cfn_type="AWS::CloudFront::Distribution",
    terraform_type="aws_cloudfront_distribution",
    fields=(
        Field(
            "price_class",
            ("DistributionConfig", "PriceClass"),
            enum(
                {
                    "PriceClass_All": "PriceClass_All",
                    "PriceClass_200": "PriceClass_200",
                    "PriceClass_100": "PriceClass_100",
                }
            ),
            terraform="price_class",
        ),
        Field("aliases", ("DistributionConfig", "Aliases"), TEXT_LIST, terraform="aliases"),
    ),
)
VPC = KindMapping(
    kind="aws.vpc",
    cfn_type="AWS::EC2::VPC",
    terraform_type="aws_vpc",
    fields=(Field("cidr", ("CidrBlock",), TEXT, terraform="cidr_block"),),
)
SUBNET = KindMapping(
    kind="aws.subnet",
    cfn_type="AWS::EC2::Subnet",
    terraform_type="aws_subnet",
    fields=(
        Field("cidr", ("CidrBlock",), TEXT, terraform="cidr_block"),
        Field(
            "visibility",
            ("MapPublicIpOnLaunch",),
            custom(
                lambda value, ctx: "public" if BOOL.read(value, ctx) else "private",
                lambda value, ctx: value == "public",
            ),
            terraform="map_public_ip_on_launch",
        ),
    ),
)
ECS_CLUSTER = KindMapping(
    kind="aws.ecs.cluster",
    cfn_type="AWS::ECS::Cluster",
    terraform_type="aws_ecs_cluster",
    fields=(
        Field(
            "container_insights",
            ("ClusterSettings", {"Name": "containerInsights"}, "Value"),
            custom(
                lambda value, ctx: str(ctx.value(value)).lower() == "enabled",
                lambda value, ctx: "enabled" if value else "disabled",
            ),
        ),
    ),
)


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
