"""The kind mapping's one-line entries: dotted paths read as the path segments they name."""

from __future__ import annotations

from model.mapping import MAPPINGS, path_text
from model.mapping.fields import parse_path


def test_dotted_paths_name_keys_indexes_and_list_items() -> None:
    assert parse_path("ContainerDefinitions[0].PortMappings[0].ContainerPort") == (
        "ContainerDefinitions",
        0,
        "PortMappings",
        0,
        "ContainerPort",
    )
    assert parse_path("OptionSettings[Namespace=aws:ec2:vpc,OptionName=VPCId].Value") == (
        "OptionSettings",
        {"Namespace": "aws:ec2:vpc", "OptionName": "VPCId"},
        "Value",
    )


def test_every_field_path_reads_back_from_its_text() -> None:
    for mapping in MAPPINGS:
        for field in mapping.fields:
            text = path_text(field).removeprefix(f"{field.part}:" if field.part else "")
            assert parse_path(text) == field.path, (mapping.kind, field.name)
