"""Voice activity with Silero VAD from the silero-vad package (offline weights), streamed in blocks."""

import logging

import numpy as np

from .audio import SAMPLE_RATE, iter_blocks

log = logging.getLogger(__name__)
FRAME = 512  # Silero's window at 16 kHz; blocks are whole frames so probabilities line up in time


def speech_probabilities(wav_path, device="cpu", block_seconds=600.0):
    """One speech probability per 32 ms frame; the model state restarts each block (bounded memory)."""
    import torch
    from silero_vad import load_silero_vad

    model = load_silero_vad().to(device)
    block_frames = max(FRAME, int(block_seconds * SAMPLE_RATE) // FRAME * FRAME)
    probs, total = [], 0
    with torch.inference_mode():
        for samples in iter_blocks(wav_path, block_frames):
            total += len(samples)
            if len(samples) % FRAME:
                samples = np.pad(samples, (0, FRAME - len(samples) % FRAME))
            out = model.audio_forward(torch.from_numpy(samples).to(device), SAMPLE_RATE)
            probs.extend(out.squeeze(0).float().cpu().tolist())
            log.info("vad: %.0f min scanned", total / SAMPLE_RATE / 60)
    return probs, total


def detect_speech(wav_path, threshold=0.5, min_speech_ms=250, min_silence_ms=300, pad_ms=100,
                  max_speech_s=28.0, device="cpu", block_seconds=600.0):
    """Speech segments in seconds, as [start, end] pairs, from Silero's own segmenter."""
    from silero_vad import get_speech_timestamps_from_probs

    probs, total = speech_probabilities(wav_path, device, block_seconds)
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
