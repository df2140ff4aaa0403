"""Where a node sits, read from containment: its zone, subnet, Outpost; shared by rule modules.

A node's Availability Zone is its innermost AZ container. A placement group may sit inside
one AZ (all its instances are there) or be drawn around several AZ containers (a group that
spans zones); either way each instance's zone is the AZ container nearest to it. Two AZ
containers with the same `name` are the same zone.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from model.design import Design

AZ = "aws.availability_zone"
SUBNET = "aws.subnet"
OUTPOST = "aws.outposts.outpost"
REGION = "aws.region"
PLACEMENT_GROUP = "aws.ec2.placement_group"
INSTANCE = "aws.ec2.instance"
AUTO_SCALING_GROUP = "aws.ec2.auto_scaling_group"
LOAD_BALANCER = "aws.elb.load_balancer"


def nearest_ancestor(design: Design, node_id: str, kinds: Iterable[str]) -> str | None:
    wanted = set(kinds)
    for ancestor in design.ancestors(node_id):
        if design.node(ancestor).kind in wanted:
            return ancestor
    return None


def zone_of(design: Design, node_id: str) -> str | None:
    """The id of the node's innermost Availability Zone container, if any."""
    return nearest_ancestor(design, node_id, (AZ,))


def zone_key(design: Design, zone_id: str) -> str:
    """What makes two AZ containers the same zone: the AZ name, else the node itself."""
    name = str(getattr(design.node(zone_id).config, "name", "") or "")
    return name or zone_id


def descendants_of_kinds(design: Design, node_id: str, kinds: Iterable[str]) -> list[str]:
    wanted = set(kinds)
    return [d for d in design.descendants(node_id) if design.node(d).kind in wanted]


def join_labels(labels: Iterable[str]) -> str:
    return ", ".join(sorted(labels))


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(text: str, what: str) -> dt.date:
    """A date out of limit text such as 'std to 2026-12-02'; names the limit when malformed."""
    match = _DATE.search(text)
    if match is None:
        raise ValueError(f"{what}: no YYYY-MM-DD date in {text!r}")
    return dt.date.fromisoformat(match.group(0))


def add_months(day: dt.date, months: int) -> dt.date:
    total = day.year * 12 + day.month - 1 + months
    year, month = divmod(total, 12)
    month += 1
    for candidate_day in range(day.day, 0, -1):
        try:
            return dt.date(year, month, candidate_day)
        except ValueError:
            continue
    raise ValueError(f"cannot add {months} months to {day}")
