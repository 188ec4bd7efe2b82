import logging

import pytest

from cinescribe.devices import asr_device, torch_device
from cinescribe.errors import CinescribeError


def _has(*available):
    return lambda kind: kind in available


@pytest.mark.parametrize("requested, available, expected", [
    ("auto", ("cuda", "mps"), "cuda"),
    ("auto", ("mps",), "mps"),
    ("auto", (), "cpu"),
    ("mps", ("mps",), "mps"),
    ("cpu", ("cuda",), "cpu"),
])
def test_torch_device_table(requested, available, expected):
    assert torch_device(requested, has=_has(*available)) == expected


def test_missing_torch_device_is_an_error_unless_not_strict():
    with pytest.raises(CinescribeError, match="not available"):
        torch_device("cuda", has=_has())
    assert torch_device("cuda", strict=False, has=_has()) == "cpu"


@pytest.mark.parametrize("requested, compute, gpus, expected", [
    ("auto", "auto", 1, ("cuda", "float16")),
    ("auto", "auto", 0, ("cpu", "int8")),
    ("mps", "auto", 0, ("cpu", "int8")),
    ("mps", "float16", 0, ("cpu", "int8")),
    ("cpu", "float16", 1, ("cpu", "int8")),
    ("cpu", "float32", 0, ("cpu", "float32")),
    ("cuda", "int8_float16", 2, ("cuda", "int8_float16")),
])
def test_asr_device_table(requested, compute, gpus, expected):
    assert asr_device(requested, compute, cuda_count=lambda: gpus) == expected


def test_asr_on_mps_warns_once_with_the_reason(caplog):
    with caplog.at_level(logging.WARNING):
        asr_device("mps", "auto", cuda_count=lambda: 0)
    assert len(caplog.records) == 1 and "no MPS backend" in caplog.text


def test_asr_cuda_absent():
    with pytest.raises(CinescribeError, match="no CUDA GPU"):
        asr_device("cuda", "auto", cuda_count=lambda: 0)
    assert asr_device("cuda", "auto", strict=False, cuda_count=lambda: 0) == ("cpu", "int8")
