"""Networking and delivery: CloudFront, API Gateway, load balancers."""

from model.catalog.spec import Category, Icon, KindSpec
from model.config.integration import ApiGatewayConfig, CloudFrontConfig, LoadBalancerConfig

KINDS = [
    KindSpec(
        id="aws.cloudfront.distribution",
        display_name="CloudFront distribution",
        docs_url="https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/distribution-working-with.html",
        category=Category.NETWORKING,
        description="Content delivery network; triggers Lambda@Edge on viewer and origin events.",
        config_model=CloudFrontConfig,
        icon=Icon("aws/network/cloudfront.png"),
        cfn_types=("AWS::CloudFront::Distribution",),
        diagrams_class="diagrams.aws.network.CloudFront",
        aliases=("CloudFront", "CDN", "distribution"),
    ),
    KindSpec(
        id="aws.apigateway.api",
        display_name="API Gateway API",
        docs_url="https://docs.aws.amazon.com/apigateway/latest/developerguide/welcome.html",
        category=Category.NETWORKING,
        description="REST or HTTP API in front of functions, workflows and services.",
        config_model=ApiGatewayConfig,
        icon=Icon("aws/network/api-gateway.png"),
        cfn_types=("AWS::ApiGateway::RestApi", "AWS::ApiGatewayV2::Api"),
        diagrams_class="diagrams.aws.network.APIGateway",
        aliases=("API Gateway", "APIGW", "REST API", "HTTP API"),
    ),
    KindSpec(
        id="aws.elb.load_balancer",
        display_name="Load balancer",
        docs_url="https://docs.aws.amazon.com/elasticloadbalancing/latest/userguide/what-is-load-balancing.html",
        category=Category.NETWORKING,
        description="Application, Network or Gateway Load Balancer.",
        config_model=LoadBalancerConfig,
        icon=Icon("aws/network/elb-application-load-balancer.png"),
        cfn_types=(
            "AWS::ElasticLoadBalancingV2::LoadBalancer",
            "AWS::ElasticLoadBalancingV2::TargetGroup",
        ),
        diagrams_class="diagrams.aws.network.ElbApplicationLoadBalancer",
        aliases=("ELB", "ALB", "NLB", "load balancer"),
    ),
]
