"""The generic AWS resource: any CloudFormation type the catalog has no kind for, so that an
imported template loses nothing. It is drawn with the icon of its service where the diagrams
package has one (SERVICE_ICONS, by the service part of the type: AWS::KMS::Key -> KMS)."""

from model.catalog.spec import Category, Icon, KindSpec
from model.config.integration import GenericResourceConfig

GENERIC_KIND = "aws.resource"
GENERIC_ICON = Icon("aws/general/general.png")
SERVICE_ICONS = {
    "ApiGateway": "aws/network/api-gateway.png",
    "ApiGatewayV2": "aws/network/api-gateway.png",
    "AppSync": "aws/integration/appsync.png",
    "Athena": "aws/analytics/athena.png",
    "CertificateManager": "aws/security/certificate-manager.png",
    "CloudFront": "aws/network/cloudfront.png",
    "CloudWatch": "aws/management/cloudwatch.png",
    "Cognito": "aws/security/cognito.png",
    "DynamoDB": "aws/database/dynamodb.png",
    "EC2": "aws/compute/ec2.png",
    "ECS": "aws/compute/elastic-container-service.png",
    "EFS": "aws/storage/elastic-file-system-efs.png",
    "EKS": "aws/compute/elastic-kubernetes-service.png",
    "ElastiCache": "aws/database/elasticache.png",
    "ElasticLoadBalancingV2": "aws/network/elastic-load-balancing.png",
    "Events": "aws/integration/eventbridge.png",
    "Glue": "aws/analytics/glue.png",
    "IAM": "aws/security/identity-and-access-management-iam.png",
    "Kinesis": "aws/analytics/kinesis-data-streams.png",
    "KinesisFirehose": "aws/analytics/kinesis-data-firehose.png",
    "KMS": "aws/security/key-management-service.png",
    "Lambda": "aws/compute/lambda.png",
    "Logs": "aws/management/cloudwatch-logs.png",
    "MSK": "aws/analytics/managed-streaming-for-kafka.png",
    "OpenSearchService": "aws/analytics/elasticsearch-service.png",
    "Pipes": "aws/integration/eventbridge-pipes.png",
    "RDS": "aws/database/rds.png",
    "Redshift": "aws/database/redshift.png",
    "Route53": "aws/network/route-53.png",
    "S3": "aws/storage/simple-storage-service-s3.png",
    "Scheduler": "aws/integration/eventbridge-scheduler.png",
    "SecretsManager": "aws/security/secrets-manager.png",
    "SES": "aws/engagement/simple-email-service-ses.png",
    "SNS": "aws/integration/simple-notification-service-sns.png",
    "SQS": "aws/integration/simple-queue-service-sqs.png",
    "SSM": "aws/management/systems-manager-parameter-store.png",
    "StepFunctions": "aws/integration/step-functions.png",
    "WAFv2": "aws/security/waf.png",
}


def resource_icon(resource_type: str) -> Icon:
    """The icon of the resource type's service, else the general AWS icon."""
    parts = resource_type.split("::")
    service = parts[1] if len(parts) == 3 else ""
    path = SERVICE_ICONS.get(service)
    return Icon(path) if path else GENERIC_ICON


KINDS = [
    KindSpec(
        id=GENERIC_KIND,
        display_name="AWS resource",
        category=Category.OTHER,
        description="Any CloudFormation resource, kept with its type and properties.",
        config_model=GenericResourceConfig,
        icon=GENERIC_ICON,
        cfn_types=(),
        diagrams_class="diagrams.aws.general.General",
        aliases=("resource", "CloudFormation resource", "other"),
    ),
]
