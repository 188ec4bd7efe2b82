"""Songs: stretches where music dominates, found from the audio itself (no model), so their cues can be
marked ♪ … ♪ (italic in ASS), dropped, or kept as they are.

Speech changes its spectrum every few tens of milliseconds (syllables, consonants); music holds notes, so
consecutive spectra stay alike. The median cosine similarity of consecutive 64 ms spectra over a 2 s window
separates the two: ~0.70–0.85 for speech (also over soft background music), above 0.9 for music.
"""

from dataclasses import dataclass

import numpy as np

from cinescribe.audio.media import SAMPLE_RATE, iter_blocks
from cinescribe.runtime.options import StageOptions
from cinescribe.shapes import Span
from cinescribe.spans import runs

FRAME, HOP = 1024, 512
SILENT_RMS = 10 ** (-50 / 20)  # frames quieter than -50 dBFS say nothing about music or speech


def spectral_stability(samples):
    """Per-frame cosine similarity of each magnitude spectrum with the previous one, and frame loudness."""
    if len(samples) < FRAME + HOP:
        return np.zeros(0), np.zeros(0)
    frames = np.lib.stride_tricks.sliding_window_view(samples, FRAME)[::HOP] * np.hanning(FRAME)
    spectra = np.abs(np.fft.rfft(frames, axis=1))
    unit = spectra / (np.linalg.norm(spectra, axis=1, keepdims=True) + 1e-9)
    similarity = np.sum(unit[1:] * unit[:-1], axis=1)
    loudness = np.sqrt(np.mean(frames[1:] ** 2, axis=1))
    return similarity, loudness


def music_scores(wav_path, window_s=2.0, block_seconds=600.0):
    """One score per `window_s` of audio: median spectral stability of its loud frames (NaN when quiet)."""
    window = int(window_s * SAMPLE_RATE)
    block = max(window, int(block_seconds * SAMPLE_RATE) // window * window)
    scores = []
    for samples in iter_blocks(wav_path, block):
        for start in range(0, len(samples), window):
            similarity, loudness = spectral_stability(samples[start:start + window])
            loud = loudness > SILENT_RMS
            scores.append(float(np.median(similarity[loud])) if loud.sum() >= len(loud) / 2 and loud.any()
                          else np.nan)
    return np.array(scores)


@dataclass
class SongOptions(StageOptions):
    """What counts as a song (`songs` in config/schema.yaml)."""

    min_stability: float = 0.9
    min_song_s: float = 6.0
    window_s: float = 2.0


def detect_songs(wav_path, options=SongOptions()) -> list[Span]:
    """[[start, end], …] in seconds where music dominates for at least `min_song_s`."""
    from scipy.ndimage import median_filter

    min_stability, min_song_s, window_s = options.min_stability, options.min_song_s, options.window_s
    scores = music_scores(wav_path, window_s)
    if not len(scores):
        return []
    music = median_filter((np.nan_to_num(scores, nan=0.0) >= min_stability).astype(int), size=3, mode="nearest")
    return [[round(float(start), 3), round(float(end), 3)] for start, end, _ in runs(music - 1, window_s)
            if end - start >= min_song_s]
