"""Voice activity with Silero VAD from the silero-vad package (offline weights), streamed in blocks.

On CPU the network runs in ONNX Runtime from the package's sequence export, so this stage never imports torch:
its import alone would delay every film's first chunk. cuda/mps run the same network
in torch. One segmenter turns either's probabilities into speech.
"""

import bisect
import logging
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

import numpy as np

from cinescribe.audio.media import SAMPLE_RATE, iter_blocks, wav_seconds
from cinescribe.runtime.onnx import on_device
from cinescribe.runtime.options import StageOptions
from cinescribe.runtime.packages import package_file
from cinescribe.shapes import Span
from cinescribe.spans import uncovered

log = logging.getLogger(__name__)
FRAME = 512  # Silero's window at 16 kHz; blocks are whole frames so probabilities line up in time
CONTEXT = 64  # samples of the previous frame the network sees before each frame
ONNX_FILE = "silero_vad_16k_sequence.onnx"  # scores a whole run of frames in one call


def _rows(samples, row_frames, warm_frames):
    """Cut a block into rows scored independently, each led by `warm_frames` of the audio before it.

    Silero is recurrent, so a row that starts cold misjudges its first frames; the lead-in warms its state
    and its scores are dropped. Rows run side by side: a batch in torch, one thread each in ONNX Runtime.
    """
    frames = samples.reshape(-1, FRAME)
    total = len(frames)
    padded = np.concatenate([np.zeros((warm_frames, FRAME), np.float32), frames,
                             np.zeros(((-total) % row_frames, FRAME), np.float32)])
    rows = [padded[i:i + row_frames + warm_frames].reshape(-1) for i in range(0, total, row_frames)]
    return np.stack(rows), total


def _rows_touching(spans, first_s, row_s, count):
    """Indices of the `count` rows (each `row_s` long, from `first_s`) that overlap one of `spans` (sorted, apart)."""
    ends = [end for _, end in spans]
    wanted = []
    for k in range(count):
        start, end = first_s + k * row_s, first_s + (k + 1) * row_s
        i = bisect.bisect_right(ends, start)  # the first span ending after the row starts
        if i < len(spans) and spans[i][0] < end:
            wanted.append(k)
    return wanted


def _onnx_file():
    """The ONNX export inside the installed silero-vad package (importing the package would import torch)."""
    return package_file("silero_vad", f"data/{ONNX_FILE}", "the Silero VAD model", "pip install silero-vad==6.2.3")


def _onnx_scorer(threads):
    import onnxruntime

    options = onnxruntime.SessionOptions()
    options.inter_op_num_threads = options.intra_op_num_threads = 1  # parallel over rows, not inside one
    options.log_severity_level = 3
    session = onnxruntime.InferenceSession(str(_onnx_file()), options, providers=["CPUExecutionProvider"])
    pool = ThreadPoolExecutor(max(1, threads))  # ONNX Runtime releases the GIL while it runs

    def score_row(row):
        frames = row.reshape(-1, FRAME)
        context = np.zeros((len(frames), CONTEXT), np.float32)
        context[1:] = frames[:-1, -CONTEXT:]
        state = np.zeros((1, 1, 128), np.float32)
        probs, _, _ = session.run(["speech_probs", "hn", "cn"],
                                  {"input": np.concatenate([context, frames], 1), "h": state, "c": state})
        return np.asarray(probs).reshape(-1)

    return lambda rows: np.stack(list(pool.map(score_row, rows)))


def _torch_scorer(device, threads):
    import torch
    from silero_vad import load_silero_vad

    model = load_silero_vad().to(device)
    torch.set_num_threads(threads)  # silero_vad sets 1 on import

    def score(rows):
        with torch.inference_mode():
            return model.audio_forward(torch.from_numpy(rows).to(device), SAMPLE_RATE).float().cpu().numpy()

    return score


