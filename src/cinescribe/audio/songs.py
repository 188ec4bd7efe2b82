"""Songs: stretches where music dominates, found from the audio itself (no model), so their cues can be
marked ♪ … ♪ (italic in ASS), dropped, or kept as they are.

Three cheap cues, each over a short window, median-smoothed over `context_s`:
- stability: the median cosine similarity of consecutive 64 ms spectra. Speech changes its spectrum every few
  tens of milliseconds (~0.70–0.82, also over a quiet music bed); music holds notes (above ~0.85 even with a voice
  over it at about its level).
- tonal persistence: the share of the energy in spectral peaks that stay on the same frequency for ≥ 0.3 s.
  Notes do; a speaking voice's harmonics glide. Music at the level of a voice keeps ~0.3–0.7 of the energy
  there; a bed 12–20 dB under dialogue only a few percent. Alone it would also take long steady vowels for
  music, so it counts only where the spectrum is stable too.
- rhythm: how periodic onsets are (the autocorrelation of the positive log-spectral flux at beat lags of
  0.2–1.2 s over 6 s). Drums and plucked patterns repeat; speech, footsteps and door slams do not (~0.15–0.3).
A window is music where rhythm ≥ min_rhythm, or tonal ≥ min_tonal and stability ≥ min_stability (where VAD
hears speech, min_voiced_stability: a voice in a ringing room holds its harmonics too). Each song is trimmed
to its unsmoothed music, so smoothing does not reach into the lines either side, and off VAD speech that runs
across its ends from outside (a line starting as the music fades is dialogue). Quiet windows (frames under
-50 dBFS) say nothing. The audio is read in blocks (memory stays flat).
"""

from dataclasses import dataclass

import numpy as np

from cinescribe.audio.media import SAMPLE_RATE, iter_blocks
from cinescribe.runtime.options import StageOptions
from cinescribe.shapes import Span
from cinescribe.spans import runs

FRAME, HOP = 1024, 512
FPS = SAMPLE_RATE / HOP
SILENT_RMS = 10 ** (-50 / 20)  # frames quieter than -50 dBFS say nothing about music or speech
BAND = slice(4, 320)  # 62 Hz – 5 kHz: where notes and voices have their harmonics
PEAK_DB = 10.0  # a bin this far above the mean of its ±7 neighbours (log power) is a spectral peak
HOLD_FRAMES = 10  # a peak held this long (0.32 s) on the same bin (±1) is a note
BEAT_LAGS_S = (0.2, 1.2)
RHYTHM_CONTEXT_S = 6.0


def frame_features(samples):
    """Per 32 ms hop: stability (cosine with the previous spectrum), loudness, band energy, energy in held
    peaks, and positive log-spectral flux."""
    from scipy.ndimage import maximum_filter1d, minimum_filter1d, uniform_filter1d

    if len(samples) < FRAME + HOP:
        return np.zeros((5, 0), np.float32)
    frames = np.lib.stride_tricks.sliding_window_view(samples, FRAME)[::HOP] * np.hanning(FRAME).astype(np.float32)
    spectra = np.abs(np.fft.rfft(frames, axis=1)).astype(np.float32)
    unit = spectra / (np.linalg.norm(spectra, axis=1, keepdims=True) + 1e-9)
    similarity = np.r_[1.0, np.sum(unit[1:] * unit[:-1], axis=1)]
    loudness = np.sqrt(np.mean(frames ** 2, axis=1))
    power = spectra[:, BAND] ** 2
    log_power = np.log(power + 1e-10)
    peak = (log_power - uniform_filter1d(log_power, 15, axis=1)) > PEAK_DB * np.log(10) / 10
    peak = maximum_filter1d(peak.view(np.uint8), 3, axis=1)
    held = maximum_filter1d(minimum_filter1d(peak, HOLD_FRAMES, axis=0), HOLD_FRAMES, axis=0).astype(bool)
    log_all = np.log(spectra[:, 4:] ** 2 + 1e-7)
    flux = np.r_[0.0, np.sum(np.maximum(np.diff(log_all, axis=0), 0), axis=1)]
    return np.stack([similarity, loudness, power.sum(axis=1), (power * held).sum(axis=1), flux]).astype(np.float32)


