"""Which settings apply to a kind's variant (the inspector hides the others)."""

from __future__ import annotations

from model.catalog import CATALOG
from model.config.applicability import APPLIES_WHEN, field_applies, shown_fields


def test_every_rule_names_real_settings_and_values() -> None:
    for kind, rules in APPLIES_WHEN.items():
        fields = CATALOG.get(kind).config_model.model_fields
        for name, (decider, values) in rules.items():
            assert name in fields and decider in fields, (kind, name, decider)
            annotation = str(fields[decider].annotation)
            for value in values:
                assert repr(value) in annotation, (kind, decider, value)


def test_fields_follow_the_variant() -> None:
    model = CATALOG.get("aws.ec2.placement_group").config_model
    cluster = model.model_validate({"strategy": "cluster"})
    assert "partition_count" not in shown_fields("aws.ec2.placement_group", cluster)
    partition = model.model_validate({"strategy": "partition"})
    assert field_applies("aws.ec2.placement_group", "partition_count", partition)
    assert not field_applies("aws.ec2.placement_group", "spread_level", partition)


def test_a_set_value_keeps_its_field_shown() -> None:
    model = CATALOG.get("aws.ec2.placement_group").config_model
    odd = model.model_validate({"strategy": "cluster", "partition_count": 3})
    assert field_applies("aws.ec2.placement_group", "partition_count", odd)
