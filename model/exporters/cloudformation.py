"""CloudFormation (and SAM) templates from a design.

Each node becomes the resources it stands for; relations become least-privilege policies,
event source mappings, permissions, notifications and targets. What the design does not say
(network ids, images, code location) becomes a Parameter. User strings are data only: they
never reach Fn::Sub, and YAML output double-quotes every string.
"""

from __future__ import annotations

import json
import re
from typing import Any

from model.design import Design, architecture_only
from model.elements import Edge, Node
from model.exporters._common import (
    ALL_METHODS,
    AMI_PARAMETERS,
    BATCH_INSTANCE_ROLE,
    DEFAULT_APP_RUNNER_IMAGE,
    DEFAULT_CONTAINER_IMAGE,
    ECR_ACCESS_ROLE,
    EKS_CLUSTER_ROLE,
    EVENTS_ROLE,
    EXECUTION_ROLE,
    GLOBAL_KINDS,
    LOG_DELIVERY,
    MANAGED_ALL_VIEWER_EXCEPT_HOST,
    MANAGED_CACHING_DISABLED,
    MANAGED_CACHING_OPTIMIZED,
    NETWORK_KINDS,
    NO_RESOURCE_KINDS,
    PIPE_ROLE,
    RDS_CLUSTER_ENGINES,
    Arn,
    Names,
    PolicyWriter,
    Role,
    allow,
    app_runner_code_source,
    app_runner_egress_vpc,
    app_runner_private_image,
    app_runner_source,
    beanstalk_options,
    chosen_subnets,
    cluster_needs_fargate_spot,
    container_definition,
    container_port,
    ecs_service_fields,
    has_resource,
    instance_count,
    json_object,
    labelled,
    lambda_fields,
    lambda_handler,
    lambda_in_vpc,
    load_balancers_of,
    network_of,
    policy_document,
    principal_role,
    redrive_policy,
    streams_needed,
    task_size_fields,
    trust_policy,
    vpc_egress,
    workflow,
)
from model.exporters.escaping import json_dump, one_line, yaml_dump
from model.exporters.plan import (
    OBJECT_CREATED,
    ApiPlan,
    CacheBehaviour,
    DistributionPlan,
    RuleTarget,
    SourceTrigger,
    api_plan,
    bucket_notifications,
    distribution_plan,
    load_balancer_plan,
    pipe_plan,
    rule_targets,
    service_plan,
    source_plan,
    submitted_definition,
)
from model.exporters.write_back import written_back
from model.mapping import mapping_for, settings

Json = dict[str, Any]


def ref(name: str) -> Json:
    return {"Ref": name}


def getatt(name: str, attribute: str) -> Json:
    return {"Fn::GetAtt": [name, attribute]}


def sub(template: str) -> Json:
    """Fn::Sub over generated text only (logical ids and pseudo parameters), never user text."""
    return {"Fn::Sub": template}


def managed_policy(name: str) -> Json:
    return sub("arn:${AWS::Partition}:iam::aws:policy/" + name)


def _slug(text: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9-]+", "-", text).strip("-").lower()
    return slug[:40].strip("-") or "node"


def _is_arm(instance_type: str) -> bool:
    family = instance_type.split(".", 1)[0]
    return bool(re.match(r"^[a-z]+\d+[a-z]*g[a-z]*$", family)) or family.startswith("a1")


