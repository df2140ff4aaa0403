"""Terraform export: parses with python-hcl2, holds the resources and references it should."""

from __future__ import annotations

import json

import hcl2

from model.exporters import export
from model.exporters._common import MANAGED_CACHING_DISABLED
from model.exporters.escaping import hcl_string


def _parse(folder):  # type: ignore[no-untyped-def]
    main = hcl2.loads((folder / "main.tf").read_text())
    variables = hcl2.loads((folder / "variables.tf").read_text())
    return main, variables


def _resources(main):  # type: ignore[no-untyped-def]
    found = {}
    for block in main.get("resource", []):
        for type_, named in block.items():
            for name, body in named.items():
                found[(type_.strip('"'), name.strip('"'))] = body
    return found


def test_every_design_parses(tmp_path, design_name, load_design_named) -> None:
    export(load_design_named(design_name), "terraform", tmp_path)
    main, variables = _parse(tmp_path)
    assert "provider" in main
    assert variables["variable"]


def test_pipeline_resources_and_references(tmp_path, small_pipeline) -> None:
    export(small_pipeline, "terraform", tmp_path)
    main, variables = _parse(tmp_path)
    resources = _resources(main)
    assert ("aws_lambda_function", "resize") in resources
    assert ("aws_iam_role", "resize_role") in resources
    policy = resources[("aws_iam_role_policy", "resize_role_policy")]
    assert "aws_dynamodb_table.images.arn" in json.dumps(policy)
    mapping = resources[("aws_lambda_event_source_mapping", "resize_queue_to_resize")]
    assert "aws_sqs_queue.resize_queue.arn" in json.dumps(mapping)
    assert mapping["batch_size"] == 10
    machine = resources[("aws_sfn_state_machine", "workflow")]
    assert "templatefile" in json.dumps(machine["definition"])
    assert "aws_lambda_function.resize.arn" in json.dumps(machine["definition"])
    template = (tmp_path / "workflow.asl.json").read_text()
    assert "${Resize}" in template
    assert any(k.strip('"') == "code_bucket" for v in variables["variable"] for k in v)


def test_kitchen_sink_resources(tmp_path, kitchen_sink) -> None:
    export(kitchen_sink, "terraform", tmp_path)
    main, _ = _parse(tmp_path)
    types = {t for t, _ in _resources(main)}
    expected = {
        "aws_lambda_function",
        "aws_iam_role",
        "aws_iam_role_policy",
        "aws_lambda_event_source_mapping",
        "aws_sfn_state_machine",
        "aws_cloudfront_distribution",
        "aws_ecs_task_definition",
        "aws_ecs_service",
        "aws_ecs_cluster",
        "aws_batch_compute_environment",
        "aws_batch_job_queue",
        "aws_batch_job_definition",
        "aws_instance",
        "aws_placement_group",
        "aws_apprunner_service",
        "aws_elastic_beanstalk_environment",
        "aws_lightsail_instance",
        "aws_eks_cluster",
        "aws_eks_node_group",
        "aws_eks_fargate_profile",
        "aws_lb",
        "aws_autoscaling_group",
        "aws_db_instance",
        "aws_rds_cluster",
        "aws_ecr_repository",
        "aws_pipes_pipe",
    }
    assert expected <= types
    distribution = _resources(main)[("aws_cloudfront_distribution", "cdn")]
    behaviour = json.dumps(distribution["default_cache_behavior"])
    assert "aws_lambda_function.edge_auth.qualified_arn" in behaviour
    assert "viewer-request" in behaviour


def test_hcl_strings_escape_templates_quotes_and_backslashes() -> None:
    text = 'a "b" \\ ${x} %{ if } $${y}\nz'
    literal = hcl_string(text)
    assert "${x}" not in literal.replace("$${", "")
    assert literal == '"a \\"b\\" \\\\ $${x} %%{ if } $$${y}\\nz"'
    parsed = hcl2.loads(f"x = {literal}\n")
    assert parsed["x"] in (text, literal.strip('"'), f'"{text}"', literal)


