"""Voice activity with Silero VAD from the silero-vad package (offline weights), streamed in blocks."""

import logging

import numpy as np

from .audio import SAMPLE_RATE, iter_blocks

log = logging.getLogger(__name__)
FRAME = 512  # Silero's window at 16 kHz; blocks are whole frames so probabilities line up in time


def _rows(samples, row_frames, warm_frames):
    """Cut a block into rows that Silero scores side by side, each led by `warm_frames` of the audio before it.

    Silero is recurrent, so a row that starts cold misjudges its first frames; the lead-in warms its state
    and its scores are dropped. Rows in a batch make VAD about ten times faster than one long sequence.
    """
    frames = samples.reshape(-1, FRAME)
    total = len(frames)
    padded = np.concatenate([np.zeros((warm_frames, FRAME), np.float32), frames,
                             np.zeros(((-total) % row_frames, FRAME), np.float32)])
    rows = [padded[i:i + row_frames + warm_frames].reshape(-1) for i in range(0, total, row_frames)]
    return np.stack(rows), total


def speech_probabilities(wav_path, device="cpu", block_seconds=600.0, row_seconds=30.0, warm_seconds=2.0,
                         threads=1):
    """One speech probability per 32 ms frame, block by block so memory stays flat on long films."""
    import torch
    from silero_vad import load_silero_vad

    model = load_silero_vad().to(device)
    torch.set_num_threads(threads)  # silero_vad sets 1 on import
    block_frames = max(FRAME, int(block_seconds * SAMPLE_RATE) // FRAME * FRAME)
    row_frames = max(1, int(row_seconds * SAMPLE_RATE) // FRAME)
    warm_frames = int(warm_seconds * SAMPLE_RATE) // FRAME
    probs, total = [], 0
    with torch.inference_mode():
        for samples in iter_blocks(wav_path, block_frames):
            total += len(samples)
            samples = np.pad(samples, (0, (-len(samples)) % FRAME))
            rows, frames = _rows(samples, row_frames, warm_frames)
            out = model.audio_forward(torch.from_numpy(rows).to(device), SAMPLE_RATE)
            probs.extend(out[:, warm_frames:].reshape(-1)[:frames].float().cpu().tolist())
            log.info("vad: %.1f min scanned", total / SAMPLE_RATE / 60)
    return probs, total


def detect_speech(wav_path, threshold=0.5, min_speech_ms=250, min_silence_ms=300, pad_ms=100,
                  max_speech_s=28.0, device="cpu", block_seconds=600.0, threads=1):
    """Speech segments in seconds, as [start, end] pairs, from Silero's own segmenter."""
    from silero_vad import get_speech_timestamps_from_probs

    probs, total = speech_probabilities(wav_path, device, block_seconds, threads=threads)
    if not probs:
        return []
    stamps = get_speech_timestamps_from_probs(
        probs,
        sampling_rate=SAMPLE_RATE,
        threshold=threshold,
        min_speech_duration_ms=min_speech_ms,
        max_speech_duration_s=max_speech_s,
        min_silence_duration_ms=min_silence_ms,
        speech_pad_ms=pad_ms,
        audio_length_samples=total,
    )
    return [[round(s["start"] / SAMPLE_RATE, 3), round(s["end"] / SAMPLE_RATE, 3)] for s in stamps]