class _Builder(PolicyWriter):
    def __init__(self, design: Design, sam: bool) -> None:
        self.design = design
        self.sam = sam
        self.names = Names(design)
        self.parameters: dict[str, Json] = {}
        self.resources: dict[str, Json] = {}
        self.notes: list[str] = []
        self.bucket_slugs: dict[str, str] = {}

    # ---- building blocks ------------------------------------------------------------------
    def add(
        self,
        name: str,
        type_: str,
        properties: Json,
        node_id: str,
        depends_on: list[str] | None = None,
        retain: str | None = None,
    ) -> str:
        resource: Json = {"Type": type_}
        if depends_on:
            resource["DependsOn"] = sorted(set(depends_on)) if len(depends_on) > 1 else depends_on
        if retain:
            resource["DeletionPolicy"] = retain
            resource["UpdateReplacePolicy"] = retain
        resource["Properties"] = properties
        resource["Metadata"] = {"ArchCanvas": {"Design": self.design.name, "Node": node_id}}
        self.resources[name] = resource
        return name

    def own(self, node: Node, properties: Json, sam: bool = False, **options: Any) -> str:
        """The node's own resource, of the type its kind mapping says (its SAM form with sam)."""
        mapping = mapping_for(node.kind)
        assert mapping is not None, node.kind
        type_ = mapping.sam_type if sam and mapping.sam_type else mapping.cfn_type
        return self.add(self.names.node(node.id), type_, properties, node.id, **options)

    def param(self, name: str, type_: str, description: str, default: Any = None) -> Json:
        if name not in self.parameters:
            parameter: Json = {"Type": type_, "Description": one_line(description, 500)}
            if default is not None:
                parameter["Default"] = default
            self.parameters[name] = parameter
        return ref(name)

    def region_notes(self) -> list[str]:
        """A stack deploys to one Region: say so when the design's resources span several."""
        by_region: dict[str, list[str]] = {}
        for node in self.design.iter_nodes():
            if node.kind in NO_RESOURCE_KINDS or node.kind in GLOBAL_KINDS:
                continue
            if node.kind in NETWORK_KINDS:
                continue
            by_region.setdefault(self.design.effective_region(node.id), []).append(node.id)
        if len(by_region) < 2:
            return []
        parts = "; ".join(
            f"{region}: {', '.join(ids)}" for region, ids in sorted(by_region.items())
        )
        return [
            f"The design spans {len(by_region)} Regions ({parts}). A stack deploys to one "
            "Region: deploy the resources of each Region in a stack of its own there."
        ]

    def note(self, node: Node, text: str) -> None:
        self.notes.append(f"{labelled(node)}: {text}")

    def node_param(
        self, node_id: str, suffix: str, what: str, default: Any = None, type_: str = "String"
    ) -> Json:
        """A parameter for what the design does not say about a node."""
        node = self.design.node(node_id)
        return self.param(
            self.names.sub(node_id, suffix), type_, f"{what} for {labelled(node)}", default
        )

    # ---- network ----------------------------------------------------------------------------
    def subnets(self, node_id: str, many: bool = False) -> Any:
        """Subnet ids for a node: the subnets it names, else its subnet container, else its
        VPC's or the stack's list."""
        chosen = chosen_subnets(self.design, node_id)
        if chosen:
            return [self.subnet_id(subnet) for subnet in chosen]
        net = network_of(self.design, node_id)
        if net.subnet is not None and not many:
            return [self.subnet_id(net.subnet)]
        if net.vpc is not None:
            return self.node_param(
                net.vpc, "SubnetIds", "Subnets of the VPC", type_="List<AWS::EC2::Subnet::Id>"
            )
        return self.param(
            "SubnetIds", "List<AWS::EC2::Subnet::Id>", "Subnets for resources placed in no VPC"
        )

    def subnet_id(self, subnet_id: str) -> Json:
        return self.node_param(subnet_id, "Id", "Existing subnet", type_="AWS::EC2::Subnet::Id")

    def vpc_id(self, node_id: str) -> Json:
        net = network_of(self.design, node_id)
        if net.vpc is not None:
            return self.node_param(net.vpc, "Id", "Existing VPC", type_="AWS::EC2::VPC::Id")
        return self.param("VpcId", "AWS::EC2::VPC::Id", "VPC for resources placed in no VPC")

    def security_groups(self, node_id: str) -> Any:
        net = network_of(self.design, node_id)
        if net.vpc is None:
            return self.param(
                "SecurityGroupIds",
                "List<AWS::EC2::SecurityGroup::Id>",
                "Security groups for resources placed in no VPC",
            )
        group = self.names.sub(net.vpc, "SecurityGroup")
        if group not in self.resources:
            vpc = self.design.node(net.vpc)
            self.add(
                group,
                "AWS::EC2::SecurityGroup",
                {
                    "GroupDescription": f"ArchCanvas workloads in {self.names.node(vpc.id)}",
                    "VpcId": self.vpc_id(node_id),
                    "SecurityGroupEgress": [
                        {"IpProtocol": "-1", "CidrIp": "0.0.0.0/0", "Description": "All egress"}
                    ],
                },
                net.vpc,
            )
        return [ref(group)]

    # ---- references to other nodes' resources -------------------------------------------
    def arn(self, node_id: str) -> Any:
        node = self.design.node(node_id)
        name = self.names.node(node_id)
        kind = node.kind
        if kind in (
            "aws.lambda",
            "aws.lambda_edge",
            "aws.dynamodb.table",
            "aws.s3.bucket",
            "aws.sqs.queue",
            "aws.ecr.repository",
            "aws.eventbridge.rule",
            "aws.ecs.cluster",
            "aws.eks.cluster",
        ):
            return getatt(name, "Arn")
        if kind == "aws.rds.database":
            engine = getattr(node.config, "engine", "")
            return getatt(
                name, "DBClusterArn" if engine in RDS_CLUSTER_ENGINES else "DBInstanceArn"
            )
        if kind == "aws.ecs.service":
            return ref(name)
        if kind == "aws.ecs.task":
            return ref(self.task_definition(node_id))
        return ref(name)

    def task_definition(self, node_id: str) -> str:
        if self.design.node(node_id).kind == "aws.ecs.task":
            return self.names.node(node_id)
        return self.names.sub(node_id, "TaskDefinition")

    def resource_arn(self, arn: Arn) -> Any:
        if arn.attribute in ("execution_role", "task_role"):
            return getatt(self.names.sub(arn.node, _camel_or(arn.attribute, "")), "Arn")
        if arn.attribute == "job_definition":
            return self.job_definition(arn.node)
        prefix = arn.service and (
            f"arn:${{AWS::Partition}}:{arn.service}:${{AWS::Region}}:${{AWS::AccountId}}:{arn.path}"
        )
        if not arn.node:
            return sub(prefix)
        name = self.names.node(arn.node)
        if not (prefix or arn.suffix):
            return self.arn(arn.node) if arn.attribute == "arn" else getatt(name, "StreamArn")
        return sub(prefix + "${" + name + "." + _CFN_ATTRIBUTES[arn.attribute] + "}" + arn.suffix)

    def role(
        self, node_id: str, role: Role, statements: list[Json] | None = None, of: str = ""
    ) -> str:
        """A role with its trust and managed policies; relation-derived statements go into a
        separate AWS::IAM::Policy so that two services that call each other form no cycle.
        `of` names the node the role is for, when a node has one such role per target."""
        suffix = _camel_or(role.name, "") + (self.names.node(of) if of else "")
        name = self.names.sub(node_id, suffix)
        properties: Json = {"AssumeRolePolicyDocument": trust_policy(*role.services)}
        if role.managed:
            properties["ManagedPolicyArns"] = [managed_policy(m) for m in role.managed]
        self.add(name, "AWS::IAM::Role", properties, node_id)
        if statements:
            policy = self.names.sub(node_id, suffix + "Policy")
            self.add(
                policy,
                "AWS::IAM::Policy",
                {
                    "PolicyName": policy,
                    "PolicyDocument": policy_document(statements),
                    "Roles": [ref(name)],
                },
                node_id,
            )
        return name

    def principal(self, node: Node, extra: list[Json] | None = None) -> str:
        """The node's own role, with the grants of its relations."""
        return self.role(
            node.id, principal_role(self.design, node), self.statements(node.id, extra)
        )

    def image(self, node: Node, default: str | None, suffix: str = "Image") -> Any:
        own = getattr(node.config, "image", "")
        if own:
            return own
        for repo in self.design.neighbours(node.id, "uses"):
            if self.design.node(repo).kind == "aws.ecr.repository":
                return sub("${" + self.names.node(repo) + ".RepositoryUri}:latest")
        return self.node_param(node.id, suffix, "Container image URI", default)

    # ---- the design ------------------------------------------------------------------------
    def build(self) -> Json:
        imported = self.design.imported
        implicit = imported.implicit_nodes if imported is not None else frozenset()
        for node in self.design.iter_nodes():
            if node.origin is not None:
                self.write_back(node)
            elif node.id in implicit:
                continue
            elif node.kind in NO_RESOURCE_KINDS:
                self.note(
                    node, f"{self.design.spec(node.id).display_name}: no CloudFormation resource"
                )
            elif node.kind in NETWORK_KINDS:
                self.note(node, "existing network, taken as stack parameters where used")
            else:
                getattr(self, "k_" + node.kind.removeprefix("aws.").replace(".", "_"))(node)
        if imported is not None:
            return self.imported_template(dict(imported.sections), imported.inferred_edges)
        self.notes[:0] = self.region_notes()
        template: Json = {"AWSTemplateFormatVersion": "2010-09-09"}
        if self.sam:
            template["Transform"] = "AWS::Serverless-2016-10-31"
        description = f"ArchCanvas export of the design {one_line(self.design.name)}"
        template["Description"] = description[:1000]
        metadata: Json = {"Design": self.design.name}
        if self.notes:
            metadata["Notes"] = list(self.notes)
        template["Metadata"] = {"ArchCanvas": metadata}
        if self.parameters:
            template["Parameters"] = dict(sorted(self.parameters.items()))
        if not self.resources:
            self.resources["ArchCanvasEmptyDesign"] = {
                "Type": "AWS::CloudFormation::WaitConditionHandle",
                "Properties": {},
            }
        template["Resources"] = self.resources
        return template

    # ---- imported designs ----------------------------------------------------------------
    def write_back(self, node: Node) -> None:
        resources, unwritten = written_back(self.design, node, self.names)
        self.resources.update(resources)
        for name in unwritten:
            self.note(node, f"the edited setting {name} has no place in the template: not written")

    def imported_template(self, sections: Json, inferred: frozenset[str]) -> Json:
        """The imported template's sections around its resources; new nodes' parameters
        join its Parameters."""
        for edge in self.design.iter_edges():
            source, target = self.design.node(edge.source), self.design.node(edge.target)
            if edge.id in inferred or source.origin is None or target.origin is None:
                continue
            self.notes.append(
                f"the connection {labelled(source)} {edge.relation} {labelled(target)} was "
                "drawn after import: wire it in the template"
            )
        template: Json = {}
        for key, value in sections.items():
            template[key] = value
        if self.sam and "Transform" not in template:
            template["Transform"] = "AWS::Serverless-2016-10-31"
        if self.parameters:
            parameters = dict(template.get("Parameters") or {})
            for key, value in sorted(self.parameters.items()):
                parameters.setdefault(key, value)
            template["Parameters"] = parameters
        if self.notes:
            metadata = dict(template.get("Metadata") or {})
            metadata["ArchCanvas"] = {"Design": self.design.name, "Notes": list(self.notes)}
            template["Metadata"] = metadata
        template["Resources"] = self.resources or {
            "ArchCanvasEmptyDesign": {
                "Type": "AWS::CloudFormation::WaitConditionHandle",
                "Properties": {},
            }
        }
        if "Outputs" in sections:
            template["Outputs"] = template.pop("Outputs")
        return template

    # ---- compute -----------------------------------------------------------------------------
    def k_lambda(self, node: Node) -> None:
        config: Any = node.config
        name = self.names.node(node.id)
        edge = node.kind == "aws.lambda_edge"
        attached = lambda_in_vpc(self.design, node)
        extra: list[Json] = []
        dead_letter = None
        if config.dead_letter_queue and not edge:
            dead_letter = self.names.sub(node.id, "DeadLetterQueue")
            self.add(dead_letter, "AWS::SQS::Queue", {"MessageRetentionPeriod": 1209600}, node.id)
            extra.append(allow(["sqs:SendMessage"], [getatt(dead_letter, "Arn")]))
        role = self.principal(node, extra)
        properties: Json = {}
        image = config.package_type == "image"
        if image:
            image_uri = self.image(node, None, "ImageUri")
            properties["PackageType"] = "Image"
        else:
            bucket = self.param(
                "CodeBucket", "String", "S3 bucket holding the Lambda deployment packages"
            )
            key = self.node_param(
                node.id, "CodeKey", "S3 key of the deployment package", f"{_slug(node.id)}.zip"
            )
            properties["Handler"] = lambda_handler(config.runtime)
        properties.update(settings(node.kind, config, lambda_fields(node), self.sam))
        layers = [self._layer(node, i, layer) for i, layer in enumerate(config.layers)]
        if layers and not image:
            properties["Layers"] = layers
        if attached:
            properties["VpcConfig"] = {
                "SubnetIds": self.subnets(node.id),
                "SecurityGroupIds": self.security_groups(node.id),
            }
        if self.sam:
            if image:
                properties["ImageUri"] = image_uri
            else:
                properties["CodeUri"] = {"Bucket": bucket, "Key": key}
            if config.tracing == "Active":
                properties.update(settings(node.kind, config, ("tracing",), sam=True))
            if dead_letter:
                properties["DeadLetterQueue"] = {
                    "Type": "SQS",
                    "TargetArn": getatt(dead_letter, "Arn"),
                }
            properties["Role"] = getatt(role, "Arn")
            events = self.sam_events(node)
            if events:
                properties["Events"] = events
            self.own(node, properties, sam=True)
        else:
            properties["Code"] = (
                {"ImageUri": image_uri} if image else {"S3Bucket": bucket, "S3Key": key}
            )
            properties["Role"] = getatt(role, "Arn")
            if config.tracing == "Active":
                properties.update(settings(node.kind, config, ("tracing",)))
            if dead_letter:
                properties["DeadLetterConfig"] = {"TargetArn": getatt(dead_letter, "Arn")}
            self.own(node, properties)
        needs_version = edge or config.provisioned_concurrency
        if needs_version:
            version = self.names.sub(node.id, "Version")
            self.add(version, "AWS::Lambda::Version", {"FunctionName": ref(name)}, node.id)
            if config.provisioned_concurrency and not edge:
                self.add(
                    self.names.sub(node.id, "LiveAlias"),
                    "AWS::Lambda::Alias",
                    {
                        "FunctionName": ref(name),
                        "FunctionVersion": getatt(version, "Version"),
                        "Name": "live",
                        **settings(node.kind, config, ("provisioned_concurrency",), part="alias"),
                    },
                    node.id,
                )
        if edge and self.design.effective_region(node.id) != "us-east-1":
            self.note(
                node, "Lambda@Edge functions must be created in us-east-1; deploy this stack there"
            )

    k_lambda_edge = k_lambda

    def _layer(self, node: Node, index: int, layer: str) -> Any:
        if layer.startswith("arn:"):
            return layer
        return self.node_param(
            node.id, f"Layer{index + 1}Arn", f"ARN of the layer {one_line(layer)}"
        )

    def sam_events(self, node: Node) -> Json:
        events: Json = {}
        for edge in self.design.incoming(node.id, "triggers"):
            source = self.design.node(edge.source)
            source_name = self.names.node(source.id)
            if source.kind == "aws.sqs.queue":
                properties: Json = {"Queue": getatt(source_name, "Arn")}
                if edge.config.batch_size:
                    properties["BatchSize"] = edge.config.batch_size
                if edge.config.batching_window_s is not None:
                    properties["MaximumBatchingWindowInSeconds"] = edge.config.batching_window_s
                events[source_name] = {"Type": "SQS", "Properties": properties}
            elif source.kind == "aws.sns.topic":
                events[source_name] = {"Type": "SNS", "Properties": {"Topic": ref(source_name)}}
            elif source.kind == "aws.dynamodb.table":
                properties = {
                    "Stream": getatt(source_name, "StreamArn"),
                    "StartingPosition": "LATEST",
                }
                if edge.config.batch_size:
                    properties["BatchSize"] = edge.config.batch_size
                events[source_name] = {"Type": "DynamoDB", "Properties": properties}
        return events

    def sam_handles(self, edge: Edge) -> bool:
        """Whether a SAM function's Events already wire this trigger. Not S3: SAM's S3 event
        grants every bucket of the account (SourceAccount only), so buckets wire their own."""
        return (
            self.sam
            and self.design.node(edge.target).kind == "aws.lambda"
            and self.design.node(edge.source).kind
            in ("aws.sqs.queue", "aws.sns.topic", "aws.dynamodb.table")
        )

    def permission(
        self,
        source: Node,
        function_id: str,
        principal: str,
        source_arn: Any,
        source_account: bool = False,
    ) -> str:
        """Lets the source's service invoke the function; only the account is named when the
        source ARN cannot be known without a cycle (a load balancer's target group)."""
        name = self.names.sub(source.id, "Invoke" + self.names.node(function_id))
        properties: Json = {
            "Action": "lambda:InvokeFunction",
            "FunctionName": getatt(self.names.node(function_id), "Arn"),
            "Principal": principal,
        }
        if source_arn is None or source_account:
            properties["SourceAccount"] = ref("AWS::AccountId")
        if source_arn is not None:
            properties["SourceArn"] = source_arn
        return self.add(name, "AWS::Lambda::Permission", properties, source.id)

    def bucket_name(self, node_id: str) -> Json:
        """A bucket name known before the bucket exists, so a function's permission can name
        the bucket's ARN although the bucket depends on that permission: account id, slug and
        the stack id's last group (lowercase, at most 63 characters, unique per stack)."""
        if node_id not in self.bucket_slugs:
            base = re.sub("-+", "-", _slug(node_id))[:37].strip("-") or "bucket"
            slug, counter = base, 1
            while slug in self.bucket_slugs.values():
                counter += 1
                slug = f"{base[: 36 - len(str(counter))].strip('-')}-{counter}"
            self.bucket_slugs[node_id] = slug
        stack_uuid = {"Fn::Select": [2, {"Fn::Split": ["/", ref("AWS::StackId")]}]}
        stack_tail = {"Fn::Select": [4, {"Fn::Split": ["-", stack_uuid]}]}
        return {"Fn::Join": ["-", [ref("AWS::AccountId"), self.bucket_slugs[node_id], stack_tail]]}

    def k_app_runner(self, node: Node) -> None:
        config: Any = node.config
        if config.source == "image":
            private = app_runner_private_image(self.design, node)
            image = self.image(node, None if private else DEFAULT_APP_RUNNER_IMAGE)
            access = getatt(self.role(node.id, ECR_ACCESS_ROLE), "Arn") if private else None
            source = app_runner_source(config, image, access)
        else:
            url = self.node_param(node.id, "RepositoryUrl", "Source repository URL")
            connection = self.node_param(
                node.id, "ConnectionArn", "App Runner connection to the repository"
            )
            source = app_runner_code_source(config, url, connection)
        instance: Json = settings(node.kind, config, ("cpu_vcpu", "memory_gb"))[
            "InstanceConfiguration"
        ]
        statements = self.statements(node.id)
        if statements:
            role = self.role(node.id, principal_role(self.design, node), statements)
            instance["InstanceRoleArn"] = getatt(role, "Arn")
        scaling = self.names.sub(node.id, "AutoScaling")
        self.add(
            scaling,
            "AWS::AppRunner::AutoScalingConfiguration",
            {
                "AutoScalingConfigurationName": _short_name(scaling, 32),
                **settings(node.kind, config, _SCALING, part="auto_scaling"),
            },
            node.id,
        )
        properties: Json = {
            "SourceConfiguration": source,
            "InstanceConfiguration": instance,
            "AutoScalingConfigurationArn": getatt(scaling, "AutoScalingConfigurationArn"),
        }
        if app_runner_egress_vpc(self.design, node):
            connector = self.names.sub(node.id, "VpcConnector")
            self.add(
                connector,
                "AWS::AppRunner::VpcConnector",
                {"Subnets": self.subnets(node.id), "SecurityGroups": self.security_groups(node.id)},
                node.id,
            )
            properties["NetworkConfiguration"] = vpc_egress(getatt(connector, "VpcConnectorArn"))
        self.own(node, properties)

    def k_batch_compute_environment(self, node: Node) -> None:
        config: Any = node.config
        resources: Json = {
            **settings(node.kind, config, ("type", "max_vcpus"))["ComputeResources"],
            "Subnets": self.subnets(node.id, many=True),
            "SecurityGroupIds": self.security_groups(node.id),
        }
        if config.type in ("EC2", "SPOT"):
            profile = self.profile_of(node, self.role(node.id, BATCH_INSTANCE_ROLE))
            resources.update(settings(node.kind, config, ("min_vcpus",))["ComputeResources"])
            resources["InstanceTypes"] = list(config.instance_types) or ["optimal"]
            resources["InstanceRole"] = getatt(profile, "Arn")
            resources["AllocationStrategy"] = (
                "SPOT_PRICE_CAPACITY_OPTIMIZED" if config.type == "SPOT" else "BEST_FIT_PROGRESSIVE"
            )
            group = self.design.ancestor_of_kind(node.id, "aws.ec2.placement_group")
            if group:
                resources["PlacementGroup"] = ref(self.names.node(group))
        self.own(
            node,
            {"Type": "MANAGED", "State": "ENABLED", "ComputeResources": resources},
        )

    def k_batch_job_queue(self, node: Node) -> None:
        config: Any = node.config
        order: list[Json] = []
        edges = [
            e
            for e in self.design.outgoing(node.id, "uses")
            if self.design.node(e.target).kind == "aws.batch.compute_environment"
        ]
        for index, edge in enumerate(edges):
            order.append(
                {
                    "Order": edge.config.order if edge.config.order is not None else index + 1,
                    "ComputeEnvironment": ref(self.names.node(edge.target)),
                }
            )
        order.sort(key=lambda item: int(item["Order"]))
        if not order:
            order = [
                {
                    "Order": 1,
                    "ComputeEnvironment": self.node_param(
                        node.id, "ComputeEnvironmentArn", "Compute environment"
                    ),
                }
            ]
        self.own(
            node,
            {
                **settings(node.kind, config, ("priority",)),
                "State": "ENABLED",
                "ComputeEnvironmentOrder": order,
            },
        )

    def k_batch_job_definition(self, node: Node) -> None:
        config: Any = node.config
        execution = self.role(node.id, EXECUTION_ROLE)
        sizes = ("vcpus", "memory_mb", "gpus") if config.gpus else ("vcpus", "memory_mb")
        container: Json = {
            "Image": self.image(node, DEFAULT_CONTAINER_IMAGE),
            **settings(node.kind, config, sizes)["ContainerProperties"],
            "ExecutionRoleArn": getatt(execution, "Arn"),
        }
        statements = self.statements(node.id)
        if statements:
            job_role = self.role(node.id, principal_role(self.design, node), statements)
            container["JobRoleArn"] = getatt(job_role, "Arn")
        properties: Json = settings(node.kind, config, ("multi_node",))
        if config.multi_node:
            properties["PlatformCapabilities"] = ["EC2"]
            properties["NodeProperties"] = {
                "NumNodes": 2,
                "MainNode": 0,
                "NodeRangeProperties": [{"TargetNodes": "0:", "Container": container}],
            }
        else:
            properties.update(settings(node.kind, config, ("platform",)))
            if config.platform == "FARGATE":
                container["NetworkConfiguration"] = {"AssignPublicIp": "DISABLED"}
                container["FargatePlatformConfiguration"] = {"PlatformVersion": "LATEST"}
            properties["ContainerProperties"] = container
        if config.timeout_s:
            properties.update(settings(node.kind, config, ("timeout_s",)))
        properties["RetryStrategy"] = {"Attempts": 1}
        if config.array_size:
            self.note(
                node,
                f"array jobs of {config.array_size} children are set when the job is submitted",
            )
        self.own(node, properties)

    def instance_profile(self, node: Node) -> str | None:
        """The instance profile of the node's own role, where it has grants."""
        statements = self.statements(node.id)
        return (
            self.profile_of(node, self.role(node.id, principal_role(self.design, node), statements))
            if statements
            else None
        )

    def profile_of(self, node: Node, role: str) -> str:
        profile = self.names.sub(node.id, "InstanceProfile")
        self.add(profile, "AWS::IAM::InstanceProfile", {"Roles": [ref(role)]}, node.id)
        return profile

    def ami(self, node: Node, instance_type: str) -> Any:
        own = getattr(node.config, "ami", "")
        if own.startswith("ami-"):
            return own
        if own:
            return self.node_param(
                node.id,
                "ImageId",
                "AMI",
                own,
                type_="AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>",
            )
        architecture = "arm64" if _is_arm(instance_type) else "x86_64"
        name = "LatestAmiIdArm64" if architecture == "arm64" else "LatestAmiIdX8664"
        return self.param(
            name,
            "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>",
            f"Latest Amazon Linux 2023 AMI ({architecture})",
            AMI_PARAMETERS[architecture],
        )

    def k_ec2_instance(self, node: Node) -> None:
        config: Any = node.config
        profile = self.instance_profile(node)
        properties: Json = {
            "ImageId": self.ami(node, config.instance_type),
            **settings(node.kind, config, ("instance_type",)),
        }
        net = network_of(self.design, node.id)
        network: Json = {}
        if net.subnet or net.vpc:
            subnets = self.subnets(node.id)
            network = {
                "SubnetId": subnets[0] if net.subnet else {"Fn::Select": [0, subnets]},
                "SecurityGroupIds": self.security_groups(node.id),
            }
        launch_data: Json = {}
        if config.efa:
            interface: Json = {"DeviceIndex": 0, "InterfaceType": "efa"}
            if network:
                interface["SubnetId"] = network["SubnetId"]
                interface["Groups"] = network["SecurityGroupIds"]
            else:
                interface["SubnetId"] = {"Fn::Select": [0, self.subnets(node.id)]}
            launch_data["NetworkInterfaces"] = [interface]
        else:
            properties.update(network)
        group = self.design.ancestor_of_kind(node.id, "aws.ec2.placement_group")
        if group:
            properties["PlacementGroupName"] = ref(self.names.node(group))
        zone = net.zone
        if zone and not net.subnet:
            zone_name = getattr(self.design.node(zone).config, "name", "")
            if zone_name:
                properties["AvailabilityZone"] = zone_name
        if profile:
            properties["IamInstanceProfile"] = ref(profile)
        if config.purchase_option == "dedicated_instance":
            properties["Tenancy"] = "dedicated"
        elif config.purchase_option == "dedicated_host":
            properties["Tenancy"] = "host"
            self.note(
                node, "dedicated host tenancy needs an allocated host (HostId) at deploy time"
            )
        elif config.purchase_option in ("reserved", "savings_plan"):
            self.note(node, f"{config.purchase_option} is a billing choice: nothing to template")
        if config.purchase_option == "spot":
            behaviour = config.spot_interruption_behavior
            launch_data["InstanceMarketOptions"] = {
                "MarketType": "spot",
                "SpotOptions": {
                    "SpotInstanceType": "one-time" if behaviour == "terminate" else "persistent",
                    "InstanceInterruptionBehavior": behaviour,
                },
            }
        if launch_data:
            template = self.names.sub(node.id, "LaunchTemplate")
            self.add(
                template, "AWS::EC2::LaunchTemplate", {"LaunchTemplateData": launch_data}, node.id
            )
            properties["LaunchTemplate"] = {
                "LaunchTemplateId": ref(template),
                "Version": getatt(template, "LatestVersionNumber"),
            }
        if instance_count(node) > 1:
            self.instance_group(node, properties, launch_data)
            return
        properties["Tags"] = [{"Key": "Name", "Value": node.label or node.id}]
        self.own(node, properties)

    def instance_group(self, node: Node, properties: Json, launch_data: Json) -> None:
        """Several identical instances as one fixed-size Auto Scaling group, as templates do,
        so the template's size never grows with the count."""
        count = str(instance_count(node))
        data: Json = {"ImageId": properties["ImageId"], "InstanceType": properties["InstanceType"]}
        if "SecurityGroupIds" in properties:
            data["SecurityGroupIds"] = properties["SecurityGroupIds"]
        if "IamInstanceProfile" in properties:
            data["IamInstanceProfile"] = {
                "Arn": getatt(properties["IamInstanceProfile"]["Ref"], "Arn")
            }
        if "Tenancy" in properties:
            data["Placement"] = {"Tenancy": properties["Tenancy"]}
        for key, value in launch_data.items():
            if key == "NetworkInterfaces":
                value = [{k: v for k, v in i.items() if k != "SubnetId"} for i in value]
            data[key] = value
        template = self.names.sub(node.id, "LaunchTemplate")
        self.add(template, "AWS::EC2::LaunchTemplate", {"LaunchTemplateData": data}, node.id)
        group: Json = {
            "MinSize": count,
            "MaxSize": count,
            "DesiredCapacity": count,
            "LaunchTemplate": {
                "LaunchTemplateId": ref(template),
                "Version": getatt(template, "LatestVersionNumber"),
            },
            "VPCZoneIdentifier": self.subnets(node.id),
            "Tags": [{"Key": "Name", "Value": node.label or node.id, "PropagateAtLaunch": True}],
        }
        if "PlacementGroupName" in properties:
            group["PlacementGroup"] = properties["PlacementGroupName"]
        target_groups = self.target_groups_of(node.id)
        if target_groups:
            group["TargetGroupARNs"] = [ref(g) for g in target_groups]
        if "AvailabilityZone" in properties:
            self.note(node, "the group launches in the subnets it is given: keep them in its zone")
        self.add(self.names.node(node.id), "AWS::AutoScaling::AutoScalingGroup", group, node.id)

    def k_ec2_auto_scaling_group(self, node: Node) -> None:
        config: Any = node.config
        profile = self.instance_profile(node)
        data: Json = {
            "ImageId": self.ami(node, config.instance_type),
            **settings(node.kind, config, ("instance_type",), part="launch_template")[
                "LaunchTemplateData"
            ],
        }
        if network_of(self.design, node.id).vpc or network_of(self.design, node.id).subnet:
            data["SecurityGroupIds"] = self.security_groups(node.id)
        if profile:
            data["IamInstanceProfile"] = {"Arn": getatt(profile, "Arn")}
        if config.purchase_option == "spot":
            data["InstanceMarketOptions"] = {"MarketType": "spot"}
        template = self.names.sub(node.id, "LaunchTemplate")
        self.add(template, "AWS::EC2::LaunchTemplate", {"LaunchTemplateData": data}, node.id)
        specification = {
            "LaunchTemplateId": ref(template),
            "Version": getatt(template, "LatestVersionNumber"),
        }
        sizes = ("min_size", "max_size", "desired_capacity")
        properties: Json = settings(node.kind, config, sizes)
        properties["VPCZoneIdentifier"] = self.subnets(node.id)
        if config.capacity_rebalance:
            properties.update(settings(node.kind, config, ("capacity_rebalance",)))
        if config.purchase_option == "mixed":
            properties["MixedInstancesPolicy"] = {
                "LaunchTemplate": {"LaunchTemplateSpecification": specification},
                "InstancesDistribution": {"OnDemandPercentageAboveBaseCapacity": 50},
            }
        else:
            properties["LaunchTemplate"] = specification
        group = self.design.ancestor_of_kind(node.id, "aws.ec2.placement_group")
        if group:
            properties["PlacementGroup"] = ref(self.names.node(group))
        groups = self.target_groups_of(node.id)
        if groups:
            properties["TargetGroupARNs"] = [ref(g) for g in groups]
        self.own(node, properties)

    def target_groups_of(self, node_id: str) -> list[str]:
        return [
            self.names.sub(lb, "Target" + self.names.node(node_id))
            for lb in load_balancers_of(self.design, node_id)
        ]

    def k_ecs_service(self, node: Node) -> None:
        config: Any = node.config
        execution = self.role(node.id, EXECUTION_ROLE)
        task_role = self.principal(node)
        logs = self.names.sub(node.id, "LogGroup")
        self.add(logs, "AWS::Logs::LogGroup", {"RetentionInDays": 30}, node.id)
        port = container_port(self.design, node)
        image = self.image(node, DEFAULT_CONTAINER_IMAGE)
        container = container_definition(image, ref(logs), ref("AWS::Region"), port)
        task = "task_definition" if node.kind == "aws.ecs.service" else ""
        definition: Json = {
            "Family": self.task_definition(node.id),
            **settings(node.kind, config, ("cpu", "memory_mb", "network_mode"), part=task),
            "RequiresCompatibilities": [config.launch_type],
            **settings(node.kind, config, task_size_fields(node), part=task),
            "ExecutionRoleArn": getatt(execution, "Arn"),
            "TaskRoleArn": getatt(task_role, "Arn"),
            "ContainerDefinitions": [container],
        }
        self.add(self.task_definition(node.id), "AWS::ECS::TaskDefinition", definition, node.id)
        if node.kind != "aws.ecs.service":
            return
        plan = service_plan(self.design, node)
        service: Json = {"Cluster": ref(self.names.node(plan.cluster))} if plan.cluster else {}
        for text in plan.notes:
            self.note(node, text)
        service.update(settings(node.kind, config, ecs_service_fields(node)))
        service["TaskDefinition"] = ref(self.task_definition(node.id))
        if config.network_mode == "awsvpc":
            service["NetworkConfiguration"] = {"AwsvpcConfiguration": self.awsvpc(node.id)}
        if plan.balancers:
            service["LoadBalancers"] = [
                {"ContainerName": "app", "ContainerPort": port, "TargetGroupArn": ref(group)}
                for group in self.target_groups_of(node.id)
            ]
        listeners = [self.names.sub(lb, "Listener") for lb in plan.balancers]
        self.own(node, service, depends_on=listeners)

    k_ecs_task = k_ecs_service

    def awsvpc(self, node_id: str) -> Json:
        return {
            "AssignPublicIp": "DISABLED",
            "Subnets": self.subnets(node_id),
            "SecurityGroups": self.security_groups(node_id),
        }

    def eks_cluster_ref(self, node: Node) -> Any:
        cluster = self.design.ancestor_of_kind(node.id, "aws.eks.cluster")
        if cluster:
            return ref(self.names.node(cluster))
        return self.param(
            "EksClusterName",
            "String",
            "Existing EKS cluster for node groups and Fargate profiles placed in no cluster",
        )

    def k_eks_node_group(self, node: Node) -> None:
        config: Any = node.config
        role = self.principal(node)
        self.own(
            node,
            {
                "ClusterName": self.eks_cluster_ref(node),
                "NodeRole": getatt(role, "Arn"),
                "Subnets": self.subnets(node.id, many=True),
                **settings(
                    node.kind,
                    config,
                    ("instance_types", "capacity_type", "min_size", "max_size", "desired_size"),
                ),
            },
        )

    def k_eks_fargate_profile(self, node: Node) -> None:
        config: Any = node.config
        role = self.principal(node)
        selectors = settings(node.kind, config, ("selectors",)).get("Selectors")
        if not selectors:
            selectors = [{"Namespace": "default"}]
            self.note(node, "no selectors in the design: the profile selects the default namespace")
        self.own(
            node,
            {
                "ClusterName": self.eks_cluster_ref(node),
                "PodExecutionRoleArn": getatt(role, "Arn"),
                "Subnets": self.subnets(node.id, many=True),
                "Selectors": selectors,
            },
        )

    def k_beanstalk_environment(self, node: Node) -> None:
        config: Any = node.config
        application = self.names.sub(node.id, "Application")
        self.add(
            application,
            "AWS::ElasticBeanstalk::Application",
            {"Description": one_line(f"Application of {node.label or node.id}", 200)},
            node.id,
        )
        profile = self.profile_of(node, self.principal(node))
        options = beanstalk_options(node, ref(profile))
        net = network_of(self.design, node.id)
        if net.subnet or net.vpc:
            options.append(_option("aws:ec2:vpc", "VPCId", self.vpc_id(node.id)))
            options.append(
                _option("aws:ec2:vpc", "Subnets", {"Fn::Join": [",", self.subnets(node.id)]})
            )
        for edge in self.design.incoming(node.id, "triggers"):
            if self.design.node(edge.source).kind == "aws.sqs.queue":
                options.append(
                    _option(
                        "aws:elasticbeanstalk:sqsd",
                        "WorkerQueueURL",
                        ref(self.names.node(edge.source)),
                    )
                )
                break
        tier = (
            {"Name": "WebServer", "Type": "Standard"}
            if config.tier == "web"
            else {"Name": "Worker", "Type": "SQS/HTTP"}
        )
        self.own(
            node,
            {
                "ApplicationName": ref(application),
                "SolutionStackName": self.node_param(
                    node.id,
                    "SolutionStack",
                    "Elastic Beanstalk solution stack (full name of the platform version)",
                    config.platform,
                ),
                "Tier": tier,
                "OptionSettings": options,
            },
        )

    def lightsail_resource(
        self, node: Node, name_key: str, fields: tuple[str, ...], **extra: Any
    ) -> None:
        """A Lightsail resource: named after the stack and node, its mapped settings, any
        extra properties, and a Name tag."""
        self.own(
            node,
            {
                name_key: sub("${AWS::StackName}-" + _slug(node.id)),
                **settings(node.kind, node.config, fields),
                **extra,
                "Tags": [{"Key": "Name", "Value": node.label or node.id}],
            },
        )

    def k_lightsail_instance(self, node: Node) -> None:
        self.lightsail_resource(node, "InstanceName", ("blueprint", "bundle"))

    def k_lightsail_load_balancer(self, node: Node) -> None:
        targets = [
            ref(self.names.node(edge.target))
            for edge in self.design.outgoing(node.id, "routes")
            if self.design.node(edge.target).kind == "aws.lightsail.instance"
        ]
        self.lightsail_resource(
            node,
            "LoadBalancerName",
            ("instance_port", "health_check_path"),
            **({"AttachedInstances": targets} if targets else {}),
        )

    def k_lightsail_container_service(self, node: Node) -> None:
        self.lightsail_resource(node, "ServiceName", ("power", "scale"))

    # ---- orchestration ---------------------------------------------------------------------
    def substitution_value(self, node_id: str, form: str) -> Any:
        node = self.design.node(node_id)
        name = self.names.node(node_id)
        if form in ("url", "name") and node.kind in (
            "aws.sqs.queue",
            "aws.dynamodb.table",
            "aws.s3.bucket",
        ):
            return ref(name)
        if form == "name" and node.kind == "aws.ecs.service":
            return getatt(name, "Name")
        return self.arn(node_id)

    def k_stepfunctions_state_machine(self, node: Node) -> None:
        config: Any = node.config
        definition, substitutions = workflow(self.design, node.id, self.names)
        values: Json = {}
        for item in substitutions:
            if item.node is not None and has_resource(self.design, item.node):
                values[item.name] = self.substitution_value(item.node, item.form)
            else:
                values[item.name] = self.param(
                    self.names.sub(node.id, "Sub" + _camel_or(item.name, "Value")),
                    "String",
                    f"Value of the placeholder {one_line(item.name)} in {labelled(node)}",
                )
        extra: list[Json] = []
        logging: Json | None = None
        if config.logging:
            group = self.names.sub(node.id, "LogGroup")
            self.add(group, "AWS::Logs::LogGroup", {"RetentionInDays": 30}, node.id)
            extra.append(allow(LOG_DELIVERY, ["*"]))
            logging = {
                "Level": "ERROR",
                "IncludeExecutionData": False,
                "Destinations": [{"CloudWatchLogsLogGroup": {"LogGroupArn": getatt(group, "Arn")}}],
            }
        role = self.principal(node, extra)
        if self.sam:
            properties: Json = {
                **settings(node.kind, config, ("workflow_type",), sam=True),
                "Definition": definition,
                "Role": getatt(role, "Arn"),
            }
            if values:
                properties["DefinitionSubstitutions"] = values
            if logging:
                properties["Logging"] = logging
            self.own(node, properties, sam=True)
        else:
            properties = {
                **settings(node.kind, config, ("workflow_type",)),
                "RoleArn": getatt(role, "Arn"),
                "Definition": definition,
            }
            if values:
                properties["DefinitionSubstitutions"] = values
            if logging:
                properties["LoggingConfiguration"] = logging
            self.own(node, properties)

    def k_ecs_cluster(self, node: Node) -> None:
        properties = settings(node.kind, node.config, ("container_insights",))
        if cluster_needs_fargate_spot(self.design, node.id):
            properties["CapacityProviders"] = ["FARGATE", "FARGATE_SPOT"]
        self.own(node, properties)

    def k_eks_cluster(self, node: Node) -> None:
        config: Any = node.config
        role = self.role(node.id, EKS_CLUSTER_ROLE)
        self.own(
            node,
            {
                **settings(node.kind, config, ("kubernetes_version",)),
                "RoleArn": getatt(role, "Arn"),
                "ResourcesVpcConfig": {"SubnetIds": self.subnets(node.id, many=True)},
            },
        )

    def k_ec2_placement_group(self, node: Node) -> None:
        config: Any = node.config
        detail = {"partition": ("partition_count",), "spread": ("spread_level",)}
        fields = ("strategy", *detail.get(config.strategy, ()))
        properties: Json = settings(node.kind, config, fields)
        self.own(node, properties)

    # ---- delivery and APIs -----------------------------------------------------------------
    def k_cloudfront_distribution(self, node: Node) -> None:
        config: Any = node.config
        name = self.names.node(node.id)
        plan = distribution_plan(self.design, node)
        origins = [self.origin(node, target, plan) for target in plan.origins] or [
            {
                "Id": "Origin",
                "DomainName": self.node_param(
                    node.id, "OriginDomain", "Origin domain name", "www.example.com"
                ),
                "CustomOriginConfig": {"OriginProtocolPolicy": "https-only"},
            }
        ]
        default, *behaviours = [self.behaviour(b, origins[0]["Id"]) for b in plan.behaviours]
        distribution: Json = {
            "Enabled": True,
            "Comment": one_line(node.label or node.id, 128),
            **settings(node.kind, config, ("price_class",))["DistributionConfig"],
            "HttpVersion": "http2and3",
            "Origins": origins,
            "DefaultCacheBehavior": default,
        }
        if behaviours:
            distribution["CacheBehaviors"] = behaviours
        if config.aliases:
            distribution.update(settings(node.kind, config, ("aliases",))["DistributionConfig"])
            distribution["ViewerCertificate"] = {
                "AcmCertificateArn": self.node_param(
                    node.id, "CertificateArn", "ACM certificate (us-east-1) for the aliases"
                ),
                "SslSupportMethod": "sni-only",
                "MinimumProtocolVersion": "TLSv1.2_2021",
            }
        self.add(
            name, "AWS::CloudFront::Distribution", {"DistributionConfig": distribution}, node.id
        )

    def behaviour(self, plan: CacheBehaviour, first_origin: str) -> Json:
        origin = self.names.node(plan.origin.id) if plan.origin else first_origin
        behaviour: Json = {"PathPattern": plan.pattern} if plan.pattern else {}
        behaviour.update(_behaviour(origin, plan.dynamic))
        if plan.by_origin:
            behaviour["PathPattern"] = f"/{origin.lower()}/*"
        if plan.functions:
            behaviour["LambdaFunctionAssociations"] = [
                {"EventType": event, "LambdaFunctionARN": ref(self.names.sub(f.id, "Version"))}
                for event, f in plan.functions
            ]
        return behaviour

    def origin(self, distribution: Node, target: Node, plan: DistributionPlan) -> Json:
        name = self.names.node(target.id)
        if target.kind == "aws.s3.bucket":
            control = self.names.sub(distribution.id, "OriginAccessControl")
            if control not in self.resources:
                self.add(
                    control,
                    "AWS::CloudFront::OriginAccessControl",
                    {
                        "OriginAccessControlConfig": {
                            "Name": sub("${AWS::StackName}-" + control),
                            "OriginAccessControlOriginType": "s3",
                            "SigningBehavior": "always",
                            "SigningProtocol": "sigv4",
                        }
                    },
                    distribution.id,
                )
            self.add(
                self.names.sub(target.id, "ReadBy" + self.names.node(distribution.id)),
                "AWS::S3::BucketPolicy",
                {
                    "Bucket": ref(name),
                    "PolicyDocument": {
                        "Version": "2012-10-17",
                        "Statement": [
                            {
                                "Effect": "Allow",
                                "Principal": {"Service": "cloudfront.amazonaws.com"},
                                "Action": "s3:GetObject",
                                "Resource": sub("${" + name + ".Arn}/*"),
                                "Condition": {
                                    "StringEquals": {
                                        "AWS:SourceArn": sub(
                                            "arn:${AWS::Partition}:cloudfront::${AWS::AccountId}:distribution/${"
                                            + self.names.node(distribution.id)
                                            + "}"
                                        )
                                    }
                                },
                            }
                        ],
                    },
                },
                distribution.id,
            )
            return {
                "Id": name,
                "DomainName": getatt(name, "RegionalDomainName"),
                "S3OriginConfig": {"OriginAccessIdentity": ""},
                "OriginAccessControlId": getatt(control, "Id"),
            }
        domain: Any
        if target.kind == "aws.elb.load_balancer":
            domain = getatt(name, "DNSName")
        elif target.kind == "aws.apigateway.api":
            domain = sub("${" + name + "}.execute-api.${AWS::Region}.amazonaws.com")
        elif target.kind == "aws.app_runner":
            domain = getatt(name, "ServiceUrl")
        elif target.kind == "aws.ec2.instance" and instance_count(target) > 1:
            domain = self.node_param(
                target.id, "OriginDomain", "Public DNS name in front of the instances"
            )
        elif target.kind == "aws.ec2.instance":
            domain = getatt(name, "PublicDnsName")
        elif target.kind == "aws.lambda":
            domain = self.function_url_domain(target)
        else:
            domain = self.node_param(
                distribution.id,
                "Origin" + name + "Domain",
                f"Domain name of the origin {labelled(target)}",
            )
        origin: Json = {
            "Id": name,
            "DomainName": domain,
            "CustomOriginConfig": {"OriginProtocolPolicy": plan.protocol(target)},
        }
        if plan.path(target):
            origin["OriginPath"] = plan.path(target)
        return origin

    def function_url_domain(self, function: Node) -> Json:
        """The domain of the function's URL, made once for all distributions in front."""
        name, url = self.names.node(function.id), self.names.sub(function.id, "Url")
        if url not in self.resources:
            self.add(
                url,
                "AWS::Lambda::Url",
                {"TargetFunctionArn": getatt(name, "Arn"), "AuthType": "NONE"},
                function.id,
            )
            self.add(
                self.names.sub(function.id, "UrlPermission"),
                "AWS::Lambda::Permission",
                {
                    "Action": "lambda:InvokeFunctionUrl",
                    "FunctionName": getatt(name, "Arn"),
                    "Principal": "*",
                    "FunctionUrlAuthType": "NONE",
                },
                function.id,
            )
        return {"Fn::Select": [2, {"Fn::Split": ["/", getatt(url, "FunctionUrl")]}]}

    def k_apigateway_api(self, node: Node) -> None:
        plan = api_plan(self.design, node)
        name = self.names.node(node.id)
        title = one_line(node.label or node.id, 128)
        if plan.http:
            self.add(
                name, "AWS::ApiGatewayV2::Api", {"Name": title, "ProtocolType": "HTTP"}, node.id
            )
        else:
            endpoint = settings(node.kind, node.config, ("endpoint_type",))
            self.add(name, "AWS::ApiGateway::RestApi", {"Name": title, **endpoint}, node.id)
        for text in plan.notes:
            self.note(node, text)
        statements = self.allowed(plan.role_grants)
        role = (
            self.role(node.id, principal_role(self.design, node), statements) if statements else ""
        )
        if plan.http:
            self.http_api(node, plan, role)
        else:
            self.rest_api(node, plan, role)

    def api_permission(self, node: Node, target: Node) -> None:
        """Let any stage and route of the API invoke the target function."""
        source = sub(
            "arn:${AWS::Partition}:execute-api:${AWS::Region}:${AWS::AccountId}:${"
            + self.names.node(node.id)
            + "}/*"
        )
        self.permission(node, target.id, "apigateway.amazonaws.com", source)

    def web_uri(self, target: Node, path: str) -> Json:
        """The URL of the load balancer or App Runner service an API proxies to."""
        name = self.names.node(target.id)
        if target.kind == "aws.elb.load_balancer":
            return sub("http://${" + name + ".DNSName}" + path)
        return sub("https://${" + name + ".ServiceUrl}" + path)

    def rest_api(self, node: Node, plan: ApiPlan, role: str) -> None:
        name = self.names.node(node.id)
        timeout = plan.timeout_ms
        methods = []
        for route in plan.routes:
            target = route.target
            target_name = self.names.node(target.id)
            resource = self.names.sub(node.id, "Resource" + target_name)
            self.add(
                resource,
                "AWS::ApiGateway::Resource",
                {
                    "RestApiId": ref(name),
                    "ParentId": getatt(name, "RootResourceId"),
                    "PathPart": target_name.lower(),
                },
                node.id,
            )
            method: Json = {
                "RestApiId": ref(name),
                "ResourceId": ref(resource),
                "HttpMethod": route.method,
                "AuthorizationType": "NONE",
            }
            if route.calls == "function":
                method["Integration"] = {
                    "Type": "AWS_PROXY",
                    "IntegrationHttpMethod": "POST",
                    "Uri": sub(
                        "arn:${AWS::Partition}:apigateway:${AWS::Region}:lambda:path/2015-03-31/functions/${"
                        + target_name
                        + ".Arn}/invocations"
                    ),
                    "TimeoutInMillis": timeout,
                }
                self.api_permission(node, target)
            elif route.calls == "workflow":
                method["Integration"] = {
                    "Type": "AWS",
                    "IntegrationHttpMethod": "POST",
                    "Uri": sub(
                        "arn:${AWS::Partition}:apigateway:${AWS::Region}:states:action/"
                        + route.action
                    ),
                    "Credentials": getatt(role, "Arn"),
                    "RequestTemplates": {
                        "application/json": sub(
                            '{"input": "$util.escapeJavaScript($input.json(\'$\'))", '
                            '"stateMachineArn": "${' + target_name + '}"}'
                        )
                    },
                    "IntegrationResponses": [{"StatusCode": "200"}],
                    "TimeoutInMillis": timeout,
                }
                method["MethodResponses"] = [{"StatusCode": "200"}]
            else:
                method["Integration"] = {
                    "Type": "HTTP_PROXY",
                    "IntegrationHttpMethod": "ANY",
                    "Uri": self.web_uri(target, "/"),
                    "TimeoutInMillis": timeout,
                }
            methods.append(
                self.add(
                    self.names.sub(node.id, "Method" + target_name),
                    "AWS::ApiGateway::Method",
                    method,
                    node.id,
                )
            )
        if methods:
            deployment = self.names.sub(node.id, "Deployment")
            self.add(
                deployment,
                "AWS::ApiGateway::Deployment",
                {"RestApiId": ref(name)},
                node.id,
                depends_on=methods,
            )
            self.add(
                self.names.sub(node.id, "Stage"),
                "AWS::ApiGateway::Stage",
                {"RestApiId": ref(name), "DeploymentId": ref(deployment), "StageName": "prod"},
                node.id,
            )

    def http_api(self, node: Node, plan: ApiPlan, role: str) -> None:
        name = self.names.node(node.id)
        timeout = plan.timeout_ms
        for route in plan.routes:
            target = route.target
            target_name = self.names.node(target.id)
            integration: Json = {"ApiId": ref(name)}
            if route.calls == "function":
                integration.update(
                    {
                        "IntegrationType": "AWS_PROXY",
                        "IntegrationUri": getatt(target_name, "Arn"),
                        "PayloadFormatVersion": "2.0",
                        "TimeoutInMillis": timeout,
                    }
                )
                self.api_permission(node, target)
            elif route.calls == "workflow":
                integration.update(
                    {
                        "IntegrationType": "AWS_PROXY",
                        "IntegrationSubtype": "StepFunctions-" + route.action,
                        "CredentialsArn": getatt(role, "Arn"),
                        "RequestParameters": {
                            "StateMachineArn": ref(target_name),
                            "Input": "$request.body",
                        },
                        "PayloadFormatVersion": "1.0",
                        "TimeoutInMillis": timeout,
                    }
                )
            else:
                integration.update(
                    {
                        "IntegrationType": "HTTP_PROXY",
                        "IntegrationMethod": "ANY",
                        "IntegrationUri": self.web_uri(target, ""),
                        "PayloadFormatVersion": "1.0",
                        "TimeoutInMillis": timeout,
                    }
                )
            integration_name = self.names.sub(node.id, "Integration" + target_name)
            self.add(integration_name, "AWS::ApiGatewayV2::Integration", integration, node.id)
            self.add(
                self.names.sub(node.id, "Route" + target_name),
                "AWS::ApiGatewayV2::Route",
                {
                    "ApiId": ref(name),
                    "RouteKey": f"{route.method} /{target_name.lower()}",
                    "Target": sub("integrations/${" + integration_name + "}"),
                },
                node.id,
            )
        self.add(
            self.names.sub(node.id, "Stage"),
            "AWS::ApiGatewayV2::Stage",
            {"ApiId": ref(name), "StageName": "$default", "AutoDeploy": True},
            node.id,
        )

    def k_elb_load_balancer(self, node: Node) -> None:
        config: Any = node.config
        name = self.names.node(node.id)
        properties: Json = settings(node.kind, config, ("type",))
        properties["Subnets"] = self.subnets(node.id, many=True)
        if config.type != "gateway":
            properties.update(settings(node.kind, config, ("scheme",)))
        if config.type == "application":
            properties["SecurityGroups"] = self.security_groups(node.id)
        self.own(node, properties)
        plan = load_balancer_plan(self.design, node)
        groups: dict[str, str] = {}
        for tg in plan.groups:
            target, target_name = tg.target, self.names.node(tg.target.id)
            group = self.names.sub(node.id, "Target" + target_name)
            target_group: Json = {"TargetType": tg.target_type}
            depends: list[str] = []
            if tg.by_lambda:
                permission = self.permission(
                    node, target.id, "elasticloadbalancing.amazonaws.com", None
                )
                depends = [permission]
            else:
                target_group.update(
                    {"Protocol": plan.protocol, "Port": plan.port, "VpcId": self.vpc_id(node.id)}
                )
            if tg.attached:
                target_group["Targets"] = [
                    {"Id": self.arn(target.id) if tg.by_lambda else ref(target_name)}
                ]
            self.add(
                group,
                "AWS::ElasticLoadBalancingV2::TargetGroup",
                target_group,
                node.id,
                depends_on=depends,
            )
            groups[target.id] = group
        for text in plan.notes:
            self.note(node, text)
        if not plan.listens:
            return
        listener: Json = {"LoadBalancerArn": ref(name)}
        if config.type != "gateway":
            listener["Port"] = plan.port
            listener["Protocol"] = plan.protocol
        if plan.groups:
            first = groups[plan.groups[0].target.id]
            listener["DefaultActions"] = [{"Type": "forward", "TargetGroupArn": ref(first)}]
        else:
            listener["DefaultActions"] = [
                {"Type": "fixed-response", "FixedResponseConfig": {"StatusCode": "404"}}
            ]
        listener_name = self.add(
            self.names.sub(node.id, "Listener"),
            "AWS::ElasticLoadBalancingV2::Listener",
            listener,
            node.id,
        )
        for index, tg in enumerate(plan.path_rules, start=1):
            group = groups[tg.target.id]
            self.add(
                self.names.sub(node.id, f"Rule{index}"),
                "AWS::ElasticLoadBalancingV2::ListenerRule",
                {
                    "ListenerArn": ref(listener_name),
                    "Priority": index,
                    "Conditions": [
                        {
                            "Field": "path-pattern",
                            "PathPatternConfig": {"Values": [f"/{group.lower()}/*"]},
                        }
                    ],
                    "Actions": [{"Type": "forward", "TargetGroupArn": ref(group)}],
                },
                node.id,
            )

    # ---- messaging and data ----------------------------------------------------------------
    def triggers(self, node: Node) -> None:
        """What a queue or a table's stream starts: functions through event source mappings
        (which poll with the function's role, so wait for its policy), workflows through
        pipes."""
        for trigger in source_plan(self.design, node.id).triggers:
            if self.sam_handles(trigger.edge):
                continue
            source_arn, target = self.resource_arn(trigger.source_arn), trigger.target
            if trigger.by_pipe:
                self.pipe(trigger, source_arn)
                continue
            self.add(
                self.names.sub(node.id, "To" + self.names.node(target.id)),
                "AWS::Lambda::EventSourceMapping",
                {
                    "EventSourceArn": source_arn,
                    "FunctionName": ref(self.names.node(target.id)),
                    **trigger.mapping_settings,
                },
                node.id,
                depends_on=[self.names.sub(target.id, "RolePolicy")],
            )

    def pipe(self, trigger: SourceTrigger, source_arn: Any) -> None:
        source, machine = trigger.source, trigger.target
        name = self.names.sub(source.id, "To" + self.names.node(machine.id))
        role = self.role(source.id, PIPE_ROLE, self.allowed(trigger.pipe_grants), of=machine.id)
        self.add(
            name,
            "AWS::Pipes::Pipe",
            {
                "RoleArn": getatt(role, "Arn"),
                "Source": source_arn,
                "SourceParameters": trigger.pipe_parameters,
                "Target": ref(self.names.node(machine.id)),
                "TargetParameters": {
                    "StepFunctionStateMachineParameters": {"InvocationType": "FIRE_AND_FORGET"}
                },
            },
            source.id,
            depends_on=[
                self.names.sub(source.id, "PipeRole" + self.names.node(machine.id) + "Policy")
            ],
        )

    def k_eventbridge_pipe(self, node: Node) -> None:
        plan = pipe_plan(self.design, node)
        role = self.role(node.id, principal_role(self.design, node), self.allowed(plan.grants))
        self.own(
            node,
            {
                "RoleArn": getatt(role, "Arn"),
                "Source": self.resource_arn(plan.source_arn)
                if plan.source_arn
                else self.node_param(node.id, "SourceArn", "Source ARN"),
                "Target": self.arn(plan.target.id)
                if plan.target
                else self.node_param(node.id, "TargetArn", "Target ARN"),
                **settings(node.kind, node.config, plan.fields),
            },
        )

    def k_resource(self, node: Node) -> None:
        config: Any = node.config
        self.add(self.names.node(node.id), config.resource_type, dict(config.properties), node.id)

    def k_sqs_queue(self, node: Node) -> None:
        config: Any = node.config
        properties: Json = settings(node.kind, config, ("visibility_timeout_s",))
        if config.fifo:
            properties.update(settings(node.kind, config, ("fifo",)))
        if config.max_receive_count:
            dead = self.names.sub(node.id, "DeadLetterQueue")
            dead_properties: Json = {"MessageRetentionPeriod": 1209600}
            if config.fifo:
                dead_properties["FifoQueue"] = True
            self.add(dead, "AWS::SQS::Queue", dead_properties, node.id)
            properties["RedrivePolicy"] = redrive_policy(node, getatt(dead, "Arn"))
        self.own(node, properties)
        self.triggers(node)

    def k_sns_topic(self, node: Node) -> None:
        config: Any = node.config
        name = self.names.node(node.id)
        properties: Json = {}
        if config.fifo:
            properties.update(settings(node.kind, config, ("fifo",)))
            properties["TopicName"] = sub("${AWS::StackName}-" + _slug(node.id) + ".fifo")
        self.own(node, properties)
        plan = source_plan(self.design, node.id)
        for trigger in plan.triggers:
            if self.sam_handles(trigger.edge):
                continue
            target_name = self.names.node(trigger.target.id)
            self.permission(node, trigger.target.id, "sns.amazonaws.com", ref(name))
            self.add(
                self.names.sub(node.id, "To" + target_name),
                "AWS::SNS::Subscription",
                {
                    "TopicArn": ref(name),
                    "Protocol": "lambda",
                    "Endpoint": getatt(target_name, "Arn"),
                },
                node.id,
            )
        for text in plan.notes:
            self.note(node, text)

    def k_eventbridge_rule(self, node: Node) -> None:
        config: Any = node.config
        name = self.names.node(node.id)
        properties: Json = {"State": "ENABLED"}
        pattern = json_object(config.event_pattern)
        if config.schedule:
            properties.update(settings(node.kind, config, ("schedule",)))
        elif pattern is not None:
            properties["EventPattern"] = pattern
        else:
            if config.event_pattern:
                self.note(
                    node, "the event pattern is not a JSON object: replaced by a schedule parameter"
                )
            properties["ScheduleExpression"] = self.node_param(
                node.id, "Schedule", "Schedule expression", "rate(1 day)"
            )
        targets: list[tuple[RuleTarget, Json]] = []
        statements: list[Json] = []
        for plan in rule_targets(self.design, node.id):
            target = plan.target
            target_name = self.names.node(target.id)
            entry: Json = {"Id": target_name, "Arn": self.arn(target.id)}
            statements += self.allowed(plan.grants)
            if target.kind == "aws.lambda":
                self.permission(node, target.id, "events.amazonaws.com", getatt(name, "Arn"))
            elif target.kind == "aws.ecs.task":
                entry["Arn"] = (
                    getatt(self.names.node(plan.cluster), "Arn")
                    if plan.cluster
                    else self.param(
                        "EcsClusterArn",
                        "String",
                        "ECS cluster that runs scheduled tasks placed in no cluster",
                    )
                )
                ecs: Json = {
                    "TaskDefinitionArn": ref(target_name),
                    "TaskCount": 1,
                    "LaunchType": plan.launch_type,
                }
                if plan.awsvpc:
                    ecs["NetworkConfiguration"] = {"AwsVpcConfiguration": self.awsvpc(target.id)}
                entry["EcsParameters"] = ecs
            elif target.kind == "aws.batch.job_queue":
                entry["BatchParameters"] = {
                    "JobDefinition": self.job_definition(target.id),
                    "JobName": target_name,
                }
            targets.append((plan, entry))
        if statements:
            role = self.role(node.id, principal_role(self.design, node), statements)
            for plan, entry in targets:
                if plan.uses_role:
                    entry["RoleArn"] = getatt(role, "Arn")
        if targets:
            properties["Targets"] = [entry for _, entry in targets]
        self.own(node, properties)

    def job_definition(self, queue_id: str) -> Any:
        """The job definition submitted to a queue: its definition, or a parameter."""
        definition = submitted_definition(self.design, queue_id)
        if definition:
            return ref(self.names.node(definition))
        return self.node_param(queue_id, "JobDefinitionArn", "Job definition submitted")

    def k_s3_bucket(self, node: Node) -> None:
        config: Any = node.config
        name = self.names.node(node.id)
        properties: Json = {
            "BucketEncryption": {
                "ServerSideEncryptionConfiguration": [
                    {"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}
                ]
            },
            "PublicAccessBlockConfiguration": {
                "BlockPublicAcls": True,
                "BlockPublicPolicy": True,
                "IgnorePublicAcls": True,
                "RestrictPublicBuckets": True,
            },
        }
        if config.versioning:
            properties.update(settings(node.kind, config, ("versioning",)))
        lambdas: list[Json] = []
        depends: list[str] = []
        plan = bucket_notifications(self.design, node.id)
        for target in plan.targets:
            target_name = self.names.node(target.id)
            if target.kind == "aws.lambda":
                bucket_arn = {
                    "Fn::Sub": [
                        "arn:${AWS::Partition}:s3:::${BucketName}",
                        {"BucketName": self.bucket_name(node.id)},
                    ]
                }
                properties["BucketName"] = self.bucket_name(node.id)
                depends.append(
                    self.permission(
                        node, target.id, "s3.amazonaws.com", bucket_arn, source_account=True
                    )
                )
                lambdas.append({"Event": OBJECT_CREATED, "Function": self.arn(target.id)})
                continue
            grant = plan.rule_grant(target)
            role = self.role(node.id, EVENTS_ROLE, self.allowed([grant]), of=target.id)
            self.add(
                self.names.sub(node.id, "To" + target_name),
                "AWS::Events::Rule",
                {
                    "State": "ENABLED",
                    "EventPattern": plan.rule_pattern(ref(name)),
                    "Targets": [
                        {
                            "Id": target_name,
                            "Arn": self.arn(target.id),
                            "RoleArn": getatt(role, "Arn"),
                        }
                    ],
                },
                node.id,
            )
        notifications: Json = {}
        if lambdas:
            notifications["LambdaConfigurations"] = lambdas
        if plan.eventbridge:
            notifications["EventBridgeConfiguration"] = {"EventBridgeEnabled": True}
        if notifications:
            properties["NotificationConfiguration"] = notifications
        self.own(node, properties, depends_on=depends, retain="Retain")

    def k_dynamodb_table(self, node: Node) -> None:
        config: Any = node.config
        key = config.partition_key or "pk"
        properties: Json = {
            **settings(node.kind, config, ("billing_mode",)),
            "AttributeDefinitions": [{"AttributeName": key, "AttributeType": "S"}],
            "KeySchema": [{"AttributeName": key, "KeyType": "HASH"}],
        }
        if config.billing_mode == "PROVISIONED":
            properties["ProvisionedThroughput"] = {"ReadCapacityUnits": 5, "WriteCapacityUnits": 5}
        if streams_needed(self.design, node.id):
            properties["StreamSpecification"] = {"StreamViewType": "NEW_AND_OLD_IMAGES"}
        self.own(node, properties, retain="Retain")
        self.triggers(node)

    def k_rds_database(self, node: Node) -> None:
        config: Any = node.config
        name = self.names.node(node.id)
        network: Json = {}
        net = network_of(self.design, node.id)
        if net.subnet or net.vpc:
            group = self.names.sub(node.id, "SubnetGroup")
            self.add(
                group,
                "AWS::RDS::DBSubnetGroup",
                {
                    "DBSubnetGroupDescription": "ArchCanvas database subnets",
                    "SubnetIds": self.subnets(node.id, many=True),
                },
                node.id,
            )
            network = {"DBSubnetGroupName": ref(group)}
        common: Json = {
            "MasterUsername": "dbadmin",
            "ManageMasterUserPassword": True,
            "StorageEncrypted": True,
            **network,
        }
        if config.engine in RDS_CLUSTER_ENGINES:
            cluster: Json = {**settings(node.kind, config, ("engine",)), **common}
            if network:
                cluster["VpcSecurityGroupIds"] = self.security_groups(node.id)
            self.add(name, "AWS::RDS::DBCluster", cluster, node.id, retain="Snapshot")
            for index in range(2 if config.multi_az else 1):
                self.add(
                    self.names.sub(node.id, f"Instance{index + 1}"),
                    "AWS::RDS::DBInstance",
                    {
                        "DBClusterIdentifier": ref(name),
                        **settings(node.kind, config, ("engine", "instance_class")),
                    },
                    node.id,
                )
            return
        instance: Json = {
            **settings(
                node.kind, config, ("engine", "instance_class", "allocated_storage_gb", "multi_az")
            ),
            **common,
        }
        if network:
            instance["VPCSecurityGroups"] = self.security_groups(node.id)
        self.own(node, instance, retain="Snapshot")

    def k_ecr_repository(self, node: Node) -> None:
        config: Any = node.config
        self.own(
            node,
            settings(node.kind, config, ("scan_on_push",)),
        )


_SCALING = ("max_concurrency", "min_size", "max_size")
_CFN_ATTRIBUTES = {
    "arn": "Arn",
    "name": "Name",
    "resource_id": "DbiResourceId",
    "cluster_resource_id": "DBClusterResourceId",
}


def _option(namespace: str, name: str, value: Any) -> Json:
    return {"Namespace": namespace, "OptionName": name, "Value": value}


def _short_name(name: str, limit: int) -> str:
    text = name[:limit]
    return text if len(text) >= 4 else (text + "Conf")[:limit]


def _camel_or(text: str, fallback: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", text)
    name = "".join(w[:1].upper() + w[1:] for w in words)[:48]
    return name if name and name[0].isalpha() else fallback + name


def _behaviour(origin_id: str, dynamic: bool) -> Json:
    behaviour: Json = {
        "TargetOriginId": origin_id,
        "ViewerProtocolPolicy": "redirect-to-https",
        "CachePolicyId": MANAGED_CACHING_DISABLED if dynamic else MANAGED_CACHING_OPTIMIZED,
    }
    if dynamic:
        behaviour["OriginRequestPolicyId"] = MANAGED_ALL_VIEWER_EXCEPT_HOST
        behaviour["AllowedMethods"] = list(ALL_METHODS)
    return behaviour


_DOC_KEYS = frozenset({"Description", "Metadata"})
_LITERAL_KEYS = frozenset({"Definition", "DefinitionString", "Fn::Sub"})


def _no_dynamic_reference(text: str) -> str:
    """'{{resolve:' split, so that no label or setting ever becomes a dynamic reference that
    CloudFormation resolves at deploy time (labels are data)."""
    return text.replace("{{resolve:", "{ {resolve:")


def _documentation(value: Any) -> Any:
    """Text that CloudFormation shows but never resolves: '${' is split so that no reader
    takes user text for a substitution."""
    if isinstance(value, str):
        return _no_dynamic_reference(value).replace("${", "$ {")
    if isinstance(value, dict):
        return {key: _documentation(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_documentation(item) for item in value]
    return value


def _literal(value: Any) -> Any:
    """Property values: a string holding '${' becomes Fn::Sub with '${!', which CloudFormation
    resolves to the exact original text."""
    if isinstance(value, str):
        value = _no_dynamic_reference(value)
        return sub(value.replace("${", "${!")) if "${" in value else value
    if isinstance(value, dict):
        return {
            key: item if key in _LITERAL_KEYS else _literal(item) for key, item in value.items()
        }
    if isinstance(value, list):
        return [_literal(item) for item in value]
    return value


def _neutralised(template: Json, kept: frozenset[str] = frozenset()) -> Json:
    """User text made inert; `kept` names what came from an imported template (its sections
    and resources), which is the template's own code and is written back as it was."""
    result: Json = {}
    for key, value in template.items():
        if key in kept:
            result[key] = value
        elif key in _DOC_KEYS:
            result[key] = _documentation(value)
        elif key == "Parameters":
            result[key] = {
                name: {k: _documentation(v) if k == "Description" else v for k, v in p.items()}
                for name, p in value.items()
            }
        elif key == "Resources":
            resources: Json = {}
            for name, resource in value.items():
                if name in kept:
                    resources[name] = resource
                    continue
                resources[name] = {
                    k: _documentation(v)
                    if k == "Metadata"
                    else _literal(v)
                    if k == "Properties"
                    else v
                    for k, v in resource.items()
                }
            result[key] = resources
        else:
            result[key] = value
    return result


def build_template(design: Design, sam: bool = False) -> Json:
    """The template as a JSON-compatible dict (intrinsics in their long form)."""
    kept: set[str] = set()
    if design.imported is not None:
        kept.update(key for key in design.imported.sections if key != "Metadata")
        for node in design.iter_nodes():
            if node.origin is not None:
                kept.update(node.origin.resources)
    return _neutralised(_Builder(architecture_only(design), sam).build(), frozenset(kept))


def resource_count(design: Design) -> int:
    """How many resources build_template writes, for the stack-limit rule. Making user text
    inert keeps every resource (it rewrites values only), so the count skips that pass."""
    return len(_Builder(architecture_only(design), False).build()["Resources"])


def render(design: Design, json_format: bool = False, sam: bool = False) -> str:
    template = build_template(design, sam)
    if json_format:
        return json_dump(template)
    header = [
        f"CloudFormation template generated by ArchCanvas from the design {json.dumps(design.name)}"
    ]
    notes = template.get("Metadata", {}).get("ArchCanvas", {}).get("Notes", [])
    header.extend(f"Note: {note}" for note in notes)
    return yaml_dump(template, header)