def test_api_role_starts_each_state_machine_with_only_the_action_it_needs(tmp_path) -> None:
    from model.design import Design, new_node
    from model.elements import Edge

    design = Design("API to workflows")
    api = new_node(design, "aws.apigateway.api", label="orders api")
    express = new_node(
        design,
        "aws.stepfunctions.state_machine",
        label="quote",
        config={"workflow_type": "EXPRESS", "invocation": "sync"},
    )
    standard = new_node(design, "aws.stepfunctions.state_machine", label="fulfil")
    for node in (api, express, standard):
        design.add_node(node)
    for target in (express, standard):
        design.add_edge(Edge(design.new_edge_id(), api.id, target.id, "invokes"))
    export(design, "terraform", tmp_path)
    text = " ".join((tmp_path / "main.tf").read_text().split())
    sync_only = '"states:StartSyncExecution", ] Resource = [ aws_sfn_state_machine.quote'
    async_only = '"states:StartExecution", ] Resource = [ aws_sfn_state_machine.fulfil'
    assert sync_only in text and async_only in text


def test_api_routes_match_cloudformation_action_method_and_timeout(tmp_path) -> None:
    """Both writers render one API plan: a sync Express workflow is started with
    StartSyncExecution (the only action its role allows), on POST, within the API's timeout."""
    from model.design import Design, new_node
    from model.elements import Edge

    for api_type, action in (
        ("rest", "states:action/StartSyncExecution"),
        ("http", "StepFunctions-StartSyncExecution"),
    ):
        design = Design("API to a sync workflow")
        api = new_node(
            design,
            "aws.apigateway.api",
            label="quotes",
            config={"api_type": api_type, "integration_timeout_s": 12},
        )
        express = new_node(
            design,
            "aws.stepfunctions.state_machine",
            label="quote",
            config={"workflow_type": "EXPRESS", "invocation": "sync"},
        )
        for node in (api, express):
            design.add_node(node)
        design.add_edge(Edge(design.new_edge_id(), api.id, express.id, "invokes"))
        out = tmp_path / api_type
        export(design, "terraform", out)
        text = " ".join((out / "main.tf").read_text().split())
        assert action in text and "StartExecution" not in text.replace("StartSyncExecution", "")
        assert "timeout_milliseconds = 12000" in text
        post = 'route_key = "POST /quote_1"' if api_type == "http" else 'http_method = "POST"'
        assert post in text


def test_alb_forwards_each_further_target_by_path_as_cloudformation_does(
    tmp_path, kitchen_sink
) -> None:
    """One load balancer plan for both writers: the first target group is the listener's
    default, an ALB forwards to each further one through a path rule."""
    from model.exporters import cloudformation

    export(kitchen_sink, "terraform", tmp_path)
    main, _ = _parse(tmp_path)
    resources = _resources(main)
    rules = {
        name: body for (type_, name), body in resources.items() if type_ == "aws_lb_listener_rule"
    }
    template = cloudformation.build_template(kitchen_sink)
    cfn_rules = [
        r
        for r in template["Resources"].values()
        if r["Type"] == "AWS::ElasticLoadBalancingV2::ListenerRule"
    ]
    assert len(rules) == len(cfn_rules) == 2
    rule = rules["alb_rule_1"]
    assert rule["priority"] == 1
    assert "aws_lb_target_group.alb_tg_asg.arn" in json.dumps(rule["action"])
    assert "/asg/*" in json.dumps(rule["condition"])


