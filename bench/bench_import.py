"""Import speed: a generated template of about 500 resources (SAM functions with queues and
tables, a VPC with subnets in two zones, ECS services behind a load balancer, generic
resources), read, mapped, related, laid out and validated, then exported back.

Run: .venv/bin/python bench/bench_import.py [--resources 500] [--runs 5]
Target: read + build + layout + validate under 2 s (median, wall clock) for 500 resources.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from model.exporters import cloudformation
from model.importers import import_template
from model.importers.cloudformation import source_template
from model.importers.reader import read_template
from model.rules import validate


def template_text(resources: int) -> str:
    """A SAM template of about `resources` resources, in the shapes real projects use."""
    lines = [
        "AWSTemplateFormatVersion: '2010-09-09'",
        "Transform: AWS::Serverless-2016-10-31",
        "Description: generated for bench_import",
        "Parameters:",
        "  Memory: {Type: Number, Default: 512}",
        "Globals:",
        "  Function:",
        "    Runtime: python3.12",
        "    MemorySize: !Ref Memory",
        "    Timeout: 30",
        "Resources:",
        "  Vpc: {Type: AWS::EC2::VPC, Properties: {CidrBlock: 10.0.0.0/16}}",
    ]
    for zone in (0, 1):
        lines += [
            f"  Subnet{zone}:",
            "    Type: AWS::EC2::Subnet",
            "    Properties:",
            "      VpcId: !Ref Vpc",
            f"      CidrBlock: 10.0.{zone}.0/24",
            f"      AvailabilityZone: !Select [{zone}, !GetAZs '']",
        ]
    lines += [
        "  Cluster: {Type: AWS::ECS::Cluster}",
        "  Balancer:",
        "    Type: AWS::ElasticLoadBalancingV2::LoadBalancer",
        "    Properties: {Subnets: [!Ref Subnet0, !Ref Subnet1]}",
    ]
    count = 6
    index = 0
    while count < resources:
        group = index % 5
        name = f"R{index}"
        if group in (0, 1):
            lines += [
                f"  {name}Queue: {{Type: AWS::SQS::Queue, Properties: {{VisibilityTimeout: 180}}}}",
                f"  {name}Table:",
                "    Type: AWS::DynamoDB::Table",
                "    Properties:",
                "      BillingMode: PAY_PER_REQUEST",
                "      KeySchema: [{AttributeName: pk, KeyType: HASH}]",
                "      AttributeDefinitions: [{AttributeName: pk, AttributeType: S}]",
                f"  {name}Function:",
                "    Type: AWS::Serverless::Function",
                "    Properties:",
                "      Handler: app.handler",
                "      CodeUri: src/",
                f"      Environment: {{Variables: {{TABLE: !Ref {name}Table}}}}",
                "      VpcConfig:",
                "        SubnetIds: [!Ref Subnet0, !Ref Subnet1]",
                "        SecurityGroupIds: [sg-123]",
                "      Events:",
                f"        Q: {{Type: SQS, Properties: {{Queue: !GetAtt {name}Queue.Arn}}}}",
                "        Api: {Type: Api, Properties: {Path: /x, Method: get}}",
            ]
            count += 3
        elif group == 2:
            lines += [
                f"  {name}Task:",
                "    Type: AWS::ECS::TaskDefinition",
                "    Properties:",
                "      Cpu: '256'",
                "      Memory: '512'",
                "      NetworkMode: awsvpc",
                "      RequiresCompatibilities: [FARGATE]",
                "      ContainerDefinitions: [{Name: app, Image: nginx}]",
                f"  {name}Service:",
                "    Type: AWS::ECS::Service",
                "    Properties:",
                "      Cluster: !Ref Cluster",
                "      LaunchType: FARGATE",
                "      DesiredCount: 2",
                f"      TaskDefinition: !Ref {name}Task",
                "      NetworkConfiguration:",
                "        AwsvpcConfiguration: {Subnets: [!Ref Subnet0, !Ref Subnet1]}",
            ]
            count += 2
        elif group == 3:
            lines += [
                f"  {name}Topic: {{Type: AWS::SNS::Topic}}",
                f"  {name}Key: {{Type: AWS::KMS::Key, Properties: {{EnableKeyRotation: true}}}}",
            ]
            count += 2
        else:
            lines += [
                f"  {name}Bucket:",
                "    Type: AWS::S3::Bucket",
                "    Properties:",
                "      VersioningConfiguration: {Status: Enabled}",
            ]
            count += 1
        index += 1
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--resources", type=int, default=500)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.yaml"
        path.write_text(template_text(options.resources), encoding="utf-8")
        raw = read_template(path)
        print(f"template: {len(raw.data['Resources'])} resources, {path.stat().st_size} bytes")
        timings: dict[str, list[float]] = {"read": [], "import": [], "validate": [], "export": []}
        for _ in range(options.runs):
            start = time.perf_counter()
            source_template(read_template(path))
            timings["read"].append(time.perf_counter() - start)
            start = time.perf_counter()
            result = import_template(path)
            timings["import"].append(time.perf_counter() - start)
            start = time.perf_counter()
            validate(result.design)
            timings["validate"].append(time.perf_counter() - start)
            start = time.perf_counter()
            cloudformation.render(result.design)
            timings["export"].append(time.perf_counter() - start)
        design = result.design
        print(f"design: {len(design.nodes)} nodes, {len(design.edges)} edges")
        for step, values in timings.items():
            print(f"{step:>9}: median {statistics.median(values) * 1000:7.1f} ms")
        total = statistics.median(timings["import"]) + statistics.median(timings["validate"])
        verdict = "ok" if total < 2.0 else "OVER TARGET"
        print(
            f"import (read, build, layout) + validate: {total * 1000:.0f} ms (target 2000): {verdict}"
        )


if __name__ == "__main__":
    main()
