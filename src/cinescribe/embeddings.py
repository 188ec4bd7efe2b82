"""Speaker embeddings from Resemblyzer's GE2E encoder, whose weights ship inside the PyPI package (offline).

A speech region's mel spectrogram is computed once and sliced into windows, so overlapping windows cost
only the encoder, which scores them in batches.
"""

import logging

import numpy as np

from .errors import CinescribeError

log = logging.getLogger(__name__)
FRAMES_PER_SECOND = 100  # GE2E mel hop is 10 ms


def load_encoder(device="cpu", threads=None):
    """The GE2E voice encoder on `device`; one sentence when Resemblyzer is not installed."""
    import torch

    if threads:
        torch.set_num_threads(threads)
    try:
        from resemblyzer import VoiceEncoder
    except ImportError as err:
        raise CinescribeError(
            f"the offline diarization backend needs Resemblyzer ({err}); install it with "
            "`pip install webrtcvad-wheels && pip install --no-deps Resemblyzer==0.1.4` or run `make setup`"
        ) from None
    encoder = VoiceEncoder(device, verbose=False)
    encoder.eval()
    return encoder


def region_mels(samples):
    """Mel frames (n, 40) of one speech region, loudness-normalised the way GE2E was trained."""
    from resemblyzer.audio import normalize_volume, wav_to_mel_spectrogram
    from resemblyzer.hparams import audio_norm_target_dBFS

    return wav_to_mel_spectrogram(normalize_volume(samples, audio_norm_target_dBFS, increase_only=True))


def window_starts(frames, window_frames, hop_frames):
    """Window start frames covering a region; a region shorter than a window gets one (shorter) window."""
    if frames <= window_frames:
        return np.array([0])
    starts = np.arange(0, frames - window_frames + 1, hop_frames)
    if starts[-1] + window_frames < frames:
        starts = np.append(starts, frames - window_frames)
    return starts


def _fixed_length(mel, window_frames):
    return np.pad(mel, ((0, window_frames - len(mel)), (0, 0)), mode="wrap") if len(mel) < window_frames \
        else mel[:window_frames]


def embed_windows(encoder, mels, window_frames, batch=256):
    """One L2-normalised embedding per window; `mels` is a list of (n, 40) views, short ones tiled to length.

    Windows are stacked one batch at a time: a film's worth at once would take gigabytes.
    """
    import torch

    out = []
    with torch.inference_mode():
        for i in range(0, len(mels), batch):
            stacked = np.stack([_fixed_length(m, window_frames) for m in mels[i:i + batch]]).astype(np.float32)
            out.append(encoder(torch.from_numpy(stacked).to(encoder.device)).float().cpu().numpy())
    return np.concatenate(out) if out else np.zeros((0, 256), np.float32)
