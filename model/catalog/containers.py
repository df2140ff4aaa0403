"""Container workloads: ECS services and tasks, EKS capacity, ECR."""

from model.catalog.spec import Category, Icon, KindSpec, Preset
from model.config.compute import (
    EcsServiceConfig,
    EcsTaskConfig,
    EksFargateProfileConfig,
    EksNodeGroupConfig,
)
from model.config.integration import EcrRepositoryConfig

KINDS = [
    KindSpec(
        id="aws.ecs.service",
        display_name="ECS service",
        docs_url="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/ecs_services.html",
        category=Category.CONTAINERS,
        description="Keeps a number of ECS tasks running, behind a load balancer if needed.",
        config_model=EcsServiceConfig,
        icon=Icon("aws/compute/elastic-container-service-service.png"),
        cfn_types=("AWS::ECS::Service", "AWS::ECS::TaskDefinition"),
        diagrams_class="diagrams.aws.compute.ElasticContainerServiceService",
        aliases=("ECS", "container service", "Fargate service"),
    ),
    KindSpec(
        id="aws.ecs.task",
        display_name="ECS task",
        docs_url="https://docs.aws.amazon.com/AmazonECS/latest/developerguide/task_definitions.html",
        category=Category.CONTAINERS,
        description="A task definition run on demand or on a schedule.",
        config_model=EcsTaskConfig,
        icon=Icon("aws/compute/elastic-container-service-task.png"),
        cfn_types=("AWS::ECS::TaskDefinition",),
        diagrams_class="diagrams.aws.compute.ElasticContainerServiceTask",
        aliases=("ECS", "task definition", "container task"),
    ),
    KindSpec(
        id="aws.eks.node_group",
        display_name="EKS managed node group",
        docs_url="https://docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html",
        category=Category.CONTAINERS,
        description="EC2 worker nodes managed by EKS.",
        config_model=EksNodeGroupConfig,
        icon=Icon("aws/compute/ec2-instances.png"),
        cfn_types=("AWS::EKS::Nodegroup",),
        diagrams_class="diagrams.aws.compute.EC2Instances",
        aliases=("EKS", "node group", "nodes", "MNG"),
    ),
    KindSpec(
        id="aws.eks.fargate_profile",
        display_name="EKS Fargate profile",
        docs_url="https://docs.aws.amazon.com/eks/latest/userguide/fargate-profile.html",
        category=Category.CONTAINERS,
        description="Runs the pods its selectors match on Fargate.",
        config_model=EksFargateProfileConfig,
        icon=Icon("aws/compute/fargate.png"),
        cfn_types=("AWS::EKS::FargateProfile",),
        diagrams_class="diagrams.aws.compute.Fargate",
        aliases=("EKS", "Fargate", "Fargate profile"),
    ),
    KindSpec(
        id="aws.ecr.repository",
        display_name="ECR repository",
        docs_url="https://docs.aws.amazon.com/AmazonECR/latest/userguide/what-is-ecr.html",
        category=Category.CONTAINERS,
        description="Container image registry.",
        config_model=EcrRepositoryConfig,
        icon=Icon("aws/compute/ec2-container-registry.png"),
        cfn_types=("AWS::ECR::Repository",),
        diagrams_class="diagrams.aws.compute.EC2ContainerRegistry",
        aliases=("ECR", "registry", "images"),
    ),
]

PRESETS = [
    Preset(
        id="fargate",
        display_name="Fargate",
        kind="aws.ecs.service",
        config={"launch_type": "FARGATE", "network_mode": "awsvpc"},
        description="Serverless containers: an ECS service with the Fargate launch type.",
        icon=Icon("aws/compute/fargate.png"),
        aliases=("Fargate", "serverless containers"),
    ),
    Preset(
        id="fargate-task",
        display_name="Fargate task",
        kind="aws.ecs.task",
        config={"launch_type": "FARGATE", "network_mode": "awsvpc"},
        description="A container task run on demand or on a schedule, on Fargate.",
        icon=Icon("aws/compute/fargate.png"),
        aliases=("Fargate", "scheduled task", "run task"),
    ),
    Preset(
        id="fargate-batch",
        display_name="Fargate Batch environment",
        kind="aws.batch.compute_environment",
        config={"type": "FARGATE"},
        description="AWS Batch capacity on Fargate: jobs without servers to manage.",
        icon=Icon("aws/compute/fargate.png"),
        aliases=("Fargate", "Batch on Fargate"),
        category=Category.COMPUTE,
    ),
]
