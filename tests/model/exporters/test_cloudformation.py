"""CloudFormation export: valid for cfn-lint, least privilege, parameters, metadata, SAM."""

from __future__ import annotations

import json
import re

import pytest
from cfnlint.api import ManualArgs, lint

from model.exporters import cloudformation
from model.rules import validate

# The example "common-mistakes" holds deliberate errors; cfn-lint finds the same ones as
# ArchCanvas's rules (listed beside each code). Any other E finding fails the test.
EXPECTED_LINT_ERRORS = {
    "example:common-mistakes": {
        "E3048": "RULE_ECS_FARGATE_NETWORK_MODE (Fargate needs awsvpc)",
        "E3505": "RULE_SQS_LAMBDA_VISIBILITY_MIN (visibility timeout below function timeout)",
        "E3717": "LAMBDA_TIMEOUT_MAX (timeout above 900 s)",
    }
}


def _errors(text: str) -> list[str]:
    matches = lint(text, config=ManualArgs(regions=["us-east-1"]))
    return [f"{m.rule.id} {m.message}" for m in matches if m.rule.id.startswith("E")]


@pytest.mark.parametrize("variant", ["yaml", "sam"])
def test_cfn_lint_reports_no_error(design_name: str, variant: str, load_design_named) -> None:
    design = load_design_named(design_name)
    text = cloudformation.render(design, sam=variant == "sam")
    errors = _errors(text)
    allowed = EXPECTED_LINT_ERRORS.get(design_name, {})
    if allowed:
        assert any(f.severity == "error" for f in validate(design))
    unexpected = [e for e in errors if e.split()[0] not in allowed]
    assert unexpected == []


def test_json_variant_lints_and_equals_yaml(kitchen_sink, cfn_load) -> None:
    as_json = cloudformation.render(kitchen_sink, json_format=True)
    as_yaml = cloudformation.render(kitchen_sink)
    assert json.loads(as_json) == cfn_load(as_yaml)
    assert _errors(as_json) == []


def _template(design, sam=False):  # type: ignore[no-untyped-def]
    return cloudformation.build_template(design, sam=sam)


def _statements(template, policy_name):  # type: ignore[no-untyped-def]
    return template["Resources"][policy_name]["Properties"]["PolicyDocument"]["Statement"]


def test_function_gets_table_actions_on_that_table_only(small_pipeline) -> None:
    template = _template(small_pipeline)
    statements = _statements(template, "ResizeRolePolicy")
    dynamodb = [s for s in statements if any(a.startswith("dynamodb:") for a in s["Action"])]
    resources = [r for s in dynamodb for r in s["Resource"]]
    assert {"Fn::GetAtt": ["Images", "Arn"]} in resources
    assert all("Images" in json.dumps(r) for r in resources)
    assert "*" not in resources


def test_sqs_trigger_gets_event_source_mapping_and_receive_permissions(small_pipeline) -> None:
    template = _template(small_pipeline)
    mapping = template["Resources"]["ResizeQueueToResize"]
    assert mapping["Type"] == "AWS::Lambda::EventSourceMapping"
    assert mapping["Properties"]["BatchSize"] == 10
    assert mapping["Properties"]["EventSourceArn"] == {"Fn::GetAtt": ["ResizeQueue", "Arn"]}
    assert mapping["DependsOn"] == ["ResizeRolePolicy"]
    sqs = [
        s for s in _statements(template, "ResizeRolePolicy") if "sqs:ReceiveMessage" in s["Action"]
    ]
    assert sqs and "sqs:DeleteMessage" in sqs[0]["Action"]
    assert sqs[0]["Resource"] == [{"Fn::GetAtt": ["ResizeQueue", "Arn"]}]


