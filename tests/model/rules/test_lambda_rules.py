"""Lambda rules: each fires on a minimal design and not on the nearest compliant one."""

from __future__ import annotations

import pytest
from helpers import add, design, findings, none, only

from model.limits import default_limits

LIMITS = default_limits()
FN = "aws.lambda"


def fn_design(**config: object) -> tuple[object, str]:
    d = design()
    return d, add(d, FN, "orders", **config)


def test_timeout_above_maximum_fires_and_maximum_passes() -> None:
    maximum = LIMITS.value("LAMBDA_TIMEOUT_MAX")
    d, _ = fn_design(timeout_s=maximum + 1)
    finding = only(d, "LAMBDA_TIMEOUT_MAX")
    assert finding.severity == "error"
    assert f"{maximum + 1:,} s" in finding.message and f"{maximum:,} s" in finding.message
    none(fn_design(timeout_s=maximum)[0], "LAMBDA_TIMEOUT_MAX")


def test_timeout_below_minimum_fires() -> None:
    d, _ = fn_design(timeout_s=LIMITS.value("LAMBDA_TIMEOUT_MIN") - 1)
    assert "minimum" in only(d, "LAMBDA_TIMEOUT_MAX").message


@pytest.mark.parametrize("edge", ["min", "max"])
def test_memory_range(edge: str) -> None:
    bound = LIMITS.value("LAMBDA_MEMORY_RANGE", edge)
    outside = bound - 1 if edge == "min" else bound + 1
    d, fn = fn_design(memory_mb=outside)
    finding = only(d, "LAMBDA_MEMORY_RANGE")
    assert finding.elements == (fn,)
    assert f"{outside:,} MB" in finding.message
    none(fn_design(memory_mb=bound)[0], "LAMBDA_MEMORY_RANGE")


def test_memory_hint_is_built_from_the_limits() -> None:
    d, _ = fn_design(memory_mb=1)
    hint = only(d, "LAMBDA_MEMORY_RANGE").hint
    assert f"{LIMITS.value('LAMBDA_MEMORY_RANGE', 'max'):,}" in hint


@pytest.mark.parametrize("edge", ["min", "max"])
def test_ephemeral_storage_range(edge: str) -> None:
    bound = LIMITS.value("LAMBDA_EPHEMERAL_STORAGE", edge)
    outside = bound - 1 if edge == "min" else bound + 1
    d, _ = fn_design(ephemeral_storage_mb=outside)
    assert f"{outside:,} MB" in only(d, "LAMBDA_EPHEMERAL_STORAGE").message
    none(fn_design(ephemeral_storage_mb=bound)[0], "LAMBDA_EPHEMERAL_STORAGE")


def test_package_unzipped_size() -> None:
    limit = LIMITS.value("LAMBDA_UNZIPPED_SIZE")
    d, _ = fn_design(unzipped_size_mb=limit + 1)
    finding = only(d, "LAMBDA_PACKAGE_SIZE")
    assert finding.severity == "error" and "unzipped" in finding.message
    none(fn_design(unzipped_size_mb=limit)[0], "LAMBDA_PACKAGE_SIZE")


def test_package_direct_upload_is_a_warning() -> None:
    limit = LIMITS.value("LAMBDA_ZIP_DIRECT_UPLOAD")
    d, _ = fn_design(package_size_mb=limit + 0.5)
    finding = only(d, "LAMBDA_PACKAGE_SIZE")
    assert finding.severity == "warning" and "S3" in finding.hint
    none(fn_design(package_size_mb=limit)[0], "LAMBDA_PACKAGE_SIZE")


def test_package_too_many_layers() -> None:
    limit = LIMITS.value("LAMBDA_LAYERS_MAX")
    d, _ = fn_design(layers=[f"l{i}" for i in range(limit + 1)])
    assert f"{limit + 1} layers" in only(d, "LAMBDA_PACKAGE_SIZE").message
    none(fn_design(layers=[f"l{i}" for i in range(limit)])[0], "LAMBDA_PACKAGE_SIZE")


def test_package_image_size_uses_the_data_unit() -> None:
    gb = LIMITS.value("LAMBDA_CONTAINER_IMAGE_SIZE")
    assert LIMITS.get("LAMBDA_CONTAINER_IMAGE_SIZE").unit == "GB"
    d, _ = fn_design(package_type="image", package_size_mb=gb * 1024 + 1)
    assert "container image" in only(d, "LAMBDA_PACKAGE_SIZE").message
    none(fn_design(package_type="image", package_size_mb=gb * 1024)[0], "LAMBDA_PACKAGE_SIZE")


def test_env_vars_size_counts_keys_and_values() -> None:
    allowed = LIMITS.value("LAMBDA_ENV_VARS_SIZE") * 1024
    d, _ = fn_design(environment={"K": "v" * allowed})
    finding = only(d, "LAMBDA_ENV_VARS_SIZE")
    assert f"{allowed + 1:,} bytes" in finding.message
    none(fn_design(environment={"K": "v" * (allowed - 1)})[0], "LAMBDA_ENV_VARS_SIZE")