def test_stream_batch_size_and_topic_limits_match_cloudformation(tmp_path) -> None:
    """Queues, streams and topics trigger through one source plan: a stream's batch size
    reaches the mapping, and a topic that cannot start its target says so."""
    from model.config.edges import EdgeConfig
    from model.design import Design, new_node
    from model.elements import Edge
    from model.exporters._common import labelled

    design = Design("Sources")
    table = new_node(design, "aws.dynamodb.table", label="orders")
    function = new_node(design, "aws.lambda", label="indexer")
    topic = new_node(design, "aws.sns.topic", label="alerts")
    machine = new_node(design, "aws.stepfunctions.state_machine", label="triage")
    for node in (table, function, topic, machine):
        design.add_node(node)
    design.add_edge(
        Edge(
            design.new_edge_id(),
            table.id,
            function.id,
            "triggers",
            config=EdgeConfig(batch_size=25),
        )
    )
    design.add_edge(Edge(design.new_edge_id(), topic.id, machine.id, "triggers"))
    export(design, "terraform", tmp_path)
    text = (tmp_path / "main.tf").read_text()
    main, _ = _parse(tmp_path)
    mappings = [
        body
        for (type_, _), body in _resources(main).items()
        if type_ == "aws_lambda_event_source_mapping"
    ]
    assert [m["batch_size"] for m in mappings] == [25]
    assert f"SNS cannot start {labelled(machine)} directly: not templated" in text


def test_empty_design_writes_main_and_variables(tmp_path) -> None:
    from model.design import Design

    written = export(Design("Empty"), "terraform", tmp_path / "tf")
    assert sorted(p.name for p in written) == ["main.tf", "variables.tf"]
    main, variables = _parse(tmp_path / "tf")
    assert "provider" in main
    names = {key.strip('"') for block in variables["variable"] for key in block}
    assert names == {"prefix", "region"}


def test_ecs_service_network_uses_the_subnets_it_names(tmp_path, load_design_named) -> None:
    design = load_design_named("example:container-web-app")
    export(design, "terraform", tmp_path)
    text = (tmp_path / "main.tf").read_text()
    assert "subnets = [var.private_a_id, var.private_b_id]" in text


def test_cluster_instances_take_names_no_other_resource_has(tmp_path) -> None:
    """Every resource name comes from the exporter's one name table: a cluster's instances
    are named through it like every other derived resource, so queues called "db 1" and
    "db 2" beside a two-instance cluster "db" keep names no instance shares."""
    from model.design import Design, new_node

    design = Design("Names")
    config = {"engine": "aurora-postgresql", "multi_az": True}
    design.add_node(new_node(design, "aws.rds.database", config=config, node_id="db"))
    for node_id in ("db 1", "db 2"):
        design.add_node(new_node(design, "aws.sqs.queue", node_id=node_id))
    export(design, "terraform", tmp_path)
    resources = _resources(_parse(tmp_path)[0])
    names = [name for _, name in resources]
    assert [t for t, _ in resources].count("aws_rds_cluster_instance") == 2
    assert len(names) == len(set(names)), sorted(names)


def test_pipe_reads_a_table_stream_and_may_call_its_target_in_both_exports(tmp_path) -> None:
    """One pipe plan: a pipe from a table reads its stream (Pipes takes no table ARN), and
    its role may read that stream and call the target, in CloudFormation and Terraform."""
    from model.design import Design, new_node
    from model.elements import Edge
    from model.exporters import cloudformation

    design = Design("Pipe")
    for node_id, kind in (
        ("orders", "aws.dynamodb.table"),
        ("ship", "aws.eventbridge.pipe"),
        ("shipper", "aws.lambda"),
    ):
        design.add_node(new_node(design, kind, node_id=node_id))
    design.add_edge(Edge(design.new_edge_id(), "orders", "ship", "triggers"))
    design.add_edge(Edge(design.new_edge_id(), "ship", "shipper", "invokes"))
    template = cloudformation.build_template(design)
    pipe = template["Resources"]["Ship"]["Properties"]
    assert pipe["Source"] == {"Fn::GetAtt": ["Orders", "StreamArn"]}
    statements = template["Resources"]["ShipRolePolicy"]["Properties"]["PolicyDocument"]
    cfn = [(s["Resource"], "lambda:InvokeFunction" in s["Action"]) for s in statements["Statement"]]
    assert cfn == [([pipe["Source"]], False), ([{"Fn::GetAtt": ["Shipper", "Arn"]}], True)]
    export(design, "terraform", tmp_path)
    resources = _resources(_parse(tmp_path)[0])
    assert (
        resources[("aws_pipes_pipe", "ship")]["source"] == "${aws_dynamodb_table.orders.stream_arn}"
    )
    policy = json.dumps(resources[("aws_iam_role_policy", "ship_role_policy")])
    assert "dynamodb:GetRecords" in policy and "lambda:InvokeFunction" in policy
    assert "aws_lambda_function.shipper.arn" in policy


