import subprocess
import sys

import numpy as np

from cinescribe.audio.vad import VadOptions, detect_speech, inner_pauses, speech_segments
from support import media


def _overlap(a, b):
    return max(0.0, min(a[1], b[1]) - max(a[0], b[0]))


def test_vad_finds_the_demo_speech_and_nothing_in_silence(tmp_path):
    speech = detect_speech(media.DEMO_WAV)
    # the STM transcript says speech runs from 6.68 s to 29.99 s
    assert 6.0 <= speech[0][0] <= 7.0 and speech[-1][1] >= 29.5
    quiet = media.silence(tmp_path / "quiet.wav", 5)
    assert detect_speech(quiet) == []


def test_block_and_row_edges_do_not_change_the_speech_found(tmp_path):
    long = media.concat([media.DEMO_WAV] * 4, tmp_path / "long.wav")
    whole = detect_speech(long, VadOptions(block_seconds=600))
    small_blocks = detect_speech(long, VadOptions(block_seconds=37))
    covered = sum(_overlap(a, b) for a in whole for b in small_blocks)
    total = sum(e - s for s, e in whole)
    assert covered / total > 0.97


def test_vad_on_cpu_never_loads_torch():
    # the torch import alone is 1.7 s on the path every film takes before its first chunk
    code = ("import sys; from cinescribe.audio.vad import VadOptions, detect_speech, inner_pauses, speech_segments; "
            f"speech = detect_speech({str(media.DEMO_WAV)!r}, threads=2); "
            "print(len(speech), 'torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["2", "False"]


def test_a_breath_inside_speech_is_a_pause_the_voice_resumes_after():
    """0.2 s below threshold inside speech: one segment (pauses under 0.3 s do not end one), and an onset where
    the voice comes back; a 0.1 s dip is not a pause worth an onset."""
    frame = 512 / 16000
    probs = np.array([0.0] * 10 + [0.9] * 30 + [0.1] * 7 + [0.9] * 30 + [0.1] * 3 + [0.9] * 30 + [0.0] * 20)
    assert len(speech_segments(probs, len(probs) * 512)) == 1
    assert inner_pauses(probs) == [[round(40 * frame, 3), round(47 * frame, 3)]]
