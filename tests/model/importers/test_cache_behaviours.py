"""CloudFront cache behaviours: in the distribution's config and the function connections,
read by the CloudFront rules, exported per behaviour, and read from imported templates."""

from __future__ import annotations

from pathlib import Path

import yaml

from model.config.edges import EdgeConfig
from model.design import Design, new_node
from model.elements import Edge
from model.exporters import cloudformation, terraform
from model.importers import import_template
from model.rules import validate

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "cfn"


def _site(patterns: list[str | None]) -> Design:
    design = Design("site")
    design.add_node(new_node(design, "aws.s3.bucket", node_id="site"))
    behaviours = [{"path_pattern": p, "origin": "site"} for p in patterns if p]
    design.add_node(
        new_node(
            design,
            "aws.cloudfront.distribution",
            node_id="cdn",
            config={"cache_behaviors": behaviours},
        )
    )
    design.add_edge(Edge("r", "cdn", "site", "routes"))
    for index, pattern in enumerate(patterns):
        fn = f"fn{index}"
        design.add_node(new_node(design, "aws.lambda_edge", node_id=fn))
        config = EdgeConfig.model_validate(
            {"event_type": "viewer-request", "path_pattern": pattern}
        )
        design.add_edge(Edge(f"t{index}", "cdn", fn, "triggers", config))
    return design


def test_four_viewer_request_functions_on_four_behaviours_are_allowed() -> None:
    design = _site([None, "/account/*", "/old/*", "/experiments/*"])
    assert not [f for f in validate(design) if f.rule == "CLOUDFRONT_ONE_FUNCTION_PER_EVENT"]


def test_two_viewer_request_functions_on_one_behaviour_are_still_an_error() -> None:
    design = _site(["/account/*", "/account/*"])
    found = [f for f in validate(design) if f.rule == "CLOUDFRONT_ONE_FUNCTION_PER_EVENT"]
    assert len(found) == 1 and "/account/*" in found[0].message


def test_cloudformation_puts_each_function_on_its_own_behaviour() -> None:
    design = _site([None, "/account/*", "/old/*"])
    template = yaml.safe_load(cloudformation.render(design, json_format=True))
    config = template["Resources"]["Cdn"]["Properties"]["DistributionConfig"]
    default = config["DefaultCacheBehavior"]["LambdaFunctionAssociations"]
    assert [a["LambdaFunctionARN"] for a in default] == [{"Ref": "Fn0Version"}]
    by_path = {b["PathPattern"]: b for b in config["CacheBehaviors"]}
    assert list(by_path) == ["/account/*", "/old/*"]
    assert by_path["/account/*"]["LambdaFunctionAssociations"][0]["LambdaFunctionARN"] == {
        "Ref": "Fn1Version"
    }
    assert by_path["/old/*"]["TargetOriginId"] == "Site"


def test_sam_export_keeps_the_behaviours() -> None:
    design = _site([None, "/account/*"])
    template = yaml.safe_load(cloudformation.render(design, json_format=True, sam=True))
    config = template["Resources"]["Cdn"]["Properties"]["DistributionConfig"]
    assert [b["PathPattern"] for b in config["CacheBehaviors"]] == ["/account/*"]


def test_terraform_writes_an_ordered_cache_behavior_per_pattern() -> None:
    design = _site([None, "/account/*", "/old/*"])
    text = terraform.files(design)["main.tf"]
    assert text.count("ordered_cache_behavior {") == 2
    assert 'path_pattern = "/account/*"' in text
    assert text.count("lambda_function_association {") == 3


def test_imported_behaviours_fill_the_config_and_the_connections() -> None:
    design = import_template(FIXTURES / "cloudfront-edge.yaml").design
    cdn = next(n for n in design.iter_nodes() if n.label == "Distribution")
    assert [b.path_pattern for b in cdn.config.cache_behaviors] == [
        "/account/*",
        "/old/*",
        "/experiments/*",
    ]
    patterns = {
        design.node(e.target).label: e.config.path_pattern
        for e in design.outgoing(cdn.id, "triggers")
    }
    assert patterns == {
        "LocaleFunction": None,
        "AuthFunction": "/account/*",
        "RedirectFunction": "/old/*",
        "AbTestFunction": "/experiments/*",
    }
    assert not [f for f in validate(design) if f.rule == "CLOUDFRONT_ONE_FUNCTION_PER_EVENT"]


def test_edited_behaviours_of_an_imported_distribution_are_written_back() -> None:
    from model.config.integration import CacheBehavior
    from model.importers.reader import parse_template, read_template

    template = FIXTURES / "cloudfront-edge.yaml"
    design = import_template(template).design
    cdn = next(n for n in design.iter_nodes() if n.label == "Distribution")
    site = next(n for n in design.iter_nodes() if n.label == "SiteBucket")
    behaviours = [
        cdn.config.cache_behaviors[0],
        CacheBehavior(path_pattern="/static/*", origin=site.id),
        cdn.config.cache_behaviors[2],
    ]
    design.set_config(cdn.id, cdn.config.model_copy(update={"cache_behaviors": behaviours}))
    exported = parse_template(cloudformation.render(design), Path("out.yaml")).data
    original = read_template(template).data
    config = exported["Resources"]["Distribution"]["Properties"]["DistributionConfig"]
    before = original["Resources"]["Distribution"]["Properties"]["DistributionConfig"]
    assert [b["PathPattern"] for b in config["CacheBehaviors"]] == [
        "/account/*",
        "/static/*",
        "/experiments/*",
    ]
    assert config["CacheBehaviors"][0] == before["CacheBehaviors"][0]
    added = config["CacheBehaviors"][1]
    assert added["TargetOriginId"] == "site" and "LambdaFunctionAssociations" not in added
    assert config["DefaultCacheBehavior"] == before["DefaultCacheBehavior"]
