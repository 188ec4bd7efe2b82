import logging

import pytest

from cinescribe.runtime.devices import asr_device, torch_device, vad_device
from cinescribe.runtime.errors import CinescribeError


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


def test_vad_stays_on_cpu_unless_a_gpu_is_named():
    assert vad_device("auto", has=_has("cuda", "mps")) == "cpu"  # ONNX Runtime: torch is not even asked
    assert vad_device("cuda", has=_has("cuda")) == "cuda"
    with pytest.raises(CinescribeError):
        vad_device("mps", has=_has())


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


def test_mac_profile_resources_set_the_mps_knobs(monkeypatch):
    from cinescribe.runtime.devices import apply_mps_settings

    for var in ("PYTORCH_ENABLE_MPS_FALLBACK", "PYTORCH_MPS_HIGH_WATERMARK_RATIO"):
        monkeypatch.delenv(var, raising=False)
    apply_mps_settings({"batch_size": 8})  # not an MPS job: nothing set
    assert "PYTORCH_ENABLE_MPS_FALLBACK" not in __import__("os").environ
    apply_mps_settings({"mps": 1, "mps_watermark_pct": 70})
    env = __import__("os").environ
    assert env["PYTORCH_ENABLE_MPS_FALLBACK"] == "1" and env["PYTORCH_MPS_HIGH_WATERMARK_RATIO"] == "0.70"


def test_profiles_give_each_device_its_resources():
    from pathlib import Path

    import yaml

    profiles = Path(__file__).resolve().parents[3] / "profiles"
    mac = yaml.safe_load((profiles / "mac" / "config.yaml").read_text())
    assert all(mac["set-resources"][rule]["mps"] == 1 for rule in ("diarize", "translate"))
    assert "mps=1" in mac["resources"]
    assert "transcribe_chunk" not in mac["set-resources"]  # ASR stays on CPU threads
    cuda = yaml.safe_load((profiles / "cuda" / "config.yaml").read_text())
    assert all(cuda["set-resources"][rule]["gpu"] == 1 for rule in ("transcribe_chunk", "diarize", "translate"))
    slurm = yaml.safe_load((profiles / "slurm" / "config.yaml").read_text())
    assert slurm["executor"] == "slurm" and slurm["set-resources"]["transcribe_chunk"]["gres"] == "gpu:1"