def test_function_handler_is_the_one_cloudformation_writes(tmp_path) -> None:
    from model.design import Design, new_node
    from model.exporters import cloudformation

    design = Design("Handlers")
    runtimes = {"j": "java21", "d": "dotnet8", "g": "provided.al2023", "p": "python3.12"}
    for node_id, runtime in runtimes.items():
        design.add_node(
            new_node(design, "aws.lambda", node_id=node_id, config={"runtime": runtime})
        )
    resources = cloudformation.build_template(design)["Resources"]
    expected = {n: resources[n.upper()]["Properties"]["Handler"] for n in runtimes}
    assert expected["j"] == "example.Handler::handleRequest"
    export(design, "terraform", tmp_path)
    found = _resources(_parse(tmp_path)[0])
    handlers = {n: found[("aws_lambda_function", n)]["handler"].strip('"') for n in runtimes}
    assert handlers == expected


def test_distribution_behaviours_and_origins_match_cloudformation(tmp_path) -> None:
    """One distribution plan: each further origin is served under its own path, an
    application origin is not cached and takes every method, a load balancer is reached
    over HTTP and a REST API under its stage, in both exports."""
    from model.design import Design, new_node
    from model.elements import Edge
    from model.exporters import cloudformation

    design = Design("Edge")
    for node_id, kind in (
        ("cdn", "aws.cloudfront.distribution"),
        ("assets", "aws.s3.bucket"),
        ("alb", "aws.elb.load_balancer"),
        ("rest", "aws.apigateway.api"),
    ):
        design.add_node(new_node(design, kind, node_id=node_id))
    for target in ("assets", "alb", "rest"):
        design.add_edge(Edge(design.new_edge_id(), "cdn", target, "routes"))
    config = cloudformation.build_template(design)["Resources"]["Cdn"]["Properties"]
    config = config["DistributionConfig"]
    cfn = [(b["PathPattern"], b["CachePolicyId"]) for b in config["CacheBehaviors"]]
    cfn_origins = {o["Id"].lower(): o for o in config["Origins"]}
    export(design, "terraform", tmp_path)
    body = _resources(_parse(tmp_path)[0])[("aws_cloudfront_distribution", "cdn")]
    behaviours = body["ordered_cache_behavior"]
    tf = [(b["path_pattern"].strip('"'), b["cache_policy_id"].strip('"')) for b in behaviours]
    assert (
        tf == cfn == [("/alb/*", MANAGED_CACHING_DISABLED), ("/rest/*", MANAGED_CACHING_DISABLED)]
    )
    assert all(len(b["allowed_methods"]) == 7 for b in behaviours)
    origins = {o["origin_id"].strip('"'): o for o in body["origin"]}
    protocol = origins["alb"]["custom_origin_config"][0]["origin_protocol_policy"].strip('"')
    assert protocol == cfn_origins["alb"]["CustomOriginConfig"]["OriginProtocolPolicy"]
    assert protocol == "http-only"
    assert origins["rest"]["origin_path"].strip('"') == cfn_origins["rest"]["OriginPath"] == "/prod"
