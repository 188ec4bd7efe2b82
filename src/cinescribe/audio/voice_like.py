"""Sound that looks like a voice where Silero hears none: whispers, mostly.

Silero scores a whisper (breath through the mouth, no pitch) near zero, so a whispered line gets no window, no
words and no flag. What a whisper keeps is its spectrum: its energy sits in the band of speech formants, where
music beds, room tone, footsteps and engines put little of theirs. Stretches of such sound outside VAD speech
are listed in vad.json: the repair pass decodes each on its own (asr.transcribe), the merge's hallucination
filter judges what comes back, and what no cue covers is flagged for a person to listen to (done.json's speech
without subtitles, the review page).
"""

from dataclasses import dataclass

import numpy as np

from cinescribe.audio.media import SAMPLE_RATE, iter_blocks
from cinescribe.runtime.options import StageOptions
from cinescribe.shapes import Span
from cinescribe.spans import join_close, runs, uncovered

FRAME = 512  # 32 ms, Silero's frame
BAND_HZ = (300.0, 3400.0)  # the telephone band: speech formants, whispered or voiced


@dataclass
class VoiceLikeOptions(StageOptions):
    """When sound outside VAD speech counts as a voice VAD may have missed (`vad.voice_like` in config/schema.yaml)."""

    enabled: bool = True
    band_share: float = 0.6  # share of a frame's energy in 300-3400 Hz
    flatness: float = 0.1  # spectral flatness in that band (noise 1, a held note near 0)
    above_floor_db: float = 15.0  # level over the film's quietest 2 % of frames (room tone)
    syllable_swing_db: float = 2.0  # spread of the band's level over a second: syllables, not a steady hiss
    smoothing_s: float = 0.5  # frames voted over this long, so syllable gaps do not split a line
    min_s: float = 2.0  # shorter stretches are left out
    min_outside_s: float = 1.5  # a long enough stretch keeps each part outside VAD speech this long


def frame_features(samples):
    """Per 32 ms frame: level in dB, the share of its energy in the speech band, how noise-like the band is
    (spectral flatness: a whisper is breath noise shaped by the mouth, music in that band is notes), and the band's
    level in dB (syllables make it rise and fall; a fan or a radio's hiss holds it)."""
    count = len(samples) // FRAME
    if not count:
        return np.zeros(0), np.zeros(0), np.zeros(0), np.zeros(0)
    frames = samples[:count * FRAME].reshape(count, FRAME).astype(np.float32)
    power = np.abs(np.fft.rfft(frames * np.hanning(FRAME).astype(np.float32), axis=1)) ** 2
    freqs = np.fft.rfftfreq(FRAME, 1 / SAMPLE_RATE)
    inside = power[:, (freqs >= BAND_HZ[0]) & (freqs <= BAND_HZ[1])] + 1e-12
    band = inside.sum(1) / (power.sum(1) + 1e-12)
    flatness = np.exp(np.log(inside).mean(1)) / inside.mean(1)
    level = 10 * np.log10(np.mean(frames ** 2, axis=1) + 1e-12)
    return level, band, flatness, 10 * np.log10(inside.sum(1))


def voice_like_spans(level, band, flatness, band_db, speech, options=VoiceLikeOptions()) -> list[Span]:
    """[start, end] stretches of voice-like sound (see the module) that lie outside `speech`, in seconds. A
    stretch is measured whole (min_s), the part VAD heard included: a whisper whose first syllable VAD caught
    keeps the rest of it (min_outside_s)."""
    if not options.enabled or not len(level):
        return []
    from scipy.ndimage import uniform_filter1d

    frame_s = FRAME / SAMPLE_RATE
    floor = np.percentile(level, 2)
    second = max(1, round(1.0 / frame_s))
    mean = uniform_filter1d(band_db, second, mode="nearest")
    swing = np.sqrt(np.maximum(uniform_filter1d(band_db ** 2, second, mode="nearest") - mean ** 2, 0.0))
    like = ((band >= options.band_share) & (flatness >= options.flatness)
            & (level >= floor + options.above_floor_db) & (swing >= options.syllable_swing_db))
    votes = uniform_filter1d(like.astype(np.float32), max(1, round(options.smoothing_s / frame_s)), mode="nearest")
    stretches = join_close(runs(np.where(votes >= 0.5, 0, -1), frame_s), options.smoothing_s)
    found = []
    for start, end, _ in stretches:
        for a, b in uncovered(start, end, speech):
            if b - a >= options.min_s or (end - start >= options.min_s and b - a >= options.min_outside_s):
                found.append([round(float(a), 3), round(float(b), 3)])
    return found


def voice_like_in_file(wav_path, speech, options=VoiceLikeOptions(), block_seconds=600.0) -> list[Span]:
    """`voice_like_spans` of a WAV file, read block by block (memory stays flat on long films)."""
    if not options.enabled:
        return []
    block = max(FRAME, int(block_seconds * SAMPLE_RATE) // FRAME * FRAME)
    parts = [frame_features(samples) for samples in iter_blocks(wav_path, block)]
    if not parts:
        return []
    level, band, flatness, band_db = (np.concatenate(column) for column in zip(*parts))
    return voice_like_spans(level, band, flatness, band_db, speech, options)