def test_state_machine_substitutions_point_at_functions(small_pipeline) -> None:
    template = _template(small_pipeline)
    machine = template["Resources"]["Workflow"]["Properties"]
    assert machine["DefinitionSubstitutions"]["Resize"] == {"Fn::GetAtt": ["Resize", "Arn"]}
    assert machine["DefinitionSubstitutions"]["Done"] == {"Ref": "Done"}
    statements = _statements(template, "WorkflowRolePolicy")
    invoked = [s for s in statements if s["Action"] == ["lambda:InvokeFunction"]]
    assert invoked[0]["Resource"][0] == {"Fn::GetAtt": ["Resize", "Arn"]}
    assert len(invoked) == 1
    text = json.dumps(machine["Definition"])
    assert "${Resize}" in text and "${Done}" in text


def test_bucket_trigger_to_workflow_goes_through_eventbridge(small_pipeline) -> None:
    resources = _template(small_pipeline)["Resources"]
    bucket = resources["Uploads"]["Properties"]
    assert bucket["NotificationConfiguration"]["EventBridgeConfiguration"]["EventBridgeEnabled"]
    rule = resources["UploadsToWorkflow"]["Properties"]
    assert rule["Targets"][0]["Arn"] == {"Ref": "Workflow"}


def test_cloudfront_associates_edge_versions_by_event_type(kitchen_sink) -> None:
    resources = _template(kitchen_sink)["Resources"]
    behaviour = resources["Cdn"]["Properties"]["DistributionConfig"]["DefaultCacheBehavior"]
    associations = behaviour["LambdaFunctionAssociations"]
    assert {
        "EventType": "viewer-request",
        "LambdaFunctionARN": {"Ref": "EdgeAuthVersion"},
    } in associations
    assert {
        "EventType": "origin-response",
        "LambdaFunctionARN": {"Ref": "EdgeHeadersVersion"},
    } in associations
    assert resources["EdgeAuthVersion"]["Type"] == "AWS::Lambda::Version"
    trust = resources["EdgeAuthRole"]["Properties"]["AssumeRolePolicyDocument"]
    assert "edgelambda.amazonaws.com" in trust["Statement"][0]["Principal"]["Service"]


def test_triggers_get_permissions(kitchen_sink) -> None:
    resources = _template(kitchen_sink)["Resources"]
    principals = {
        r["Properties"]["Principal"]
        for r in resources.values()
        if r["Type"] == "AWS::Lambda::Permission"
    }
    assert {
        "s3.amazonaws.com",
        "sns.amazonaws.com",
        "events.amazonaws.com",
        "apigateway.amazonaws.com",
    } <= principals
    assert resources["AlertsToResize"]["Type"] == "AWS::SNS::Subscription"


def test_kinds_become_their_resources(kitchen_sink) -> None:
    types = {r["Type"] for r in _template(kitchen_sink)["Resources"].values()}
    expected = {
        "AWS::ECS::TaskDefinition",
        "AWS::ECS::Service",
        "AWS::Batch::ComputeEnvironment",
        "AWS::Batch::JobQueue",
        "AWS::Batch::JobDefinition",
        "AWS::EC2::Instance",
        "AWS::EC2::PlacementGroup",
        "AWS::AppRunner::Service",
        "AWS::ElasticBeanstalk::Environment",
        "AWS::Lightsail::Instance",
        "AWS::EKS::Cluster",
        "AWS::EKS::Nodegroup",
        "AWS::EKS::FargateProfile",
        "AWS::SQS::Queue",
        "AWS::SNS::Topic",
        "AWS::S3::Bucket",
        "AWS::DynamoDB::Table",
        "AWS::RDS::DBInstance",
        "AWS::RDS::DBCluster",
        "AWS::ECR::Repository",
        "AWS::Events::Rule",
        "AWS::StepFunctions::StateMachine",
        "AWS::ApiGateway::RestApi",
        "AWS::ApiGatewayV2::Api",
        "AWS::CloudFront::Distribution",
        "AWS::Pipes::Pipe",
        "AWS::ElasticLoadBalancingV2::LoadBalancer",
        "AWS::AutoScaling::AutoScalingGroup",
    }
    assert expected <= types


