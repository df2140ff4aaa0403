"""Outposts: what runs on racks and servers, Fargate, the anchor zone and configured capacity.
Each rule fires on a minimal design and stops when one value changes."""

from __future__ import annotations

from model.design import Design
from tests.model.rules.builders_b import add, findings, only, set_config

OUTPOST = "aws.outposts.outpost"


def outpost_design(form_factor: str = "rack", **config: object) -> tuple[Design, str, str]:
    design = Design()
    region = add(design, "aws.region", "eu-west-1", name="eu-west-1")
    zone = add(design, "aws.availability_zone", "eu-west-1a", parent=region, name="eu-west-1a")
    outpost = add(design, OUTPOST, "factory", parent=zone, form_factor=form_factor, **config)
    return design, zone, outpost


def test_lambda_in_a_subnet_on_an_outpost_is_unsupported() -> None:
    design, zone, outpost = outpost_design()
    subnet = add(design, "aws.subnet", "line", parent=outpost)
    fn = add(design, "aws.lambda", "fn", parent=subnet)
    finding = only(design, "OUTPOSTS_UNSUPPORTED_SERVICE")
    assert finding.elements == (fn, outpost) and "Lambda" in finding.message
    design.reparent(fn, zone)
    assert findings(design, "OUTPOSTS_UNSUPPORTED_SERVICE") == []


def test_rds_runs_on_a_rack_but_not_on_a_server() -> None:
    design, _, outpost = outpost_design()
    add(design, "aws.rds.database", "db", parent=outpost)
    assert findings(design, "OUTPOSTS_UNSUPPORTED_SERVICE") == []
    set_config(design, outpost, form_factor="server")
    assert "Outposts server" in only(design, "OUTPOSTS_UNSUPPORTED_SERVICE").message


def test_only_application_load_balancers_on_an_outpost() -> None:
    design, _, outpost = outpost_design()
    lb = add(design, "aws.elb.load_balancer", "lb", parent=outpost, type="network")
    assert "network load balancer" in only(design, "OUTPOSTS_UNSUPPORTED_SERVICE").message
    set_config(design, lb, type="application")
    assert findings(design, "OUTPOSTS_UNSUPPORTED_SERVICE") == []


def test_fargate_tasks_cannot_run_on_an_outpost() -> None:
    design, _, outpost = outpost_design()
    service = add(design, "aws.ecs.service", "svc", parent=outpost)
    assert only(design, "OUTPOSTS_FARGATE").elements == (service, outpost)
    set_config(design, service, launch_type="EC2")
    assert findings(design, "OUTPOSTS_FARGATE") == []


def test_anchor_zone_must_match_where_the_outpost_is_drawn() -> None:
    design, _, outpost = outpost_design(anchor_az="eu-west-1b")
    assert (
        "anchored to eu-west-1b but drawn in eu-west-1a"
        in only(design, "OUTPOSTS_ANCHOR_AZ").message
    )
    set_config(design, outpost, anchor_az="eu-west-1a")
    assert findings(design, "OUTPOSTS_ANCHOR_AZ") == []


def test_anchor_zone_must_belong_to_the_parent_region() -> None:
    design = Design()
    region = add(design, "aws.region", "eu-west-1", name="eu-west-1")
    outpost = add(design, OUTPOST, "factory", parent=region, anchor_az="us-east-1a")
    assert "not a zone of its parent Region" in only(design, "OUTPOSTS_ANCHOR_AZ").message
    set_config(design, outpost, anchor_az="eu-west-1c")
    assert findings(design, "OUTPOSTS_ANCHOR_AZ") == []


def test_instances_beyond_the_configured_capacity() -> None:
    design, _, outpost = outpost_design(capacity={"m5.xlarge": 4})
    fleet = add(design, "aws.ec2.instance", "fleet", parent=outpost, instance_type="m5.xlarge")
    set_config(design, fleet, count=5)
    finding = only(design, "OUTPOSTS_CAPACITY")
    assert "5 m5.xlarge" in finding.message and "holds 4" in finding.message
    set_config(design, fleet, count=4)
    assert findings(design, "OUTPOSTS_CAPACITY") == []
    set_config(design, fleet, instance_type="c5.large")
    assert "no slots of that type" in only(design, "OUTPOSTS_CAPACITY").message


def test_the_incremental_engine_follows_services_moved_onto_and_off_an_outpost() -> None:
    """The rule runs from the Outpost over what it holds: moves, additions deep inside, kind
    changes of the Outpost and removals re-run it as a full pass would."""
    from model.rules import IncrementalValidator, validate

    design, zone, outpost = outpost_design()
    subnet = add(design, "aws.subnet", "line", parent=outpost)
    validator = IncrementalValidator(design)

    def unsupported() -> list[object]:
        current = [f for f in validator.findings() if f.rule == "OUTPOSTS_UNSUPPORTED_SERVICE"]
        assert validator.findings() == validate(design)
        return current

    assert unsupported() == []
    fn = add(design, "aws.lambda", "fn", parent=zone)
    assert unsupported() == []
    design.reparent(fn, subnet)
    assert [f.elements for f in unsupported()] == [(fn, outpost)]
    inner = add(design, "aws.subnet", "inner", parent=subnet)
    queue = add(design, "aws.sqs.queue", "q", parent=inner)
    assert len(unsupported()) == 2
    set_config(design, outpost, form_factor="server")
    assert all("Outposts server" in f.message for f in unsupported())
    design.reparent(fn, zone)
    design.remove_node(queue)
    assert unsupported() == []
    validator.close()
