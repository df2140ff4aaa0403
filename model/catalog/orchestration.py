"""Orchestration and messaging: Step Functions, EventBridge, SQS, SNS."""

from model.catalog.spec import Category, Icon, KindSpec
from model.config.integration import (
    EventBridgeRuleConfig,
    PipeConfig,
    SnsTopicConfig,
    SqsQueueConfig,
)
from model.config.orchestration import StateMachineConfig

KINDS = [
    KindSpec(
        id="aws.stepfunctions.state_machine",
        display_name="Step Functions state machine",
        docs_url="https://docs.aws.amazon.com/step-functions/latest/dg/welcome.html",
        category=Category.ORCHESTRATION,
        description="Workflow in Amazon States Language; Standard (1 year) or Express (5 minutes).",
        config_model=StateMachineConfig,
        icon=Icon("aws/integration/step-functions.png"),
        cfn_types=("AWS::StepFunctions::StateMachine", "AWS::IAM::Role"),
        diagrams_class="diagrams.aws.integration.StepFunctions",
        aliases=("SFN", "Step Functions", "workflow", "state machine", "Express", "Standard"),
    ),
    KindSpec(
        id="aws.eventbridge.rule",
        display_name="EventBridge rule",
        docs_url="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rules.html",
        category=Category.ORCHESTRATION,
        description="Schedule or event pattern that starts targets.",
        config_model=EventBridgeRuleConfig,
        icon=Icon("aws/integration/eventbridge-rule.png"),
        cfn_types=("AWS::Events::Rule",),
        diagrams_class="diagrams.aws.integration.EventbridgeRule",
        aliases=("EventBridge", "CloudWatch Events", "schedule", "cron"),
    ),
    KindSpec(
        id="aws.eventbridge.pipe",
        display_name="EventBridge pipe",
        docs_url="https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-pipes.html",
        category=Category.ORCHESTRATION,
        description="Reads a queue or stream, filters and enriches, and sends to one target.",
        config_model=PipeConfig,
        icon=Icon("aws/integration/eventbridge-pipes.png"),
        cfn_types=("AWS::Pipes::Pipe",),
        diagrams_class="diagrams.aws.integration.EventbridgePipes",
        aliases=("Pipes", "EventBridge Pipes", "pipe"),
    ),
    KindSpec(
        id="aws.sqs.queue",
        display_name="SQS queue",
        docs_url="https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/welcome.html",
        category=Category.ORCHESTRATION,
        description="Message queue, standard or FIFO.",
        config_model=SqsQueueConfig,
        icon=Icon("aws/integration/simple-queue-service-sqs.png"),
        cfn_types=("AWS::SQS::Queue",),
        diagrams_class="diagrams.aws.integration.SimpleQueueServiceSqs",
        aliases=("SQS", "queue"),
    ),
    KindSpec(
        id="aws.sns.topic",
        display_name="SNS topic",
        docs_url="https://docs.aws.amazon.com/sns/latest/dg/welcome.html",
        category=Category.ORCHESTRATION,
        description="Publish/subscribe topic.",
        config_model=SnsTopicConfig,
        icon=Icon("aws/integration/simple-notification-service-sns.png"),
        cfn_types=("AWS::SNS::Topic",),
        diagrams_class="diagrams.aws.integration.SimpleNotificationServiceSns",
        aliases=("SNS", "topic", "pub/sub"),
    ),
]
