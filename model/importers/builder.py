"""Builds a design from a SourceTemplate: resources to nodes through the kind mapping, helper
resources folded into the node they serve, everything else kept as generic AWS resources,
relations inferred from references, containment from VPC, subnet and zone properties.

Nothing of the template is dropped: each resource ends up in exactly one node's origin, and
every other section is kept on the design (see model/exporters/cloudformation.py for the way
back).
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from model.catalog import GENERIC_KIND
from model.design import Design, slugify
from model.elements import Edge, ImportedTemplate, Node, Origin, Placement, Size
from model.importers.errors import ImportFailure
from model.importers.layout import lay_out
from model.importers.report import ImportReport, ReportEntry
from model.importers.source import SourceResource, SourceTemplate
from model.mapping import KindMapping, dialect_of, mappings_of_type, read_fields
from model.mapping.intrinsics import Reference, Unresolved, display

FOLD_BY_PROPERTY: dict[str, tuple[tuple[Any, ...], ...]] = {
    "AWS::Lambda::Permission": (("FunctionName",),),
    "AWS::Lambda::Version": (("FunctionName",),),
    "AWS::Lambda::Alias": (("FunctionName",),),
    "AWS::Lambda::EventSourceMapping": (("FunctionName",),),
    "AWS::Lambda::Url": (("TargetFunctionArn",),),
    "AWS::Lambda::EventInvokeConfig": (("FunctionName",),),
    "AWS::IAM::Policy": (("Roles", 0),),
    "AWS::IAM::InstanceProfile": (("Roles", 0),),
    "AWS::ApiGateway::Resource": (("RestApiId",),),
    "AWS::ApiGateway::Method": (("RestApiId",),),
    "AWS::ApiGateway::Deployment": (("RestApiId",),),
    "AWS::ApiGateway::Stage": (("RestApiId",),),
    "AWS::ApiGateway::Authorizer": (("RestApiId",),),
    "AWS::ApiGateway::Model": (("RestApiId",),),
    "AWS::ApiGateway::RequestValidator": (("RestApiId",),),
    "AWS::ApiGateway::GatewayResponse": (("RestApiId",),),
    "AWS::ApiGatewayV2::Route": (("ApiId",),),
    "AWS::ApiGatewayV2::Integration": (("ApiId",),),
    "AWS::ApiGatewayV2::Stage": (("ApiId",),),
    "AWS::ApiGatewayV2::Deployment": (("ApiId",),),
    "AWS::ApiGatewayV2::Authorizer": (("ApiId",),),
    "AWS::ElasticLoadBalancingV2::Listener": (("LoadBalancerArn",),),
    "AWS::ElasticLoadBalancingV2::ListenerRule": (("ListenerArn",),),
    "AWS::ElasticLoadBalancingV2::ListenerCertificate": (("ListenerArn",),),
    "AWS::S3::BucketPolicy": (("Bucket",),),
    "AWS::SQS::QueuePolicy": (("Queues", 0),),
    "AWS::SNS::TopicPolicy": (("Topics", 0),),
    "AWS::SNS::Subscription": (("TopicArn",),),
    "AWS::EC2::SecurityGroup": (("VpcId",),),
    "AWS::EC2::SecurityGroupIngress": (("GroupId",),),
    "AWS::EC2::SecurityGroupEgress": (("GroupId",),),
    "AWS::EC2::VPCGatewayAttachment": (("VpcId",),),
    "AWS::EC2::RouteTable": (("VpcId",),),
    "AWS::EC2::Route": (("RouteTableId",),),
    "AWS::EC2::SubnetRouteTableAssociation": (("SubnetId",),),
    "AWS::EC2::NatGateway": (("SubnetId",),),
    "AWS::EC2::VPCEndpoint": (("VpcId",),),
    "AWS::EC2::VPCCidrBlock": (("VpcId",),),
    "AWS::ECS::ClusterCapacityProviderAssociations": (("Cluster",),),
    "AWS::EKS::Addon": (("ClusterName",),),
    "AWS::EKS::AccessEntry": (("ClusterName",),),
    "AWS::ElasticBeanstalk::ConfigurationTemplate": (("ApplicationName",),),
    "AWS::ElasticBeanstalk::ApplicationVersion": (("ApplicationName",),),
    "AWS::Lightsail::StaticIp": (("AttachedTo",),),
    "AWS::AutoScaling::ScalingPolicy": (("AutoScalingGroupName",),),
    "AWS::AutoScaling::LifecycleHook": (("AutoScalingGroupName",),),
    "AWS::AutoScaling::ScheduledAction": (("AutoScalingGroupName",),),
    "AWS::ApplicationAutoScaling::ScalableTarget": (("ResourceId",),),
    "AWS::ApplicationAutoScaling::ScalingPolicy": (("ScalingTargetId",),),
    "AWS::Lambda::LayerVersionPermission": (("LayerVersionArn",),),
}
"""Helper resources that belong to the node their property points at."""

FOLD_INTO_REFERRER = frozenset(
    {
        "AWS::IAM::Role",
        "AWS::IAM::ManagedPolicy",
        "AWS::IAM::InstanceProfile",
        "AWS::Logs::LogGroup",
        "AWS::EC2::LaunchTemplate",
        "AWS::AutoScaling::LaunchConfiguration",
        "AWS::ElasticLoadBalancingV2::TargetGroup",
        "AWS::EC2::InternetGateway",
        "AWS::EC2::EIP",
        "AWS::CloudFront::OriginAccessControl",
        "AWS::CloudFront::CloudFrontOriginAccessIdentity",
        "AWS::CloudFront::CachePolicy",
        "AWS::CloudFront::OriginRequestPolicy",
        "AWS::CloudFront::ResponseHeadersPolicy",
        "AWS::AppRunner::AutoScalingConfiguration",
        "AWS::RDS::DBSubnetGroup",
        "AWS::RDS::DBParameterGroup",
        "AWS::RDS::DBClusterParameterGroup",
        "AWS::ElasticBeanstalk::Application",
        "AWS::Batch::SchedulingPolicy",
        "AWS::ECS::TaskDefinition",
        "AWS::RDS::DBInstance",
    }
)
"""Helper resources that belong to the first node that refers to them (a function's role)."""

SUBNET_PATHS: dict[str, tuple[tuple[Any, ...], ...]] = {
    "AWS::Lambda::Function": (("VpcConfig", "SubnetIds"),),
    "AWS::Serverless::Function": (("VpcConfig", "SubnetIds"),),
    "AWS::ECS::Service": (("NetworkConfiguration", "AwsvpcConfiguration", "Subnets"),),
    "AWS::AutoScaling::AutoScalingGroup": (("VPCZoneIdentifier",),),
    "AWS::EC2::Instance": (("SubnetId",), ("NetworkInterfaces", 0, "SubnetId")),
    "AWS::ElasticLoadBalancingV2::LoadBalancer": (("Subnets",),),
    "AWS::Batch::ComputeEnvironment": (("ComputeResources", "Subnets"),),
    "AWS::EKS::Cluster": (("ResourcesVpcConfig", "SubnetIds"),),
    "AWS::EKS::Nodegroup": (("Subnets",),),
    "AWS::RDS::DBSubnetGroup": (("SubnetIds",),),
}
GLOBALS_SECTION = {
    "AWS::Serverless::Function": "Function",
    "AWS::Serverless::Api": "Api",
    "AWS::Serverless::HttpApi": "HttpApi",
    "AWS::Serverless::SimpleTable": "SimpleTable",
    "AWS::Serverless::StateMachine": "StateMachine",
}
EDGE_EVENT_TYPES = frozenset(
    {"viewer-request", "viewer-response", "origin-request", "origin-response"}
)
GROUP_KINDS = frozenset(
    {"aws.vpc", "aws.subnet", "aws.availability_zone", "aws.region", "aws.ecs.cluster"}
)


@dataclass
class ImportResult:
    design: Design
    report: ImportReport


@dataclass
class _Draft:
    """A node before it is added: its resources and settings as read."""

    node_id: str
    kind: str
    label: str
    primary: str
    mapping: KindMapping | None
    parts: dict[str, str] = field(default_factory=dict)
    folded: list[str] = field(default_factory=list)
    config: dict[str, Any] = field(default_factory=dict)
    parent: str | None = None
    implicit: bool = False


@dataclass(frozen=True)
class _Link:
    source: str
    target: str
    relation: str
    config: tuple[tuple[str, Any], ...] = ()
    via: str = ""


class _Context:
    """The read context the mapping's codecs use."""

    def __init__(self, builder: _Builder) -> None:
        self.builder = builder

    def value(self, value: Any) -> Any:
        return self.builder.template.resolver.value(value)

    def node_of(self, value: Any) -> str | None:
        return self.builder.node_of_value(value)

    def read_file(self, value: Any) -> Any:
        reader = self.builder.template.read_file
        if not isinstance(value, str) or reader is None:
            raise Unresolved("definition stored in S3")
        return reader(value)


class _Builder:
    def __init__(self, template: SourceTemplate) -> None:
        self.template = template
        self.resources = template.resources
        self.report = ImportReport(str(template.path))
        self.drafts: dict[str, _Draft] = {}
        self.owner: dict[str, str] = {}
        self.used_ids: set[str] = set()
        self.links: list[_Link] = []
        self.zones: dict[tuple[str, str], str] = {}
        self.ctx = _Context(self)
        self._references: dict[str, list[Reference]] = {}

    # ---- references ----------------------------------------------------------------------
    def refs(self, logical_id: str) -> list[Reference]:
        if logical_id not in self._references:
            body = self.resources[logical_id].properties
            self._references[logical_id] = list(self.template.resolver.references(body))
        return self._references[logical_id]

    def ref_targets(self, value: Any) -> list[str]:
        return [r.logical_id for r in self.template.resolver.references(value)]

    def node_of_value(self, value: Any) -> str | None:
        for logical_id in self.ref_targets(value):
            if logical_id in self.owner:
                return self.owner[logical_id]
        return None

    def nodes_of_value(self, value: Any) -> list[str]:
        found: dict[str, None] = {}
        for logical_id in self.ref_targets(value):
            if logical_id in self.owner:
                found[self.owner[logical_id]] = None
        return list(found)

    # ---- nodes ---------------------------------------------------------------------------
    def new_id(self, logical_id: str) -> str:
        base = slugify(logical_id)
        candidate, counter = base, 2
        while candidate in self.used_ids:
            candidate = f"{base}-{counter}"
            counter += 1
        self.used_ids.add(candidate)
        return candidate

    def classify(self) -> None:
        edge_functions = self.edge_functions()
        claimed = self.claimed_parts()
        for logical_id, resource in self.resources.items():
            if logical_id in claimed:
                continue
            candidates = mappings_of_type(resource.type)
            if resource.type == "AWS::EC2::LaunchTemplate" or not candidates:
                continue
            mapping = candidates[0]
            if len(candidates) > 1:
                wanted = "aws.lambda_edge" if logical_id in edge_functions else "aws.lambda"
                mapping = next((m for m in candidates if m.kind == wanted), candidates[0])
            draft = _Draft(self.new_id(logical_id), mapping.kind, logical_id, logical_id, mapping)
            self.drafts[draft.node_id] = draft
            self.owner[logical_id] = draft.node_id
        for logical_id, (owner_id, role) in claimed.items():
            owner_node = self.owner.get(owner_id)
            if owner_node is None:
                continue
            draft = self.drafts[owner_node]
            if role and role not in draft.parts:
                draft.parts[role] = logical_id
            draft.folded.append(logical_id)
            self.owner[logical_id] = owner_node

    def cluster_of_instance(self, resource: SourceResource) -> str | None:
        cluster = resource.properties.get("DBClusterIdentifier")
        for logical_id in self.ref_targets(cluster):
            if self.resources[logical_id].type == "AWS::RDS::DBCluster":
                return logical_id
        return None

    def edge_functions(self) -> set[str]:
        """Functions a CloudFront distribution associates, directly or through a version."""
        found: set[str] = set()
        for resource in self.resources.values():
            if resource.type != "AWS::CloudFront::Distribution":
                continue
            config = resource.properties.get("DistributionConfig", {})
            for behaviour in _behaviours(config):
                for association in behaviour.get("LambdaFunctionAssociations", []) or []:
                    for target in self.ref_targets(association.get("LambdaFunctionARN")):
                        found.add(target)
                        found.update(self.function_of_version(target))
        return found

    def function_of_version(self, logical_id: str) -> list[str]:
        resource = self.resources.get(logical_id)
        if resource is None or resource.type not in ("AWS::Lambda::Version", "AWS::Lambda::Alias"):
            return []
        return self.ref_targets(resource.properties.get("FunctionName"))

    def claimed_parts(self) -> dict[str, tuple[str, str]]:
        """Resources whose settings belong to another resource's node: logical id ->
        (owner logical id, part role)."""
        claims: dict[str, tuple[str, str]] = {}
        for logical_id, resource in self.resources.items():
            properties = resource.properties
            if resource.type == "AWS::ECS::Service":
                for target in self.ref_targets(properties.get("TaskDefinition")):
                    claims.setdefault(target, (logical_id, "task_definition"))
            elif resource.type in ("AWS::AutoScaling::AutoScalingGroup", "AWS::EC2::Instance"):
                template = properties.get("LaunchTemplate") or (
                    properties.get("MixedInstancesPolicy", {})
                    .get("LaunchTemplate", {})
                    .get("LaunchTemplateSpecification")
                )
                for target in self.ref_targets(template):
                    claims.setdefault(target, (logical_id, "launch_template"))
                for target in self.ref_targets(properties.get("LaunchConfigurationName")):
                    claims.setdefault(target, (logical_id, "launch_configuration"))
            elif resource.type == "AWS::AppRunner::Service":
                for target in self.ref_targets(properties.get("AutoScalingConfigurationArn")):
                    claims.setdefault(target, (logical_id, "auto_scaling"))
            elif resource.type == "AWS::Lambda::Alias" or resource.type == "AWS::Lambda::Version":
                if "ProvisionedConcurrencyConfig" in properties:
                    for target in self.ref_targets(properties.get("FunctionName")):
                        claims.setdefault(logical_id, (target, "alias"))
            elif resource.type == "AWS::RDS::DBInstance":
                cluster = self.cluster_of_instance(resource)
                if cluster is not None:
                    claims.setdefault(logical_id, (cluster, "instance"))
            elif resource.type == "AWS::ElasticLoadBalancingV2::Listener":
                balancer = self.ref_targets(properties.get("LoadBalancerArn"))
                for target in self.ref_targets(properties.get("DefaultActions")):
                    if balancer and self.resources[target].type.endswith("::TargetGroup"):
                        claims.setdefault(target, (balancer[0], "target_group"))
        return claims

    def fold(self) -> None:
        """Give every helper resource to the node it serves, until nothing changes."""
        changed = True
        while changed:
            changed = False
            for logical_id, resource in self.resources.items():
                if logical_id in self.owner:
                    continue
                owner = self.fold_owner(logical_id, resource)
                if owner is not None:
                    self.drafts[owner].folded.append(logical_id)
                    self.owner[logical_id] = owner
                    changed = True

    def fold_owner(self, logical_id: str, resource: SourceResource) -> str | None:
        for path in FOLD_BY_PROPERTY.get(resource.type, ()):
            value: Any = resource.properties
            for segment in path:
                if isinstance(segment, int):
                    value = value[segment] if isinstance(value, list) and value else None
                else:
                    value = value.get(segment) if isinstance(value, dict) else None
            owner = self.node_of_value(value)
            if owner is not None:
                return owner
        if resource.type in FOLD_INTO_REFERRER:
            for other_id in self.resources:
                if other_id in self.owner and any(
                    r.logical_id == logical_id for r in self.refs(other_id)
                ):
                    return self.owner[other_id]
        return None

    def keep_generic(self) -> None:
        for logical_id, resource in self.resources.items():
            if logical_id in self.owner:
                continue
            draft = _Draft(self.new_id(logical_id), GENERIC_KIND, logical_id, logical_id, None)
            draft.config = {
                "resource_type": resource.type,
                "properties": resource.properties,
            }
            self.drafts[draft.node_id] = draft
            self.owner[logical_id] = draft.node_id

    def read_configs(self) -> None:
        for draft in self.drafts.values():
            if draft.mapping is None or draft.implicit:
                continue
            primary = self.resources[draft.primary]
            parts = {"": self.with_globals(primary)}
            for role, logical_id in draft.parts.items():
                parts[role] = self.resources[logical_id].properties
            dialect = dialect_of(draft.mapping, primary.type)
            try:
                values, problems = read_fields(draft.mapping, dialect, parts, self.ctx)
            except ImportFailure as failure:
                where = self.template.where(draft.primary)
                raise ImportFailure(
                    f"{where}: {draft.primary}: {failure}", primary.line, draft.primary
                ) from None
            for problem in problems:
                self.unresolved(
                    draft.primary, f"{problem.field} ({problem.path}): {problem.reason}"
                )
            draft.config = self.valid_config(draft, values)

    def with_globals(self, resource: SourceResource) -> dict[str, Any]:
        section = GLOBALS_SECTION.get(resource.type)
        defaults = self.template.globals.get(section) if section else None
        if not isinstance(defaults, dict):
            return resource.properties
        return _merged(defaults, resource.properties)

    def valid_config(self, draft: _Draft, values: dict[str, Any]) -> dict[str, Any]:
        """The values the kind's config accepts; the others are reported, not guessed."""
        spec_model = _config_model(draft.kind)
        values = dict(values)
        for _ in range(len(values) + 1):
            try:
                spec_model.model_validate(values)
                return values
            except ValidationError as error:
                bad = {str(e["loc"][0]) for e in error.errors() if e["loc"]}
                if not bad:
                    return {}
                for name in bad:
                    self.unresolved(
                        draft.primary,
                        f"{name}: {display(values.get(name))!r} is not a value the "
                        f"{draft.kind} kind can hold; kept in the template only",
                    )
                    values.pop(name, None)
        return {}

    def unresolved(self, logical_id: str, text: str) -> None:
        resource = self.resources.get(logical_id)
        self.report.unresolved.append(
            ReportEntry(
                logical_id, resource.type if resource else "", text, self.owner.get(logical_id, "")
            )
        )

    # ---- relations -----------------------------------------------------------------------
    def link(
        self, source: str | None, target: str | None, relation: str, via: str, **config: Any
    ) -> None:
        if source is None or target is None or source == target:
            return
        values = tuple(sorted((k, v) for k, v in config.items() if v is not None))
        self.links.append(_Link(source, target, relation, values, via))

    def infer_relations(self) -> None:
        for logical_id, resource in self.resources.items():
            node = self.owner.get(logical_id)
            handler = getattr(self, "rel_" + resource.type.replace("::", "_"), None)
            if handler is not None:
                handler(logical_id, resource, node)
        self.infer_from_references()

    def rel_AWS_Lambda_EventSourceMapping(
        self, lid: str, res: SourceResource, node: str | None
    ) -> None:
        props = res.properties
        self.link(
            self.node_of_value(props.get("EventSourceArn")),
            self.node_of_value(props.get("FunctionName")),
            "triggers",
            lid,
            batch_size=_int_or_none(self, props.get("BatchSize")),
            batching_window_s=_int_or_none(self, props.get("MaximumBatchingWindowInSeconds")),
        )

    def rel_AWS_Serverless_Function(self, lid: str, res: SourceResource, node: str | None) -> None:
        self.sam_events(lid, res, node)

    def rel_AWS_Serverless_StateMachine(
        self, lid: str, res: SourceResource, node: str | None
    ) -> None:
        self.sam_events(lid, res, node)
        self.state_machine_targets(lid, res, node)

    def rel_AWS_StepFunctions_StateMachine(
        self, lid: str, res: SourceResource, node: str | None
    ) -> None:
        self.state_machine_targets(lid, res, node)

    def state_machine_targets(self, lid: str, res: SourceResource, node: str | None) -> None:
        props = res.properties
        for key in ("Definition", "DefinitionString", "DefinitionSubstitutions"):
            for target in self.nodes_of_value(props.get(key)):
                self.link(node, target, "invokes", f"{lid}.{key}")

    def sam_events(self, lid: str, res: SourceResource, node: str | None) -> None:
        events = res.properties.get("Events")
        if not isinstance(events, dict):
            return
        for name, event in events.items():
            if not isinstance(event, dict):
                continue
            kind = str(event.get("Type", ""))
            given = event.get("Properties")
            props: dict[str, Any] = given if isinstance(given, dict) else {}
            via = f"{lid}.Events.{name}"
            if kind in ("S3", "SNS", "SQS", "DynamoDB", "Kinesis", "MSK", "MQ"):
                key = {"S3": "Bucket", "SNS": "Topic", "SQS": "Queue"}.get(kind, "Stream")
                source = self.node_of_value(props.get(key))
                if source is None and kind == "Kinesis":
                    self.unresolved(lid, f"event {name}: the Kinesis stream has no kind; kept")
                    continue
                self.link(
                    source,
                    node,
                    "triggers",
                    via,
                    batch_size=_int_or_none(self, props.get("BatchSize")),
                    batching_window_s=_int_or_none(
                        self, props.get("MaximumBatchingWindowInSeconds")
                    ),
                )
            elif kind in ("Api", "HttpApi"):
                api = self.node_of_value(props.get("RestApiId" if kind == "Api" else "ApiId"))
                if api is None:
                    api = self.implicit_api(kind)
                self.link(api, node, "invokes", via)
            elif kind in ("Schedule", "ScheduleV2", "EventBridgeRule", "CloudWatchEvent"):
                rule = self.implicit_rule(lid, name, kind, props)
                self.link(rule, node, "triggers", via)
            else:
                self.unresolved(lid, f"event {name} of type {kind or '?'}: not drawn; kept")

    def implicit_api(self, kind: str) -> str:
        logical_id = "ServerlessRestApi" if kind == "Api" else "ServerlessHttpApi"
        for draft in self.drafts.values():
            if draft.implicit and draft.label == logical_id:
                return draft.node_id
        draft = _Draft(self.new_id(logical_id), "aws.apigateway.api", logical_id, "", None)
        draft.implicit = True
        draft.config = {"api_type": "rest" if kind == "Api" else "http"}
        self.drafts[draft.node_id] = draft
        return draft.node_id

    def implicit_rule(self, lid: str, name: str, kind: str, props: dict[str, Any]) -> str:
        label = f"{lid}{name}"
        draft = _Draft(self.new_id(label), "aws.eventbridge.rule", label, "", None)
        draft.implicit = True
        ok, schedule = self.template.resolver.try_value(props.get("Schedule", ""))
        ok_pattern, pattern = self.template.resolver.try_value(props.get("Pattern", ""))
        config: dict[str, Any] = {}
        if kind.startswith("Schedule") and ok and schedule:
            config["schedule"] = str(schedule)
        if ok_pattern and pattern:
            config["event_pattern"] = (
                pattern if isinstance(pattern, str) else json.dumps(pattern, sort_keys=True)
            )
        draft.config = config
        self.drafts[draft.node_id] = draft
        return draft.node_id

    def rel_AWS_S3_Bucket(self, lid: str, res: SourceResource, node: str | None) -> None:
        notification = res.properties.get("NotificationConfiguration", {})
        if not isinstance(notification, dict):
            return
        for key, target_key in (
            ("LambdaConfigurations", "Function"),
            ("QueueConfigurations", "Queue"),
            ("TopicConfigurations", "Topic"),
        ):
            for item in notification.get(key, []) or []:
                if isinstance(item, dict):
                    self.link(
                        node, self.node_of_value(item.get(target_key)), "triggers", f"{lid}.{key}"
                    )

    def rel_AWS_Events_Rule(self, lid: str, res: SourceResource, node: str | None) -> None:
        for target in res.properties.get("Targets", []) or []:
            if not isinstance(target, dict):
                continue
            task = (
                target.get("EcsParameters", {}).get("TaskDefinitionArn")
                if isinstance(target.get("EcsParameters"), dict)
                else None
            )
            destination = self.node_of_value(task) if task is not None else None
            self.link(
                node,
                destination or self.node_of_value(target.get("Arn")),
                "triggers",
                f"{lid}.Targets",
            )

    def rel_AWS_SNS_Topic(self, lid: str, res: SourceResource, node: str | None) -> None:
        for item in res.properties.get("Subscription", []) or []:
            if isinstance(item, dict):
                self.link(
                    node,
                    self.node_of_value(item.get("Endpoint")),
                    "triggers",
                    f"{lid}.Subscription",
                )

    def rel_AWS_SNS_Subscription(self, lid: str, res: SourceResource, node: str | None) -> None:
        props = res.properties
        self.link(
            self.node_of_value(props.get("TopicArn")),
            self.node_of_value(props.get("Endpoint")),
            "triggers",
            lid,
        )

    def rel_AWS_ApiGateway_Method(self, lid: str, res: SourceResource, node: str | None) -> None:
        for target in self.nodes_of_value(res.properties.get("Integration")):
            self.link(node, target, self.api_relation(node, target), lid)

    def rel_AWS_ApiGatewayV2_Integration(
        self, lid: str, res: SourceResource, node: str | None
    ) -> None:
        props = res.properties
        for target in self.nodes_of_value({k: v for k, v in props.items() if k != "ApiId"}):
            self.link(node, target, self.api_relation(node, target), lid)

    def api_relation(self, source: str | None, target: str) -> str:
        kind = self.drafts[target].kind
        return "invokes" if kind in ("aws.lambda", "aws.stepfunctions.state_machine") else "routes"

    def rel_AWS_ElasticLoadBalancingV2_TargetGroup(
        self, lid: str, res: SourceResource, node: str | None
    ) -> None:
        for target in res.properties.get("Targets", []) or []:
            if isinstance(target, dict):
                destination = self.node_of_value(target.get("Id"))
                if destination is not None:
                    relation = (
                        "invokes" if self.drafts[destination].kind == "aws.lambda" else "routes"
                    )
                    self.link(node, destination, relation, f"{lid}.Targets")

    def rel_AWS_ECS_Service(self, lid: str, res: SourceResource, node: str | None) -> None:
        for item in res.properties.get("LoadBalancers", []) or []:
            if isinstance(item, dict):
                self.link(
                    self.node_of_value(item.get("TargetGroupArn")),
                    node,
                    "routes",
                    f"{lid}.LoadBalancers",
                )

    def rel_AWS_AutoScaling_AutoScalingGroup(
        self, lid: str, res: SourceResource, node: str | None
    ) -> None:
        for balancer in self.nodes_of_value(res.properties.get("TargetGroupARNs")):
            self.link(balancer, node, "routes", f"{lid}.TargetGroupARNs")

    def rel_AWS_CloudFront_Distribution(
        self, lid: str, res: SourceResource, node: str | None
    ) -> None:
        config = res.properties.get("DistributionConfig", {})
        if not isinstance(config, dict):
            return
        origins: dict[str, str] = {}
        for origin in config.get("Origins", []) or []:
            if isinstance(origin, dict):
                for target in self.nodes_of_value(origin.get("DomainName")):
                    self.link(node, target, "routes", f"{lid}.Origins")
                    origins.setdefault(str(origin.get("Id", "")), target)
        behaviours = [
            {
                "path_pattern": str(b.get("PathPattern", "")),
                "origin": origins.get(str(b.get("TargetOriginId", "")), ""),
            }
            for b in config.get("CacheBehaviors", []) or []
            if isinstance(b, dict) and isinstance(b.get("PathPattern"), str)
        ]
        if node is not None and behaviours:
            self.drafts[node].config["cache_behaviors"] = behaviours
        for behaviour in _behaviours(config):
            for association in behaviour.get("LambdaFunctionAssociations", []) or []:
                if not isinstance(association, dict):
                    continue
                ok, event = self.template.resolver.try_value(association.get("EventType"))
                self.link(
                    node,
                    self.node_of_value(association.get("LambdaFunctionARN")),
                    "triggers",
                    f"{lid}.LambdaFunctionAssociations",
                    event_type=event if ok and event in EDGE_EVENT_TYPES else None,
                    path_pattern=str(behaviour.get("PathPattern", "")) or None,
                )

    def rel_AWS_Batch_JobQueue(self, lid: str, res: SourceResource, node: str | None) -> None:
        for item in res.properties.get("ComputeEnvironmentOrder", []) or []:
            if isinstance(item, dict):
                self.link(
                    node,
                    self.node_of_value(item.get("ComputeEnvironment")),
                    "uses",
                    f"{lid}.ComputeEnvironmentOrder",
                    order=_int_or_none(self, item.get("Order")),
                )

    def rel_AWS_Pipes_Pipe(self, lid: str, res: SourceResource, node: str | None) -> None:
        props = res.properties
        self.link(self.node_of_value(props.get("Source")), node, "triggers", f"{lid}.Source")
        self.link(node, self.node_of_value(props.get("Target")), "invokes", f"{lid}.Target")
        self.link(node, self.node_of_value(props.get("Enrichment")), "invokes", f"{lid}.Enrichment")

    def infer_from_references(self) -> None:
        """Any other reference between two nodes: a 'uses' connection where the catalog
        allows one (a function's environment naming a table, a policy naming a queue)."""
        linked = {(link.source, link.target) for link in self.links}
        linked |= {(link.target, link.source) for link in self.links}
        for logical_id in self.resources:
            source = self.owner.get(logical_id)
            if source is None:
                continue
            for reference in self.refs(logical_id):
                target = self.owner.get(reference.logical_id)
                if target is None or target == source or (source, target) in linked:
                    continue
                if (
                    self.drafts[target].kind in GROUP_KINDS
                    or self.drafts[source].kind in GROUP_KINDS
                ):
                    continue
                linked.add((source, target))
                self.links.append(
                    _Link(
                        source, target, "uses", (), f"{logical_id} refers to {reference.logical_id}"
                    )
                )

    # ---- containment ----------------------------------------------------------------------
    def subnets_of(self, draft: _Draft) -> list[str]:
        found: list[str] = []
        for logical_id in [draft.primary, *draft.folded] if draft.primary else []:
            resource = self.resources[logical_id]
            for path in SUBNET_PATHS.get(resource.type, ()):
                value: Any = (
                    self.with_globals(resource)
                    if logical_id == draft.primary
                    else resource.properties
                )
                for segment in path:
                    if isinstance(segment, int):
                        value = (
                            value[segment]
                            if isinstance(value, list) and len(value) > segment
                            else None
                        )
                    else:
                        value = value.get(segment) if isinstance(value, dict) else None
                for node in self.nodes_of_value(value):
                    if self.drafts[node].kind == "aws.subnet" and node not in found:
                        found.append(node)
        return found

    def contain(self, design_probe: Design) -> None:
        catalog = design_probe.catalog
        for draft in list(self.drafts.values()):
            if draft.kind == "aws.subnet":
                self.place_subnet(draft)
        for draft in self.drafts.values():
            if draft.kind in ("aws.vpc", "aws.subnet", "aws.availability_zone"):
                continue
            parent = self.cluster_parent(draft)
            if parent is None:
                subnets = self.subnets_of(draft)
                parent = self.common_parent(subnets) if subnets else None
            while parent is not None and not catalog.can_contain(
                self.drafts[parent].kind, draft.kind
            ):
                parent = self.drafts[parent].parent
            draft.parent = parent
        for draft in self.drafts.values():
            if draft.kind in ("aws.ecs.cluster", "aws.eks.cluster") and draft.parent is None:
                members = [d for d in self.drafts.values() if d.parent == draft.node_id]
                subnets = [s for d in members for s in self.subnets_of(d)]
                subnets += self.subnets_of(draft)
                parent = self.common_parent(subnets) if subnets else None
                while parent is not None and not catalog.can_contain(
                    self.drafts[parent].kind, draft.kind
                ):
                    parent = self.drafts[parent].parent
                draft.parent = parent

    def cluster_parent(self, draft: _Draft) -> str | None:
        if not draft.primary:
            return None
        resource = self.resources[draft.primary]
        key = {
            "AWS::ECS::Service": "Cluster",
            "AWS::EKS::Nodegroup": "ClusterName",
            "AWS::EKS::FargateProfile": "ClusterName",
        }.get(resource.type)
        if key is None:
            if resource.type == "AWS::EC2::Instance":
                group = self.node_of_value(resource.properties.get("PlacementGroupName"))
                if group is not None and not self.subnets_of(draft):
                    return group
            return None
        return self.node_of_value(resource.properties.get(key))

    def place_subnet(self, draft: _Draft) -> None:
        resource = self.resources[draft.primary]
        vpc = self.node_of_value(resource.properties.get("VpcId"))
        zone_value = resource.properties.get("AvailabilityZone")
        if zone_value is None:
            draft.parent = vpc
            return
        ok, name = self.template.resolver.try_value(zone_value)
        key = str(name) if ok else _zone_key(zone_value)
        label = str(name) if ok else _zone_label(zone_value)
        zone = self.zones.get((vpc or "", key))
        if zone is None:
            zone_draft = _Draft(
                self.new_id(f"az {label}"), "aws.availability_zone", label, "", None
            )
            zone_draft.implicit = True
            zone_draft.parent = vpc
            zone_draft.config = {"name": str(name)} if ok else {}
            self.drafts[zone_draft.node_id] = zone_draft
            self.zones[(vpc or "", key)] = zone = zone_draft.node_id
        draft.parent = zone

    def common_parent(self, nodes: list[str]) -> str | None:
        chains = [self.chain(node) for node in nodes]
        common = chains[0]
        for chain in chains[1:]:
            common = [n for n in common if n in chain]
        return common[0] if common else None

    def chain(self, node: str) -> list[str]:
        result = [node]
        current = self.drafts[node].parent
        while current is not None and current not in result:
            result.append(current)
            current = self.drafts[current].parent
        return result

    # ---- the design ----------------------------------------------------------------------
    def build(self) -> ImportResult:
        self.classify()
        self.fold()
        self.keep_generic()
        self.read_configs()
        self.infer_relations()
        name = self.template.sections.get("Description")
        design = Design(
            name=str(name)[:200]
            if isinstance(name, str) and name.strip()
            else self.template.path.stem,
            description=f"Imported from {self.template.path.name}",
        )
        self.contain(design)
        self.add_nodes(design)
        inferred = self.add_edges(design)
        lay_out(design)
        design.imported = ImportedTemplate(
            sections=self.template.sections,
            source=str(self.template.path),
            inferred_edges=frozenset(inferred),
            implicit_nodes=frozenset(d.node_id for d in self.drafts.values() if d.implicit),
        )
        return ImportResult(design, self.report)

    def add_nodes(self, design: Design) -> None:
        order = list(self.drafts)
        added: set[str] = set()
        for node_id in order:
            chain = [n for n in reversed(self.chain(node_id)) if n not in added]
            for member in chain:
                draft = self.drafts[member]
                design.add_node(self.node_value(design, draft))
                added.add(member)
                self.report_node(draft)
        design.restore_order(order, [])

    def node_value(self, design: Design, draft: _Draft) -> Node:
        spec = design.catalog.get(draft.kind)
        config = spec.config_model.model_validate(draft.config)
        origin = None
        if draft.primary:
            resources = {draft.primary: self.resources[draft.primary].body}
            for logical_id in draft.folded:
                resources[logical_id] = self.resources[logical_id].body
            origin = Origin(resources, config.model_dump(mode="json", exclude_unset=True))
        size = Size(*spec.default_size) if spec.default_size else None
        return Node(
            draft.node_id,
            draft.kind,
            draft.label,
            config,
            draft.parent,
            Placement(size=size),
            origin,
        )

    def report_node(self, draft: _Draft) -> None:
        if draft.implicit:
            return
        resource = self.resources[draft.primary]
        if draft.kind == GENERIC_KIND:
            self.report.generic.append(
                ReportEntry(
                    draft.primary,
                    resource.type,
                    f"kept as generic resource {draft.node_id}",
                    draft.node_id,
                )
            )
        else:
            self.report.mapped.append(
                ReportEntry(
                    draft.primary, resource.type, f"{draft.kind} {draft.node_id}", draft.node_id
                )
            )
        for logical_id in draft.folded:
            self.report.folded.append(
                ReportEntry(
                    logical_id,
                    self.resources[logical_id].type,
                    f"part of {draft.node_id} ({draft.primary})",
                    draft.node_id,
                )
            )

    def add_edges(self, design: Design) -> list[str]:
        seen: set[tuple[str, str, str]] = set()
        inferred: list[str] = []
        for link in self.links:
            key = (link.source, link.target, link.relation)
            if key in seen:
                continue
            seen.add(key)
            source_label = self.drafts[link.source].label
            target_label = self.drafts[link.target].label
            verdict = design.can_connect(link.source, link.target, link.relation)
            source_type = (
                self.resources[self.drafts[link.source].primary].type
                if self.drafts[link.source].primary
                else "created by SAM"
            )
            if not verdict:
                if link.relation != "uses":
                    self.report.unresolved.append(
                        ReportEntry(
                            source_label,
                            source_type,
                            f"reference to {target_label} ({link.via}) not drawn: {verdict.reason}",
                        )
                    )
                continue
            config = dict(link.config)
            edge = Edge(
                design.new_edge_id(),
                link.source,
                link.target,
                link.relation,
                _edge_config(config),
            )
            design.add_edge(edge)
            inferred.append(edge.id)
            self.report.relations.append(
                ReportEntry(
                    source_label,
                    source_type,
                    f"{link.relation} {target_label} (from {link.via})",
                    edge.id,
                )
            )
        return inferred


def _edge_config(values: dict[str, Any]) -> Any:
    from model.config.edges import EdgeConfig

    return EdgeConfig.model_validate(values)


def _config_model(kind: str) -> Any:
    from model.catalog import CATALOG

    return CATALOG.get(kind).config_model


def _behaviours(config: Any) -> Iterator[dict[str, Any]]:
    if not isinstance(config, dict):
        return
    default = config.get("DefaultCacheBehavior")
    if isinstance(default, dict):
        yield default
    for behaviour in config.get("CacheBehaviors", []) or []:
        if isinstance(behaviour, dict):
            yield behaviour


def _int_or_none(builder: _Builder, value: Any) -> int | None:
    if value is None:
        return None
    ok, resolved = builder.template.resolver.try_value(value)
    try:
        return int(resolved) if ok else None
    except (TypeError, ValueError):
        return None


def _zone_key(value: Any) -> str:
    if isinstance(value, dict) and "Fn::Select" in value:
        argument = value["Fn::Select"]
        if isinstance(argument, list) and argument:
            return f"select:{argument[0]}"
    return display(value)


def _zone_label(value: Any) -> str:
    if isinstance(value, dict) and "Fn::Select" in value:
        argument = value["Fn::Select"]
        if isinstance(argument, list) and argument:
            try:
                return f"AZ {int(str(argument[0])) + 1}"
            except ValueError:
                pass
    return display(value)


def _merged(defaults: dict[str, Any], own: dict[str, Any]) -> dict[str, Any]:
    """SAM Globals under a resource's own properties: maps merge, the resource's values win."""
    result = copy.deepcopy(defaults)
    for key, value in own.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = _merged(result[key], value)
        else:
            result[key] = value
    return result


def build_design(template: SourceTemplate) -> ImportResult:
    return _Builder(template).build()


def resources_of(
    data: dict[str, Any], path: Path, lines: dict[str, int]
) -> dict[str, SourceResource]:
    """The Resources section as SourceResources, refusing entries that are not resources."""
    found: dict[str, SourceResource] = {}
    for logical_id, body in data.get("Resources", {}).items():
        line = lines.get(logical_id)
        where = f"{path}:{line}" if line else str(path)
        if not isinstance(body, dict):
            raise ImportFailure(
                f"{where}: {logical_id}: a resource must be a mapping", line, logical_id
            )
        resource_type = body.get("Type")
        if not isinstance(resource_type, str) or not resource_type.strip():
            raise ImportFailure(
                f"{where}: {logical_id}: the resource has no Type", line, logical_id
            )
        if "Properties" in body and not isinstance(body["Properties"], dict | type(None)):
            raise ImportFailure(
                f"{where}: {logical_id}: Properties must be a mapping", line, logical_id
            )
        found[logical_id] = SourceResource(logical_id, resource_type, body, line)
    return found
