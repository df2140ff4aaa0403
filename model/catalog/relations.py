"""Which kinds may connect to which, by which relation (source kind x target kind x relation)."""

from model.catalog.spec import Relation, RelationRule

FUNCTIONS = frozenset({"aws.lambda"})
EDGE_FUNCTIONS = frozenset({"aws.lambda_edge"})
STATE_MACHINES = frozenset({"aws.stepfunctions.state_machine"})
EVENT_SOURCES = frozenset(
    {
        "aws.sqs.queue",
        "aws.s3.bucket",
        "aws.sns.topic",
        "aws.eventbridge.rule",
        "aws.dynamodb.table",
    }
)
WEB_SERVICES = frozenset(
    {
        "aws.ecs.service",
        "aws.ec2.instance",
        "aws.ec2.auto_scaling_group",
        "aws.app_runner",
        "aws.beanstalk.environment",
        "aws.eks.node_group",
        "aws.eks.fargate_profile",
        "aws.lightsail.instance",
    }
)
LIGHTSAIL_CONTAINERS = frozenset({"aws.lightsail.container_service"})
WORKLOADS = (
    WEB_SERVICES | FUNCTIONS | LIGHTSAIL_CONTAINERS | {"aws.ecs.task", "aws.batch.job_definition"}
)
DATA_STORES = frozenset(
    {"aws.s3.bucket", "aws.dynamodb.table", "aws.rds.database", "aws.sqs.queue", "aws.sns.topic"}
)
IMAGE_USERS = frozenset(
    {
        "aws.lambda",
        "aws.ecs.service",
        "aws.ecs.task",
        "aws.batch.job_definition",
        "aws.app_runner",
        "aws.eks.node_group",
        "aws.eks.fargate_profile",
    }
)
SFN_TARGETS = (
    FUNCTIONS
    | STATE_MACHINES
    | {
        "aws.ecs.task",
        "aws.batch.job_queue",
        "aws.sqs.queue",
        "aws.sns.topic",
        "aws.dynamodb.table",
        "aws.eventbridge.rule",
    }
)

PIPES = frozenset({"aws.eventbridge.pipe"})
PIPE_SOURCES = frozenset({"aws.sqs.queue", "aws.dynamodb.table"})
PIPE_TARGETS = SFN_TARGETS | {"aws.apigateway.api"}
GENERIC = frozenset({"aws.resource"})
EVERY_SERVICE = (
    WORKLOADS
    | EDGE_FUNCTIONS
    | STATE_MACHINES
    | DATA_STORES
    | PIPES
    | GENERIC
    | {
        "aws.apigateway.api",
        "aws.cloudfront.distribution",
        "aws.elb.load_balancer",
        "aws.lightsail.load_balancer",
        "aws.eventbridge.rule",
        "aws.ecr.repository",
        "aws.batch.job_queue",
        "aws.batch.compute_environment",
    }
)

RULES = [
    RelationRule(Relation.TRIGGERS, PIPE_SOURCES, PIPES),
    RelationRule(Relation.INVOKES, PIPES, PIPE_TARGETS),
    RelationRule(Relation.USES, EVERY_SERVICE, GENERIC),
    RelationRule(Relation.USES, GENERIC, EVERY_SERVICE),
    RelationRule(Relation.TRIGGERS, EVENT_SOURCES, FUNCTIONS | STATE_MACHINES),
    RelationRule(
        Relation.TRIGGERS,
        frozenset({"aws.eventbridge.rule"}),
        frozenset({"aws.ecs.task", "aws.batch.job_queue"}),
    ),
    RelationRule(
        Relation.TRIGGERS, frozenset({"aws.sqs.queue"}), frozenset({"aws.beanstalk.environment"})
    ),
    RelationRule(Relation.TRIGGERS, frozenset({"aws.cloudfront.distribution"}), EDGE_FUNCTIONS),
    RelationRule(Relation.INVOKES, frozenset({"aws.apigateway.api"}), FUNCTIONS | STATE_MACHINES),
    RelationRule(
        Relation.INVOKES, FUNCTIONS | WEB_SERVICES | {"aws.ecs.task"}, FUNCTIONS | STATE_MACHINES
    ),
    RelationRule(Relation.INVOKES, STATE_MACHINES, SFN_TARGETS),
    RelationRule(Relation.INVOKES, frozenset({"aws.elb.load_balancer"}), FUNCTIONS),
    RelationRule(
        Relation.ROUTES,
        frozenset({"aws.cloudfront.distribution"}),
        frozenset(
            {
                "aws.s3.bucket",
                "aws.elb.load_balancer",
                "aws.apigateway.api",
                "aws.app_runner",
                "aws.lambda",
                "aws.ec2.instance",
                "aws.lightsail.instance",
                "aws.lightsail.load_balancer",
                "aws.lightsail.container_service",
            }
        ),
    ),
    RelationRule(Relation.ROUTES, frozenset({"aws.elb.load_balancer"}), WEB_SERVICES),
    RelationRule(
        Relation.ROUTES,
        frozenset({"aws.lightsail.load_balancer"}),
        frozenset({"aws.lightsail.instance"}),
    ),
    RelationRule(
        Relation.ROUTES,
        frozenset({"aws.apigateway.api"}),
        frozenset(
            {"aws.elb.load_balancer", "aws.ecs.service", "aws.app_runner", "aws.ec2.instance"}
        ),
    ),
    RelationRule(Relation.USES, WORKLOADS | EDGE_FUNCTIONS | STATE_MACHINES, DATA_STORES),
    RelationRule(Relation.USES, IMAGE_USERS, frozenset({"aws.ecr.repository"})),
    RelationRule(
        Relation.USES,
        frozenset({"aws.batch.job_queue"}),
        frozenset({"aws.batch.compute_environment"}),
    ),
    RelationRule(
        Relation.RUNS_ON,
        frozenset({"aws.batch.job_definition"}),
        frozenset({"aws.batch.job_queue", "aws.batch.compute_environment"}),
    ),
    RelationRule(
        Relation.RUNS_ON,
        frozenset({"aws.ecs.service", "aws.ecs.task"}),
        frozenset({"aws.ec2.auto_scaling_group", "aws.ec2.instance"}),
    ),
    RelationRule(
        Relation.RUNS_ON,
        frozenset({"aws.lightsail.instance"}),
        frozenset({"aws.ec2.auto_scaling_group"}),
    ),
    RelationRule(
        Relation.USES, frozenset({"aws.lightsail.instance"}), frozenset({"aws.elb.load_balancer"})
    ),
]
