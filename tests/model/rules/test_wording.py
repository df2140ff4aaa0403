"""Findings and counts read naturally whatever the user named things."""

from __future__ import annotations

import re

from helpers import add, connect, design, only

from model.rules import validate
from model.wording import contents_text, counts, plural, plural_of, quoted


def test_plurals() -> None:
    assert plural(1, "connection") == "1 connection"
    assert plural(0, "connection") == "0 connections"
    assert plural(2, "GPU") == "2 GPUs"
    assert plural(1200, "function") == "1,200 functions"
    assert plural_of("policy") == "policies"
    assert plural_of("day") == "days"
    assert plural_of("compute environment") == "compute environments"
    assert plural_of("box") == "boxes"
    assert counts([(3, "service"), (0, "container"), (1, "connection")]) == (
        "3 services and 1 connection"
    )
    assert counts([(1, "service"), (1, "container"), (2, "connection")]) == (
        "1 service, 1 container and 2 connections"
    )


def test_names_are_quoted_and_whitespace_collapsed() -> None:
    assert quoted("  my\n fn ") == "“my fn”"


def test_a_label_that_is_the_kind_name_does_not_repeat_itself() -> None:
    d = design()
    add(d, "aws.lambda_edge", "Lambda@Edge function")
    finding = only(d, "LAMBDA_EDGE_NOT_ASSOCIATED")
    assert finding.message.startswith("No CloudFront distribution triggers “Lambda@Edge function”")
    assert "is a Lambda@Edge function" not in finding.message


def test_no_message_says_one_of_a_plural() -> None:
    d = design()
    add(d, "aws.batch.job_definition", "train", platform="FARGATE", gpus=1)
    messages = [f.message for f in validate(d)]
    assert any("1 GPU on Fargate" in m for m in messages)
    assert not [m for m in messages if re.search(r"\b1 [A-Za-z]+s\b", m)]


def test_contents_count_services_and_containers_apart() -> None:
    d = design()
    vpc = add(d, "aws.vpc", "net")
    fn = add(d, "aws.lambda", "fn")
    queue = add(d, "aws.sqs.queue", "q")
    connect(d, queue, fn, "triggers")
    assert vpc
    assert contents_text(d) == "2 services, 1 container and 1 connection"
    assert contents_text(design()) == "Empty design"