def speech_probabilities(wav_path, device="cpu", block_seconds=600.0, row_seconds=30.0, warm_seconds=2.0,
                         threads=1, only=None):
    """One speech probability per 32 ms frame, block by block so memory stays flat on long films. `only`:
    [start, end] spans in seconds (sorted); rows that touch none of them are not scored (probability 0)."""
    score = on_device(device, lambda: _onnx_scorer(threads), lambda: _torch_scorer(device, threads))
    block_frames = max(FRAME, int(block_seconds * SAMPLE_RATE) // FRAME * FRAME)
    row_frames = max(1, int(row_seconds * SAMPLE_RATE) // FRAME)
    warm_frames = int(warm_seconds * SAMPLE_RATE) // FRAME
    probs, total = [], 0
    for samples in iter_blocks(wav_path, block_frames):
        total += len(samples)
        samples = np.pad(samples, (0, (-len(samples)) % FRAME))
        rows, frames = _rows(samples, row_frames, warm_frames)
        if only is None:
            probs.append(score(rows)[:, warm_frames:].reshape(-1)[:frames])
        else:
            wanted = _rows_touching(only, (total - len(samples)) / SAMPLE_RATE, row_frames * FRAME / SAMPLE_RATE,
                                    len(rows))
            scored = np.zeros((len(rows), row_frames), np.float32)
            if wanted:
                scored[wanted] = score(rows[wanted])[:, warm_frames:]
            probs.append(scored.reshape(-1)[:frames])
        log.info("vad: %.1f min scanned", total / SAMPLE_RATE / 60)
    return (np.concatenate(probs) if probs else np.zeros(0, np.float32)), total


def _raw_segments(probs, threshold, neg_threshold, min_silence_frames):
    """Frame spans of speech, and the shorter pauses inside them (where a long one may be split).

    Speech starts at a frame at or above `threshold`; a pause starts at a frame below `neg_threshold` and lasts
    until the next frame at or above `threshold`; a pause of `min_silence_frames` ends the speech.
    """
    segments, start, pause, pauses = [], None, None, []
    for i, p in enumerate(probs):
        if p >= threshold:
            if start is None:
                start, pauses = i, []
            elif pause is not None:
                pauses.append((pause, i))
            pause = None
        elif start is not None and p < neg_threshold:
            pause = i if pause is None else pause
            if i - pause >= min_silence_frames:
                segments.append((start, pause, pauses))
                start, pause = None, None
    if start is not None:
        segments.append((start, pause if pause is not None else len(probs), pauses))
    return segments


def _hysteresis(probs, threshold, min_silence_ms):
    """`_raw_segments` with Silero's own settings: the pause threshold 0.15 under the speech threshold."""
    frame_s = FRAME / SAMPLE_RATE
    return _raw_segments(probs, threshold, max(threshold - 0.15, 0.01), round(min_silence_ms / 1000 / frame_s))


def _split_long(start, end, pauses, max_frames):
    """Split speech longer than `max_frames` at its longest pause (nearest the middle on a tie), recursively."""
    if end - start <= max_frames:
        return [(start, end)]
    inner = [(a, b) for a, b in pauses if start < a and b < end]
    if not inner:
        return [(start, start + max_frames)] + _split_long(start + max_frames, end, [], max_frames)
    middle = (start + end) / 2
    a, b = max(inner, key=lambda pause: (pause[1] - pause[0], -abs((pause[0] + pause[1]) / 2 - middle)))
    return _split_long(start, a, inner, max_frames) + _split_long(b, end, inner, max_frames)


def speech_segments(probs, total_samples, threshold=0.5, min_speech_ms=250, min_silence_ms=300, pad_ms=100,
                    max_speech_s=28.0, raw=None):
    """Speech in seconds as [start, end] pairs: hysteresis as Silero's own segmenter, long runs split at pauses,
    short bursts dropped, each side padded (half the gap where two segments are closer than two pads). `raw`:
    the hysteresis of `probs` when the caller has it already."""
    frame_s = FRAME / SAMPLE_RATE
    pad = pad_ms / 1000
    max_frames = max(1, int((max_speech_s - 2 * pad) / frame_s) - 1)
    raw = _hysteresis(probs, threshold, min_silence_ms) if raw is None else raw
    spans = [piece for start, end, pauses in raw for piece in _split_long(start, end, pauses, max_frames)]
    spans = [(s * frame_s, e * frame_s) for s, e in spans if (e - s) * frame_s > min_speech_ms / 1000]
    duration = total_samples / SAMPLE_RATE
    out = []
    for i, (start, end) in enumerate(spans):
        before = start - spans[i - 1][1] if i else 2 * pad
        after = spans[i + 1][0] - end if i + 1 < len(spans) else 2 * pad
        out.append([round(max(0.0, start - min(pad, before / 2)), 3),
                    round(min(duration, end + min(pad, after / 2)), 3)])
    return out


def inner_pauses(probs, threshold=0.5, min_silence_ms=300, min_pause_ms=150, raw=None) -> list[Span]:
    """Pauses of `min_pause_ms` or more inside speech segments (shorter than a pause that ends one), as
    [start, end] in seconds: the next line of a quick exchange begins at such an end, and Whisper's word start
    for it wanders by a fifth of a second. `raw`: as for `speech_segments`."""
    frame_s = FRAME / SAMPLE_RATE
    segments = _hysteresis(probs, threshold, min_silence_ms) if raw is None else raw
    return [[round(a * frame_s, 3), round(b * frame_s, 3)] for _, _, pauses in segments for a, b in pauses
            if (b - a) * frame_s >= min_pause_ms / 1000]


@dataclass
class VadOptions(StageOptions):
    """What counts as speech (`vad` in config/schema.yaml)."""

    threshold: float = 0.5
    min_speech_ms: int = 250
    min_silence_ms: int = 300
    pad_ms: int = 100
    max_speech_s: float = 28.0
    block_seconds: float = 600.0
    onset_pause_ms: int = 150
    recheck_row_seconds: float = 5.0
    recheck_warm_seconds: float = 1.0
    recheck_min_s: float = 0.5


def detect_speech(wav_path, options=VadOptions(), device="cpu", threads=1) -> list[Span]:
    """Speech segments in seconds, as [start, end] pairs."""
    return detect_voice(wav_path, options, device, threads)[0]


def detect_voice(wav_path, options=VadOptions(), device="cpu", threads=1) -> tuple[list[Span], list[Span]]:
    """Speech segments, and the short pauses inside them (`inner_pauses`)."""
    probs, total = speech_probabilities(wav_path, device, options.block_seconds, threads=threads)
    raw = _hysteresis(probs, options.threshold, options.min_silence_ms)  # one pass over the frames for both
    speech = speech_segments(probs, total, options.threshold, options.min_speech_ms, options.min_silence_ms,
                             options.pad_ms, options.max_speech_s, raw)
    return speech, inner_pauses(probs, options.threshold, options.min_silence_ms, options.onset_pause_ms, raw)


def rechecked_speech(wav_path, speech, options=VadOptions(), device="cpu", threads=1) -> list[Span]:
    """Speech that a second pass in short rows (`recheck_row_seconds`, each from a fresh state) hears where the
    first pass did not, in pieces of `recheck_min_s` or more. Only rows that reach into a pause of the first pass
    that long are scored (on the tune film two thirds of the CPU of a full pass).

    Silero's recurrent state, carried through a 30 s row, can go wrong and stay wrong: after a music scene it
    heard 0.7 s of the next 20 s of reverberant dialogue, which it heard whole from a fresh state. Short rows
    alone shift every span's edges, and cue timing is tuned on them; so the first pass keeps the spans, and what
    only the second pass hears is added beside them (vad.json voice_like: decoded again by the repair pass, else flagged).
    """
    if not options.recheck_row_seconds:
        return []
    duration = wav_seconds(wav_path)
    silent = [[a, b] for a, b in uncovered(0.0, duration, speech) if b - a >= options.recheck_min_s]
    probs, total = speech_probabilities(wav_path, device, options.block_seconds, options.recheck_row_seconds,
                                        options.recheck_warm_seconds, threads, only=silent)
    fresh = speech_segments(probs, total, options.threshold, options.min_speech_ms, options.min_silence_ms, 0,
                            options.max_speech_s)  # unpadded: the voice's own extent, as voice_like spans are
    return [[a, b] for start, end in fresh for a, b in uncovered(start, end, speech) if b - a >= options.recheck_min_s]
