"""Where each stage runs, decided in one place: torch stages on cuda/mps/cpu, CTranslate2 on cuda/cpu."""

import logging
import sys

from cinescribe.runtime.errors import CinescribeError

log = logging.getLogger(__name__)


def _cuda_count_ctranslate2():
    import ctranslate2

    return ctranslate2.get_cuda_device_count()


def _could_have(kind):
    """Whether `kind` can exist here, asked without torch (a second to import): cuda needs a device CTranslate2
    sees (or ROCm's /dev/kfd), mps needs macOS. A CPU-only machine then never imports torch to find out."""
    import os

    if kind == "cuda":
        return _cuda_count_ctranslate2() > 0 or os.path.exists("/dev/kfd")
    return sys.platform == "darwin"


def _torch_has(kind):
    if "torch" not in sys.modules and not _could_have(kind):
        return False
    import torch

    if kind == "cuda":
        return torch.cuda.is_available()
    return bool(getattr(torch.backends, "mps", None)) and torch.backends.mps.is_available()


def torch_device(requested="auto", strict=True, has=_torch_has):
    """auto → cuda, then mps, then cpu; an explicit device that is absent fails (or falls back if not strict)."""
    if requested == "auto":
        return next((kind for kind in ("cuda", "mps") if has(kind)), "cpu")
    if requested == "cpu" or has(requested):
        return requested
    if strict:
        raise CinescribeError(f"device '{requested}' was asked for but is not available; set device: auto or cpu.")
    log.warning("device '%s' is not available; running on cpu", requested)
    return "cpu"


def vad_device(requested="auto", strict=True, has=_torch_has):
    """Silero runs in ONNX Runtime on the CPU unless a GPU is named: auto never imports torch to look."""
    return "cpu" if requested in ("auto", "cpu") else torch_device(requested, strict, has)


def asr_device(requested="auto", compute_type="auto", strict=True, cuda_count=_cuda_count_ctranslate2):
    """CTranslate2 has no MPS backend, so mps means cpu; cpu runs int8, since float16 is a GPU format."""
    if requested == "mps":
        log.warning("ASR asked for mps, but CTranslate2 has no MPS backend: running on cpu with int8")
        requested, compute_type = "cpu", "int8"
    if requested == "auto":
        requested = "cuda" if cuda_count() > 0 else "cpu"
    elif requested == "cuda" and cuda_count() == 0:
        if strict:
            raise CinescribeError("ASR device 'cuda' was asked for but no CUDA GPU is visible; set asr.device: auto or cpu.")
        log.warning("ASR asked for cuda but no CUDA GPU is visible; running on cpu")
        requested = "cpu"
    if compute_type == "auto":
        compute_type = "float16" if requested == "cuda" else "int8"
    elif requested == "cpu" and compute_type in ("float16", "int8_float16", "bfloat16", "int8_bfloat16"):
        log.warning("compute type %s needs a GPU; using int8 on cpu", compute_type)
        compute_type = "int8"
    return requested, compute_type


def apply_mps_settings(resources):
    """The mac profile gives torch rules an `mps` resource; set PyTorch's MPS knobs before torch loads."""
    import os

    if int(resources.get("mps", 0)) <= 0:
        return
    os.environ.setdefault("PYTORCH_ENABLE_MPS_FALLBACK", "1")  # ops MPS lacks run on cpu, not fail
    ratio = int(resources.get("mps_watermark_pct", 0))
    if ratio:
        os.environ.setdefault("PYTORCH_MPS_HIGH_WATERMARK_RATIO", f"{ratio / 100:.2f}")


def memory_in_use(device):
    """Bytes the device's allocator holds (cuda/mps), or this process's peak RSS on cpu."""
    import resource

    import torch

    if device == "cuda":
        return torch.cuda.memory_allocated()
    if device == "mps":
        return torch.mps.current_allocated_memory()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak if sys.platform == "darwin" else peak * 1024


def release_torch_memory(device):
    """Give cached device memory back after a torch stage, so the next stage on the GPU starts clean."""
    import gc

    import torch

    before = memory_in_use(device)
    gc.collect()
    if device == "cuda":
        torch.cuda.empty_cache()
    elif device == "mps":
        torch.mps.empty_cache()
    log.info("%s memory: %.1f MB before release, %.1f MB after", device, before / 2**20, memory_in_use(device) / 2**20)
