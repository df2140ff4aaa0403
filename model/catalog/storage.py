"""Storage and data: S3, DynamoDB, RDS."""

from model.catalog.spec import Category, Icon, KindSpec
from model.config.integration import DynamoDbTableConfig, RdsDatabaseConfig, S3BucketConfig

KINDS = [
    KindSpec(
        id="aws.s3.bucket",
        display_name="S3 bucket",
        docs_url="https://docs.aws.amazon.com/AmazonS3/latest/userguide/Welcome.html",
        category=Category.STORAGE,
        description="Object storage; emits events on uploads.",
        config_model=S3BucketConfig,
        icon=Icon("aws/storage/simple-storage-service-s3.png"),
        cfn_types=("AWS::S3::Bucket",),
        diagrams_class="diagrams.aws.storage.SimpleStorageServiceS3",
        aliases=("S3", "bucket", "object storage"),
    ),
    KindSpec(
        id="aws.dynamodb.table",
        display_name="DynamoDB table",
        docs_url="https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Introduction.html",
        category=Category.STORAGE,
        description="Key-value and document database.",
        config_model=DynamoDbTableConfig,
        icon=Icon("aws/database/dynamodb.png"),
        cfn_types=("AWS::DynamoDB::Table",),
        diagrams_class="diagrams.aws.database.Dynamodb",
        aliases=("DynamoDB", "DDB", "NoSQL", "table"),
    ),
    KindSpec(
        id="aws.rds.database",
        display_name="RDS database",
        docs_url="https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Welcome.html",
        category=Category.STORAGE,
        description="Managed relational database.",
        config_model=RdsDatabaseConfig,
        icon=Icon("aws/database/rds.png"),
        cfn_types=("AWS::RDS::DBInstance",),
        diagrams_class="diagrams.aws.database.RDS",
        aliases=("RDS", "Aurora", "Postgres", "MySQL", "database", "SQL"),
    ),
]