def test_fargate_service_network_comes_from_parameters(kitchen_sink) -> None:
    template = _template(kitchen_sink)
    awsvpc = template["Resources"]["Web"]["Properties"]["NetworkConfiguration"][
        "AwsvpcConfiguration"
    ]
    assert awsvpc["Subnets"] == {"Ref": "MainVpcSubnetIds"}
    assert template["Parameters"]["MainVpcSubnetIds"]["Type"] == "List<AWS::EC2::Subnet::Id>"
    assert template["Parameters"]["MainVpcId"]["Type"] == "AWS::EC2::VPC::Id"
    ami = template["Parameters"]["LatestAmiIdArm64"]
    assert ami["Type"] == "AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>"
    assert ami["Default"].startswith("/aws/service/ami-amazon-linux-latest/")


def test_metadata_names_design_and_node(small_pipeline) -> None:
    template = _template(small_pipeline)
    for resource in template["Resources"].values():
        assert resource["Metadata"]["ArchCanvas"]["Design"] == "Image pipeline"
    assert template["Resources"]["ResizeRole"]["Metadata"]["ArchCanvas"]["Node"] == "resize"


def test_nodes_without_resources_get_a_comment(kitchen_sink) -> None:
    text = cloudformation.render(kitchen_sink)
    assert re.search(r"^# Note: eu \(Ireland\): Region: no CloudFormation resource$", text, re.M)
    assert "# Note: rack (On-prem rack): Outpost: no CloudFormation resource" in text
    notes = json.loads(cloudformation.render(kitchen_sink, json_format=True))["Metadata"]
    assert any("Outpost" in n for n in notes["ArchCanvas"]["Notes"])


def test_logical_ids_are_alphanumeric_and_unique(hostile, kitchen_sink) -> None:
    for design in (hostile, kitchen_sink):
        template = _template(design)
        for name in list(template["Resources"]) + list(template.get("Parameters", {})):
            assert re.fullmatch(r"[A-Za-z][A-Za-z0-9]*", name), name


def test_sam_uses_serverless_function_with_events(small_pipeline) -> None:
    template = _template(small_pipeline, sam=True)
    assert template["Transform"] == "AWS::Serverless-2016-10-31"
    function = template["Resources"]["Resize"]
    assert function["Type"] == "AWS::Serverless::Function"
    assert function["Properties"]["Events"]["ResizeQueue"]["Type"] == "SQS"
    assert template["Resources"]["Workflow"]["Type"] == "AWS::Serverless::StateMachine"
    assert "ResizeQueueToResize" not in template["Resources"]


def test_user_text_with_substitution_markers_stays_literal(hostile) -> None:
    template = _template(hostile)
    function = next(
        r for r in template["Resources"].values() if r["Type"] == "AWS::Lambda::Function"
    )
    value = function["Properties"]["Environment"]["Variables"]["TEMPLATE"]
    assert value == {"Fn::Sub": "${!AWS::StackName} %{ if } {{x}}"}
    assert "${" not in json.dumps(template["Description"])


def test_export_is_deterministic(kitchen_sink, load_design_named) -> None:
    again = load_design_named("kitchen_sink")
    assert cloudformation.render(kitchen_sink) == cloudformation.render(again)
    assert cloudformation.render(kitchen_sink, sam=True) == cloudformation.render(again, sam=True)


def test_a_design_spanning_regions_says_each_needs_its_own_stack() -> None:
    from model.design import Design, new_node

    design = Design("Two Regions")
    home = new_node(design, "aws.lambda", label="api handler", config={"region": "eu-west-1"})
    edge = new_node(design, "aws.lambda_edge", label="edge auth")
    design.add_node(home)
    design.add_node(edge)
    notes = _template(design)["Metadata"]["ArchCanvas"]["Notes"]
    assert "spans 2 Regions" in notes[0]
    assert f"eu-west-1: {home.id}" in notes[0] and f"us-east-1: {edge.id}" in notes[0]
    design.remove_node(edge.id)
    assert "Notes" not in _template(design)["Metadata"]["ArchCanvas"]