def _frames(wav_path, block_seconds=600.0, margin=16):
    """frame_features over the whole file, block by block: each block is computed with `margin` frames of the
    audio on either side, so the features do not depend on where the blocks fall."""
    block = max(HOP * 64, int(block_seconds * SAMPLE_RATE) // HOP * HOP)
    parts, buffer, buffer_frame, next_frame = [], np.zeros(0, np.float32), 0, 0
    blocks = iter_blocks(wav_path, block)
    samples = next(blocks, None)
    while samples is not None:
        buffer = np.concatenate([buffer, samples])
        samples = next(blocks, None)
        last = samples is None
        features = frame_features(buffer)
        count = features.shape[1] if last else features.shape[1] - margin
        if count > next_frame - buffer_frame:
            parts.append(features[:, next_frame - buffer_frame:count])
            next_frame = buffer_frame + count
        keep_from = max(0, next_frame - margin)
        buffer = buffer[(keep_from - buffer_frame) * HOP:]
        buffer_frame = keep_from
    return np.concatenate(parts, axis=1) if parts else np.zeros((5, 0), np.float32)


def _rhythm(flux):
    """Largest autocorrelation of the onset strength at beat lags (0 for a flat or too short stretch)."""
    from scipy.ndimage import uniform_filter1d

    if len(flux) < 2 * FPS:
        return 0.0
    onsets = np.maximum(flux - uniform_filter1d(flux, 9), 0)
    onsets = onsets - onsets.mean()
    spectrum = np.fft.rfft(onsets, 2 * len(onsets))
    ac = np.fft.irfft(np.abs(spectrum) ** 2)[:len(onsets)]
    lo, hi = int(BEAT_LAGS_S[0] * FPS), int(BEAT_LAGS_S[1] * FPS)
    return float(ac[lo:hi + 1].max() / ac[0]) if ac[0] > 0 else 0.0


def music_features(wav_path, window_s=2.0, step_s=1.0):
    """One row per `step_s`: [stability, tonal, rhythm] of the `window_s` around the step's middle; NaN where
    fewer than half the frames are louder than -50 dBFS."""
    similarity, loudness, energy, held, flux = _frames(wav_path)
    steps = int(np.ceil(len(similarity) / FPS / step_s))
    rows = np.full((steps, 3), np.nan)
    for k in range(steps):
        middle = (k + 0.5) * step_s * FPS
        a, b = max(0, int(middle - window_s / 2 * FPS)), int(middle + window_s / 2 * FPS)
        loud = loudness[a:b] > SILENT_RMS
        if not loud.any() or loud.sum() < len(loud) / 2:
            continue
        c, d = max(0, int(middle - RHYTHM_CONTEXT_S / 2 * FPS)), int(middle + RHYTHM_CONTEXT_S / 2 * FPS)
        rows[k] = [np.median(similarity[a:b][loud]), held[a:b].sum() / (energy[a:b].sum() + 1e-12),
                   _rhythm(flux[c:d].astype(np.float64))]
    return rows


@dataclass
class SongOptions(StageOptions):
    """What counts as a song (`songs` in config/schema.yaml)."""

    min_stability: float = 0.85
    min_voiced_stability: float = 0.9
    min_tonal: float = 0.12
    min_rhythm: float = 0.4
    min_song_s: float = 6.0
    line_margin_s: float = 0.5
    window_s: float = 2.0
    context_s: float = 7.0


def _speech_share(speech, steps):
    """Per 1 s step (music_features' step), the share of it VAD calls speech."""
    share = np.zeros(steps)
    for start, end in speech:
        for k in range(int(start), min(int(np.ceil(end)), steps)):
            share[k] += max(0.0, min(end, k + 1) - max(start, k))
    return share


def detect_songs(wav_path, options=SongOptions(), speech=None) -> list[Span]:
    """[[start, end], …] in seconds where music dominates for at least `min_song_s`.

    Where voices are (`speech`: VAD speech, voice-like stretches), held notes need `min_voiced_stability`: a
    voice in a ringing room holds its harmonics like a pad does (0.86 stability on a reverberant dialogue scene),
    while music under the voice is kept by its rhythm or by a steadier spectrum."""
    from scipy.ndimage import median_filter

    rows = music_features(wav_path, options.window_s)
    if not len(rows):
        return []
    quiet = np.isnan(rows[:, 0])
    smooth = median_filter(np.nan_to_num(rows, nan=0.0), size=(max(1, int(round(options.context_s))), 1),
                           mode="nearest")
    stability, tonal, rhythm = smooth.T
    needed = np.full(len(rows), options.min_stability)
    if speech:
        needed[_speech_share(speech, len(rows)) >= 0.5] = options.min_voiced_stability

    def is_music(stability, tonal, rhythm):
        return (rhythm >= options.min_rhythm) | ((tonal >= options.min_tonal) & (stability >= needed))

    music = is_music(*smooth.T) & ~quiet
    raw = is_music(*np.nan_to_num(rows, nan=0.0).T)
    songs = []
    for start, end, _ in runs(music.astype(int) - 1, 1.0):
        # Smoothing bridges the pauses inside a song but also reaches past its ends: trim each end to the last
        # step that is music unsmoothed, so the lines either side of a song are not marked (or dropped).
        inside = np.flatnonzero(raw[int(start):int(end)]) + int(start)
        if len(inside) and inside[-1] + 1 - inside[0] >= options.min_song_s:
            song = off_the_lines([float(inside[0]), float(inside[-1] + 1)], speech or [], options.line_margin_s)
            if song[1] > song[0]:
                songs.append(song)
    return songs


def off_the_lines(song, speech, margin_s) -> Span:
    """The song's ends moved `margin_s` clear of speech that runs across them and lies mostly outside the song.

    The windows are whole seconds, and rhythm is read over 6 s, so a song reaches up to two seconds into the
    line that follows the music (or precedes it): that line is dialogue, and marking (or dropping) its words
    as lyrics splits its sentence at the song's edge. The margin is for Whisper, whose first word under music
    can start a few hundred milliseconds before VAD hears the line. Singing inside the song lies mostly inside
    it and stays."""
    start, end = song
    for s, e in speech:
        if s < start < e and start - s >= e - start:
            start = e + margin_s
        if s < end < e and e - end >= end - s:
            end = s - margin_s
    return [start, end]
