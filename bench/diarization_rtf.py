"""Diarization speed on CPU: real-time factor of the offline backend on a long file, beside bare ASR.

Prints the diarization RTF (target ≤ 0.05) and its time as a ratio of bare faster-whisper (batched,
int8) transcribing the same file in the same run, so the figure can be read on any machine.

    .venv/bin/python bench/diarization_rtf.py --minutes 10
"""

import argparse
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "bench"))
import mixed_film  # noqa: E402
import yaml  # noqa: E402
from vs_bare_faster_whisper import run_bare  # noqa: E402

from cinescribe.audio.media import wav_seconds  # noqa: E402
from cinescribe.audio.vad import VadOptions, detect_speech  # noqa: E402
from cinescribe.diarization.models.segmentation import load_segmenter  # noqa: E402
from cinescribe.diarization.models.speaker_encoder import load_encoder  # noqa: E402
from cinescribe.diarization.pipeline import Options, diarize  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--model", default="base", help="bare faster-whisper model for the ratio")
    parser.add_argument("--workdir", default=None)
    args = parser.parse_args()
    folder = Path(args.workdir or tempfile.mkdtemp(prefix="cinescribe-diarize-bench-"))
    wav, _ = mixed_film.build(folder, args.minutes)
    duration = wav_seconds(wav)
    defaults = yaml.safe_load((REPO / "config" / "config.yaml").read_text())
    speech = detect_speech(str(wav), VadOptions.from_config(defaults["vad"]), threads=args.threads)
    options = Options.from_config(defaults["diarization"])

    start = time.perf_counter()
    segmenter = load_segmenter("cpu", args.threads) if options.overlap else None
    turns = diarize(str(wav), speech, load_encoder("cpu", args.threads), options, segmenter)
    seconds = time.perf_counter() - start
    asr_seconds, *_ = run_bare("batched", wav, args.model, args.threads)

    print(f"file: {duration / 60:.1f} min, {sum(e - s for s, e in speech) / 60:.1f} min of speech, "
          f"{len({t['speaker'] for t in turns})} speakers, {len(turns)} turns")
    print(f"diarization: {seconds:.1f} s on {args.threads} CPU threads → RTF {seconds / duration:.4f} (target ≤ 0.05)")
    print(f"bare faster-whisper {args.model} batched: {asr_seconds:.1f} s → diarization/ASR ratio "
          f"{seconds / asr_seconds:.2f}")


if __name__ == "__main__":
    main()