def _refs(value):  # type: ignore[no-untyped-def]
    """Logical ids a template value refers to (Ref, GetAtt, ${Name} in Sub)."""
    if isinstance(value, dict):
        found = set()
        for key, item in value.items():
            if key == "Ref":
                found.add(item)
            elif key == "Fn::GetAtt":
                found.add(item[0])
            elif key == "Fn::Sub":
                text, variables = (item, {}) if isinstance(item, str) else item
                named = {n.split(".")[0] for n in re.findall(r"\$\{([^}!]+)\}", text)}
                found |= (named - set(variables)) | _refs(variables)
            else:
                found |= _refs(item)
        return found
    if isinstance(value, list):
        return set().union(*(_refs(v) for v in value)) if value else set()
    return set()


@pytest.mark.parametrize("sam", [False, True])
def test_event_source_permissions_name_their_source(kitchen_sink, sam) -> None:
    resources = _template(kitchen_sink, sam=sam)["Resources"]
    permissions = {
        name: r["Properties"]
        for name, r in resources.items()
        if r["Type"] == "AWS::Lambda::Permission"
    }
    for name, properties in permissions.items():
        if properties["Principal"] in (
            "s3.amazonaws.com",
            "sns.amazonaws.com",
            "events.amazonaws.com",
            "apigateway.amazonaws.com",
        ):
            assert "SourceArn" in properties, name
    bucket = resources["Uploads"]
    permission = permissions["UploadsInvokeResize"]
    assert permission["SourceAccount"] == {"Ref": "AWS::AccountId"}
    pattern, variables = permission["SourceArn"]["Fn::Sub"]
    assert pattern == "arn:${AWS::Partition}:s3:::${BucketName}"
    assert variables["BucketName"] == bucket["Properties"]["BucketName"]
    assert _refs(permission) <= {"Resize", "AWS::AccountId", "AWS::StackId", "AWS::Partition"}
    assert "UploadsInvokeResize" in bucket["DependsOn"]
    functions = [r for r in resources.values() if "Events" in r.get("Properties", {})]
    assert all(e["Type"] != "S3" for f in functions for e in f["Properties"]["Events"].values())


def test_bucket_names_are_lowercase_short_and_distinct() -> None:
    from model.design import Design, new_node
    from model.elements import Edge

    design = Design("Buckets")
    function = new_node(design, "aws.lambda", label="fn")
    design.add_node(function)
    for node_id in ("Upload Bucket", "upload--bucket", "x" * 80):
        design.add_node(new_node(design, "aws.s3.bucket", label=node_id, node_id=node_id))
        design.add_edge(Edge(design.new_edge_id(), node_id, function.id, "triggers"))
    resources = _template(design)["Resources"]
    slugs = [
        r["Properties"]["BucketName"]["Fn::Join"][1][1]
        for r in resources.values()
        if r["Type"] == "AWS::S3::Bucket"
    ]
    assert len(set(slugs)) == 3
    for slug in slugs:
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", slug)
        assert 12 + 1 + len(slug) + 1 + 12 <= 63


def test_uses_grants_bucket_read_and_write_but_not_delete(kitchen_sink) -> None:
    text = cloudformation.render(kitchen_sink)
    assert "s3:GetObject" in text and "s3:PutObject" in text and "s3:ListBucket" in text
    assert "s3:DeleteObject" not in text


def test_ecs_tasks_run_in_the_subnets_the_service_names() -> None:
    from model.design import Design, new_node

    design = Design("Two zones")
    vpc = new_node(design, "aws.vpc", label="vpc")
    design.add_node(vpc)
    subnets = []
    for name in ("private a", "private b"):
        subnet = new_node(design, "aws.subnet", label=name, parent=vpc.id)
        design.add_node(subnet)
        subnets.append(subnet.id)
    service = new_node(
        design, "aws.ecs.service", label="web", parent=vpc.id, config={"subnets": subnets}
    )
    design.add_node(service)
    template = _template(design)
    network = template["Resources"]["Web1"]["Properties"]["NetworkConfiguration"]
    assert network["AwsvpcConfiguration"]["Subnets"] == [
        {"Ref": "PrivateA1Id"},
        {"Ref": "PrivateB1Id"},
    ]
