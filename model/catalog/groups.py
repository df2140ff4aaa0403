"""Group (container) kinds: Region, Availability Zone, VPC, subnet, clusters, placement groups,
Outposts. What each may contain is declared here."""

from model.catalog.spec import Category, Icon, KindSpec
from model.config.containers import (
    AvailabilityZoneConfig,
    EcsClusterConfig,
    EksClusterConfig,
    OutpostConfig,
    PlacementGroupConfig,
    RegionConfig,
    SubnetConfig,
    VpcConfig,
)

NO_RESOURCE_KINDS = frozenset({"aws.region", "aws.availability_zone", "aws.outposts.outpost"})
"""Containers that export to no resource of their own."""
NETWORK_KINDS = frozenset({"aws.vpc", "aws.subnet"})
"""Networks that exports take as parameters instead of creating them."""

REGIONAL_SERVICES = frozenset(
    {
        "aws.lambda",
        "aws.lambda_edge",
        "aws.app_runner",
        "aws.batch.compute_environment",
        "aws.batch.job_queue",
        "aws.batch.job_definition",
        "aws.ec2.instance",
        "aws.ec2.auto_scaling_group",
        "aws.ecs.service",
        "aws.ecs.task",
        "aws.beanstalk.environment",
        "aws.lightsail.instance",
        "aws.lightsail.load_balancer",
        "aws.lightsail.container_service",
        "aws.stepfunctions.state_machine",
        "aws.apigateway.api",
        "aws.elb.load_balancer",
        "aws.sqs.queue",
        "aws.sns.topic",
        "aws.eventbridge.rule",
        "aws.s3.bucket",
        "aws.dynamodb.table",
        "aws.rds.database",
        "aws.ecr.repository",
        "aws.eventbridge.pipe",
        "aws.resource",
    }
)
NETWORK_ATTACHED = frozenset(
    {
        "aws.lambda",
        "aws.ec2.instance",
        "aws.ec2.auto_scaling_group",
        "aws.ecs.service",
        "aws.ecs.task",
        "aws.elb.load_balancer",
        "aws.rds.database",
        "aws.beanstalk.environment",
        "aws.batch.compute_environment",
        "aws.app_runner",
    }
)
CLUSTERS = frozenset({"aws.ecs.cluster", "aws.eks.cluster", "aws.ec2.placement_group"})

KINDS = [
    KindSpec(
        id="aws.region",
        display_name="Region",
        category=Category.GROUPS,
        description="AWS Region; services inside it are created there.",
        config_model=RegionConfig,
        icon=Icon("region.svg", source="local"),
        cfn_types=(),
        diagrams_class=None,
        aliases=("Region", "AWS Region"),
        is_container=True,
        contains=REGIONAL_SERVICES
        | CLUSTERS
        | {"aws.vpc", "aws.availability_zone", "aws.outposts.outpost"},
        default_size=(900.0, 560.0),
    ),
    KindSpec(
        id="aws.availability_zone",
        display_name="Availability Zone",
        category=Category.GROUPS,
        description="Isolated location within a Region.",
        config_model=AvailabilityZoneConfig,
        icon=Icon("availability-zone.svg", source="local"),
        cfn_types=(),
        diagrams_class=None,
        aliases=("AZ", "zone"),
        is_container=True,
        contains=NETWORK_ATTACHED | CLUSTERS | {"aws.subnet", "aws.outposts.outpost"},
        default_size=(420.0, 320.0),
    ),
    KindSpec(
        id="aws.vpc",
        display_name="VPC",
        category=Category.GROUPS,
        description="Virtual private network in one Region.",
        config_model=VpcConfig,
        icon=Icon("aws/network/vpc.png"),
        cfn_types=("AWS::EC2::VPC",),
        diagrams_class="diagrams.aws.network.VPC",
        aliases=("VPC", "network"),
        is_container=True,
        contains=NETWORK_ATTACHED | CLUSTERS | {"aws.availability_zone", "aws.subnet"},
        default_size=(700.0, 420.0),
    ),
    KindSpec(
        id="aws.subnet",
        display_name="Subnet",
        category=Category.GROUPS,
        description="Range of a VPC in one Availability Zone; public or private.",
        config_model=SubnetConfig,
        icon=Icon("aws/network/private-subnet.png"),
        cfn_types=("AWS::EC2::Subnet",),
        diagrams_class="diagrams.aws.network.PrivateSubnet",
        aliases=("subnet", "private subnet", "public subnet"),
        is_container=True,
        contains=NETWORK_ATTACHED | CLUSTERS,
        default_size=(360.0, 220.0),
    ),
    KindSpec(
        id="aws.ecs.cluster",
        display_name="ECS cluster",
        category=Category.GROUPS,
        description="Logical group of ECS services, tasks and their capacity.",
        config_model=EcsClusterConfig,
        icon=Icon("aws/compute/elastic-container-service.png"),
        cfn_types=("AWS::ECS::Cluster",),
        diagrams_class="diagrams.aws.compute.ElasticContainerService",
        aliases=("ECS", "cluster"),
        is_container=True,
        contains=frozenset(
            {"aws.ecs.service", "aws.ecs.task", "aws.ec2.instance", "aws.ec2.auto_scaling_group"}
        ),
        default_size=(360.0, 220.0),
    ),
    KindSpec(
        id="aws.eks.cluster",
        display_name="EKS cluster",
        category=Category.GROUPS,
        description="Managed Kubernetes control plane with its node groups and Fargate profiles.",
        config_model=EksClusterConfig,
        icon=Icon("aws/compute/elastic-kubernetes-service.png"),
        cfn_types=("AWS::EKS::Cluster",),
        diagrams_class="diagrams.aws.compute.ElasticKubernetesService",
        aliases=("EKS", "Kubernetes", "k8s", "cluster"),
        is_container=True,
        contains=frozenset({"aws.eks.node_group", "aws.eks.fargate_profile"}),
        default_size=(360.0, 220.0),
    ),
    KindSpec(
        id="aws.ec2.placement_group",
        display_name="Placement group",
        category=Category.GROUPS,
        description="Cluster, spread or partition placement of EC2 instances.",
        config_model=PlacementGroupConfig,
        icon=Icon("placement-group.svg", source="local"),
        cfn_types=("AWS::EC2::PlacementGroup",),
        diagrams_class=None,
        aliases=("placement group", "PG", "HPC", "cluster placement"),
        is_container=True,
        contains=frozenset(
            {
                "aws.ec2.instance",
                "aws.ec2.auto_scaling_group",
                "aws.availability_zone",
                "aws.subnet",
            }
        ),
        default_size=(320.0, 200.0),
    ),
    KindSpec(
        id="aws.outposts.outpost",
        display_name="Outpost",
        category=Category.GROUPS,
        description="AWS infrastructure on premises, anchored to a parent Region.",
        config_model=OutpostConfig,
        icon=Icon("aws/compute/outposts.png"),
        cfn_types=(),
        diagrams_class="diagrams.aws.compute.Outposts",
        aliases=("Outposts", "on premises", "on-prem", "hybrid"),
        is_container=True,
        contains=frozenset(
            {
                "aws.subnet",
                "aws.ec2.instance",
                "aws.ec2.auto_scaling_group",
                "aws.ec2.placement_group",
                "aws.ecs.cluster",
                "aws.ecs.service",
                "aws.ecs.task",
                "aws.eks.cluster",
                "aws.rds.database",
                "aws.elb.load_balancer",
            }
        ),
        default_size=(420.0, 260.0),
    ),
]