def test_image_with_layers() -> None:
    d, fn = fn_design(package_type="image", layers=["pandas"])
    assert only(d, "LAMBDA_IMAGE_WITH_LAYERS").elements == (fn,)
    none(fn_design(package_type="image")[0], "LAMBDA_IMAGE_WITH_LAYERS")
    none(fn_design(layers=["pandas"])[0], "LAMBDA_IMAGE_WITH_LAYERS")


def test_provisioned_greater_than_reserved() -> None:
    d, fn = fn_design(reserved_concurrency=10, provisioned_concurrency=11)
    assert only(d, "LAMBDA_PROVISIONED_GT_RESERVED").elements == (fn,)
    none(
        fn_design(reserved_concurrency=10, provisioned_concurrency=10)[0],
        "LAMBDA_PROVISIONED_GT_RESERVED",
    )


def reserved_design(amounts: list[int], **quotas: int) -> tuple[object, list[str]]:
    d = design(**quotas)
    region = add(d, "aws.region", "Ireland", name="eu-west-1")
    ids = [
        add(d, FN, f"fn{i}", parent=region, reserved_concurrency=a) for i, a in enumerate(amounts)
    ]
    add(d, FN, "elsewhere", reserved_concurrency=max(amounts))
    add(d, FN, "no-reservation", parent=region)
    return d, ids


def test_reserved_sum_names_every_reserving_function_once() -> None:
    allowed = LIMITS.value("LAMBDA_ACCOUNT_CONCURRENCY") - LIMITS.value("LAMBDA_UNRESERVED_MIN")
    d, ids = reserved_design([allowed // 2, allowed // 2 + 1])
    finding = only(d, "LAMBDA_RESERVED_SUM")
    assert finding.elements == tuple(ids)
    assert "eu-west-1" in finding.message and "fn0" in finding.message and "fn1" in finding.message
    assert f"leaves {allowed:,}" in finding.message
    none(reserved_design([allowed // 2, allowed // 2])[0], "LAMBDA_RESERVED_SUM")


def test_reserved_sum_takes_the_profile_quotas() -> None:
    d, _ = reserved_design([600, 600], lambda_concurrent_executions=1300)
    none(d, "LAMBDA_RESERVED_SUM")
    d, _ = reserved_design(
        [600, 600], lambda_concurrent_executions=1300, lambda_unreserved_minimum=101
    )
    assert "leaves 1,199" in only(d, "LAMBDA_RESERVED_SUM").message


def test_changing_one_value_in_the_data_flips_the_verdict() -> None:
    d, _ = reserved_design([450, 450])
    none(d, "LAMBDA_RESERVED_SUM")
    lower = LIMITS.replaced("LAMBDA_ACCOUNT_CONCURRENCY", 900)
    assert findings(d, "LAMBDA_RESERVED_SUM", lower)
    d, _ = fn_design(memory_mb=LIMITS.value("LAMBDA_MEMORY_RANGE", "max"))
    none(d, "LAMBDA_MEMORY_RANGE")
    smaller = LIMITS.replaced("LAMBDA_MEMORY_RANGE", {"min": 128, "max": 3008, "step": 1})
    assert findings(d, "LAMBDA_MEMORY_RANGE", smaller)


@pytest.fixture
def on_day(monkeypatch: pytest.MonkeyPatch):
    """Judge runtime dates as of a given day."""
    import datetime as dt

    from model.rules import dates

    def set_day(text: str) -> None:
        monkeypatch.setattr(dates, "today", lambda: dt.date.fromisoformat(text))

    return set_day


def test_runtime_deprecation_follows_the_lifecycle_dates(on_day) -> None:
    lifecycle = LIMITS.value("LAMBDA_RUNTIME_LIFECYCLE")["nodejs20.x"]
    d, fn = fn_design(runtime="nodejs20.x")
    on_day(lifecycle["deprecated"])
    finding = only(d, "LAMBDA_RUNTIME_DEPRECATED")
    assert finding.severity == "warning" and finding.elements == (fn,)
    assert lifecycle["deprecated"] in finding.message and lifecycle["successor"] in finding.message
    on_day(lifecycle["create_block"])
    assert only(d, "LAMBDA_RUNTIME_DEPRECATED").severity == "error"


def test_supported_runtime_and_images_are_not_flagged(on_day) -> None:
    on_day("2026-11-28")
    none(fn_design(runtime="python3.13")[0], "LAMBDA_RUNTIME_DEPRECATED")
    none(fn_design(runtime="nodejs20.x", package_type="image")[0], "LAMBDA_RUNTIME_DEPRECATED")
    none(fn_design(runtime="no-such-runtime")[0], "LAMBDA_RUNTIME_DEPRECATED")


def test_runtime_dates_are_data(on_day) -> None:
    from model.rules import validate

    on_day("2026-11-28")
    d, _ = fn_design(runtime="python3.13")
    lifecycle = dict(LIMITS.value("LAMBDA_RUNTIME_LIFECYCLE"))
    lifecycle["python3.13"] = {**lifecycle["python3.13"], "deprecated": "2026-01-01"}
    changed = LIMITS.replaced("LAMBDA_RUNTIME_LIFECYCLE", lifecycle)
    rules = {f.rule for f in validate(d, limits=changed)}
    assert "LAMBDA_RUNTIME_DEPRECATED" in rules
