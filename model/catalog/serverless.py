"""Serverless compute: Lambda, Lambda@Edge, App Runner."""

from model.catalog.spec import Category, Icon, KindSpec
from model.config.compute import AppRunnerConfig, LambdaConfig, LambdaEdgeConfig

KINDS = [
    KindSpec(
        id="aws.lambda",
        display_name="Lambda function",
        docs_url="https://docs.aws.amazon.com/lambda/latest/dg/welcome.html",
        category=Category.SERVERLESS,
        description="Runs code in response to events; up to 15 minutes per invocation.",
        config_model=LambdaConfig,
        icon=Icon("aws/compute/lambda.png"),
        cfn_types=("AWS::Lambda::Function", "AWS::IAM::Role"),
        diagrams_class="diagrams.aws.compute.Lambda",
        aliases=("Lambda", "function", "FaaS", "serverless function"),
    ),
    KindSpec(
        id="aws.lambda_edge",
        display_name="Lambda@Edge function",
        docs_url="https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/lambda-at-the-edge.html",
        category=Category.SERVERLESS,
        description="Lambda function replicated to CloudFront edge locations for request handling.",
        config_model=LambdaEdgeConfig,
        icon=Icon("aws/compute/lambda-function.png"),
        cfn_types=("AWS::Lambda::Function", "AWS::Lambda::Version", "AWS::IAM::Role"),
        diagrams_class="diagrams.aws.compute.LambdaFunction",
        aliases=("L@E", "Lambda at Edge", "edge function", "CloudFront function"),
    ),
    KindSpec(
        id="aws.app_runner",
        display_name="App Runner service",
        docs_url="https://docs.aws.amazon.com/apprunner/latest/dg/architecture.html",
        category=Category.SERVERLESS,
        description="Managed web service from a container image or source code, with scaling.",
        config_model=AppRunnerConfig,
        icon=Icon("aws/compute/app-runner.png"),
        cfn_types=("AWS::AppRunner::Service",),
        diagrams_class="diagrams.aws.compute.AppRunner",
        aliases=("AppRunner", "web service"),
    ),
]
