"""Benchmark: speakers on voices the settings never heard. Diarizes the film-like speaker films (tests/support/
film_like.py: `speakers_tune`, ten voices, and `speakers_heldout`, eleven others; espeak-ng, LibriSpeech and
Kokoro voices of both sexes, music beds, reverb, quick exchanges) and the pyannote sample, and prints DER
(no collar, overlap scored), voices found, voices merged (and any woman merged with a man), short turns given
to the right voice, and the diarization's real-time factor. Tune with --set on `speakers_tune`; report on
`speakers_heldout`. `--seed` builds each film with that seed instead of its own (same cast, other lines and
scenes): a film nobody has looked at, to confirm a setting, or a second tuning film.

    .venv/bin/python bench/speakers.py [--films speakers_heldout speakers_tune] [--set window_similarity=0.6 ...]
                                       [--minutes 10] [--seed 59]
"""

import argparse
import json
import sys
import time
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))

from cinescribe.audio.vad import VadOptions, detect_speech  # noqa: E402
from cinescribe.diarization.models.segmentation import load_segmenter  # noqa: E402
from cinescribe.diarization.models.speaker_encoder import load_encoder  # noqa: E402
from cinescribe.diarization.pipeline import Options, diarize  # noqa: E402
from support import film_like, media  # noqa: E402
from support.speaker_figures import (  # noqa: E402
    demo_reference,
    first_turns_heard,
    reference_turns,
    speaker_figures,
)

DEFAULTS = yaml.safe_load((REPO / "config" / "config.yaml").read_text())


def speech(wav, folder):
    """Silero's speech regions with the shipped VAD settings, cached beside the film."""
    cached = folder / "vad.json"
    if not cached.exists():
        cached.write_text(json.dumps(detect_speech(str(wav), VadOptions.from_config(DEFAULTS["vad"]))))
    return [tuple(x) for x in json.loads(cached.read_text())]


def first_turns_right(reference, turns, count=3):
    """Whether the first `count` reference turns go to found speakers in the reference's pattern (A, B, A…)."""
    heard = first_turns_heard(reference, turns, count)
    truth = [who for _, _, who in sorted(reference_turns(reference))[:count]]
    return None not in heard and all((a == b) == (x == y) for a, x in zip(heard, truth) for b, y in zip(heard, truth))


def parse_overrides(pairs):
    overrides = {}
    for pair in pairs:
        key, value = pair.split("=", 1)
        overrides[key] = yaml.safe_load(value)
    return overrides


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--films", nargs="*", default=["speakers_heldout", "speakers_tune"])
    parser.add_argument("--minutes", type=float, default=10.0)
    parser.add_argument("--set", nargs="*", default=[], metavar="KEY=VALUE", help="diarization options to try")
    parser.add_argument("--seed", type=int, help="build the films with this seed instead of their own")
    parser.add_argument("--no-sample", action="store_true")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "speakers")
    args = parser.parse_args()
    options = Options.from_config(DEFAULTS["diarization"], **parse_overrides(args.set))
    encoder = load_encoder("cpu", 2)
    segmenter = load_segmenter("cpu", 2) if options.overlap else None
    films = [(name, *film_like.build(args.out / film_like.film_folder(name, args.minutes, args.seed),
                                     film_like.film_spec(name, args.seed), args.minutes))
             for name in args.films]
    if not args.no_sample:
        films.append(("pyannote sample", media.DEMO_WAV, demo_reference()))
    print(f"options: {args.set or 'shipped defaults'}")
    for name, wav, reference in films:
        regions = speech(wav, Path(wav).parent) if name in film_like.FILMS else detect_speech(
            str(wav), VadOptions.from_config(DEFAULTS["vad"]))
        start = time.perf_counter()
        turns = diarize(str(wav), regions, encoder, options, segmenter)
        seconds = time.perf_counter() - start
        sexes = {v.name: v.sex for v in film_like.FILMS[name].voices} if name in film_like.FILMS else {}
        f = speaker_figures(reference, turns, sexes)
        duration = reference.get("duration") or media.read_wav(wav).shape[0] / 16000
        line = (f"{name}: DER {f.der:.3f} | voices found {f.found} of {f.voices} | merged {f.merged or 'none'} "
                f"({f.cross_sex_merges} woman+man) | short turns right {f.short_turns_right:.0%} of {f.short_turns} | "
                f"diarize {seconds:.1f} s (RTF {seconds / duration:.3f})")
        if name == "pyannote sample":
            line += f" | first three turns right: {first_turns_right(reference, turns)}"
        print(line, flush=True)


if __name__ == "__main__":
    main()
