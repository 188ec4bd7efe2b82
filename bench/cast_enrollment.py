"""Speakers by name: how much of a film's speech carries the right character name with one ~10 s reference
per character (diarization.cast), and how much carries a name it should not.

On a film-like soundtrack (tests/support/film_like.py; `heldout` by default: the thresholds were chosen on
`tune`) every character but two gets one reference: its longest lines until ~10 s, taken from the film itself
(source empty). The film is diarized with the default config (VAD + CAM++ clustering), each diarized speaker
named by diarization.naming, and the reference lines scored on a 10 ms grid (frames where one line speaks):

- right name: share of cast speech whose diarized speaker carries that character's name (target >= 95 %);
  also among frames whose diarized speaker is pure (>= 90 % of its time one reference voice), which shows
  what naming does apart from the clustering;
- non-cast voice named: seconds of the two left-out characters' speech carrying a cast name (target 0);
- cast speech unnamed: seconds of cast speech whose speaker kept its SPEAKER_NN (and seconds with no turn).

`--grid` prints the figures over a grid of cast_similarity x cast_margin (how the defaults were chosen).

    PYTHONPATH=src:tests .venv/bin/python bench/cast_enrollment.py [--film heldout|tune] [--film-dir DIR] [--grid]
"""

import argparse
import json
import sys
import time
from pathlib import Path

import numpy as np
import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests"))
from cinescribe.audio.vad import VadOptions, detect_speech  # noqa: E402
from cinescribe.diarization.cast import cast_names, enroll, speaker_prints  # noqa: E402
from cinescribe.diarization.cast_list import CastRow  # noqa: E402
from cinescribe.diarization.models.segmentation import load_segmenter  # noqa: E402
from cinescribe.diarization.models.speaker_encoder import load_encoder  # noqa: E402
from cinescribe.diarization.naming import NamingOptions, alike_names, match_names  # noqa: E402
from cinescribe.diarization.pipeline import Options, diarize  # noqa: E402
from support import film_like  # noqa: E402

STEP = 0.01
REFERENCE_S = 10.0


def reference_rows(reference, left_out):
    """One row set per cast character: its longest whole lines that no other line
    overlaps, until 10 s or a little more."""
    lines = reference["lines"]
    alone = [ln for ln in lines if not any(o is not ln and o["start"] < ln["end"] and o["end"] > ln["start"]
                                           for o in lines)]
    rows = []
    for name in sorted({ln["speaker"] for ln in lines} - set(left_out)):
        total = 0.0
        for ln in sorted((ln for ln in alone if ln["speaker"] == name), key=lambda x: x["start"] - x["end"]):
            if total >= REFERENCE_S:
                break
            rows.append(CastRow(name, "", round(ln["start"], 3), round(ln["end"], 3), len(rows) + 1))
            total += ln["end"] - ln["start"]
    return rows


def frames_of(spans, total):
    """Boolean grid rows for [start, end] spans."""
    grid = np.zeros(total, bool)
    for start, end in spans:
        grid[int(round(start / STEP)):int(round(end / STEP))] = True
    return grid


def score(reference, turns, names, cast):
    lines, total = reference["lines"], int(reference["duration"] / STEP) + 1
    voices = sorted({ln["speaker"] for ln in lines})
    ref = np.stack([frames_of([(ln["start"], ln["end"]) for ln in lines if ln["speaker"] == v], total)
                    for v in voices])
    single = ref.sum(0) == 1
    who = np.where(single, ref.argmax(0), -1)
    speakers = sorted({t["speaker"] for t in turns})
    hyp = np.stack([frames_of([(t["start"], t["end"]) for t in turns if t["speaker"] == s], total)
                    for s in speakers]) if speakers else np.zeros((0, total), bool)
    purity = {}
    for k, s in enumerate(speakers):
        counts = np.bincount(who[hyp[k] & single], minlength=len(voices))
        purity[s] = counts.max() / max(counts.sum(), 1)
    out = {"cast_s": 0.0, "right_s": 0.0, "pure_s": 0.0, "pure_right_s": 0.0, "wrong_s": 0.0, "unnamed_s": 0.0,
           "no_turn_s": 0.0, "noncast_named_s": 0.0, "noncast_s": 0.0}
    for v, voice in enumerate(voices):
        mine = who == v
        right = np.zeros(total, bool)
        named_other = np.zeros(total, bool)
        named_any = np.zeros(total, bool)
        pure = np.zeros(total, bool)
        for k, s in enumerate(speakers):
            name = names.get(s)
            right |= hyp[k] & (name == voice)
            named_other |= hyp[k] & (name is not None) & (name != voice)
            named_any |= hyp[k] & (name is not None)
            pure |= hyp[k] & (purity[s] >= 0.9)
        any_turn = hyp.any(0) if len(speakers) else np.zeros(total, bool)
        if voice in cast:
            out["cast_s"] += mine.sum() * STEP
            out["right_s"] += (mine & right).sum() * STEP
            out["wrong_s"] += (mine & named_other & ~right).sum() * STEP
            out["unnamed_s"] += (mine & any_turn & ~named_any).sum() * STEP
            out["no_turn_s"] += (mine & ~any_turn).sum() * STEP
            out["pure_s"] += (mine & pure).sum() * STEP
            out["pure_right_s"] += (mine & pure & right).sum() * STEP
        else:
            out["noncast_s"] += mine.sum() * STEP
            out["noncast_named_s"] += (mine & named_any).sum() * STEP
    return out


def composition(reference, turns):
    """{speaker: 'voice 80 s, voice 3 s'}: what each diarized speaker holds of the reference voices."""
    out = {}
    for speaker in sorted({t["speaker"] for t in turns}):
        held = {}
        for t in (t for t in turns if t["speaker"] == speaker):
            for ln in reference["lines"]:
                seconds = min(t["end"], ln["end"]) - max(t["start"], ln["start"])
                if seconds > 0:
                    held[ln["speaker"]] = held.get(ln["speaker"], 0.0) + seconds
        out[speaker] = ", ".join(f"{v} {s:.0f} s" for v, s in sorted(held.items(), key=lambda x: -x[1]) if s >= 1)
    return out


def line(figures):
    return (f"right name {figures['right_s'] / max(figures['cast_s'], 1e-9):6.1%} of {figures['cast_s']:.0f} s cast "
            f"speech (pure speakers: {figures['pure_right_s'] / max(figures['pure_s'], 1e-9):6.1%} of "
            f"{figures['pure_s']:.0f} s); non-cast voice named {figures['noncast_named_s']:.1f} s of "
            f"{figures['noncast_s']:.0f} s; cast unnamed {figures['unnamed_s']:.1f} s, wrong name "
            f"{figures['wrong_s']:.1f} s, no turn {figures['no_turn_s']:.1f} s")


def candidates(reference, turns, wav, encoder, prints, voices, defaults):
    """Leave each character out in turn: the scores the assignment gives genuine pairs (a pure speaker and its
    own voice's name) and impostors (a pure speaker of the left-out voice offered another's name)."""
    majority, purity = {}, {}
    for speaker in {t["speaker"] for t in turns}:
        held = {}
        for t in (t for t in turns if t["speaker"] == speaker):
            for ln in reference["lines"]:
                held[ln["speaker"]] = held.get(ln["speaker"], 0.0) + max(0.0, min(t["end"], ln["end"]) - max(t["start"], ln["start"]))
        if sum(held.values()) > 0:
            majority[speaker] = max(held, key=held.get)
            purity[speaker] = held[majority[speaker]] / sum(held.values())
    rows = {v: reference_rows(reference, [o for o in voices if o != v]) for v in voices}
    prints_of = {v: enroll(rows[v], str(wav), encoder, -1, vad_options=VadOptions.from_config(defaults["vad"]))[0]
                 for v in voices}
    genuine, impostor = [], []
    for out in voices:
        cast = {n: p for v in voices if v != out for n, p in prints_of[v].items()}
        _, scores = match_names(prints, cast, NamingOptions(cast_similarity=-1, cast_margin=-2))
        for speaker, sc in scores.items():
            if purity.get(speaker, 0) < 0.9:
                continue
            if majority[speaker] == out:
                impostor.append((sc["similarity"], sc["margin"], speaker, out, sc["candidate"]))
            elif sc["candidate"] == majority[speaker]:
                genuine.append((sc["similarity"], sc["margin"], speaker, out, sc["candidate"]))
    for label, pairs in (("genuine", genuine), ("impostor", impostor)):
        sims = sorted(pairs)
        margins = [p[1] for p in pairs if p[1] is not None]
        print(f"{label}: {len(pairs)} pairs; similarity {sims[0][0] if sims else '-'}..{sims[-1][0] if sims else '-'}; "
              f"margin {min(margins) if margins else '-'}..{max(margins) if margins else '-'}")
        for pair in sorted(pairs, key=lambda p: -p[0] if label == "impostor" else p[0])[:4]:
            print("   ", pair)


def diarized(folder, wav, threads, defaults):
    """The film's turns with the default config (cached in the output folder: tuning runs many times)."""
    cache = folder / "turns.json"
    if cache.exists():
        return json.loads(cache.read_text())
    speech = detect_speech(str(wav), VadOptions.from_config(defaults["vad"]), threads=threads)
    options = Options.from_config(defaults["diarization"])
    segmenter = load_segmenter("cpu", threads) if options.overlap else None
    start = time.perf_counter()
    turns = diarize(str(wav), speech, load_encoder("cpu", threads), options, segmenter)
    print(f"diarized in {time.perf_counter() - start:.0f} s: {len({t['speaker'] for t in turns})} speakers")
    cache.write_text(json.dumps(turns))
    return turns


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--film", default="heldout", choices=sorted(film_like.FILMS))
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--film-dir", type=Path, help="an already built film (film.wav, reference.json)")
    parser.add_argument("--left-out", nargs="*", help="characters given no reference (default: the 2nd and 4th "
                        "most talkative)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "out" / "cast-enrollment")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--grid", action="store_true")
    args = parser.parse_args()
    folder = args.out / f"{args.film}-{args.minutes:g}"
    folder.mkdir(parents=True, exist_ok=True)
    wav, reference = film_like.film_at(args.film_dir, folder, args.film, args.minutes)
    defaults = yaml.safe_load((REPO / "config" / "config.yaml").read_text())
    turns = diarized(folder, wav, args.threads, defaults)

    talk = {}
    for ln in reference["lines"]:
        talk[ln["speaker"]] = talk.get(ln["speaker"], 0.0) + ln["end"] - ln["start"]
    ranked = sorted(talk, key=lambda v: -talk[v])
    left_out = args.left_out if args.left_out is not None else [ranked[1], ranked[3]]
    rows = reference_rows(reference, left_out)
    encoder = load_encoder("cpu", args.threads)
    options = NamingOptions.from_config(defaults["diarization"])
    start = time.perf_counter()
    cast, report = enroll(rows, str(wav), encoder, options.cast_same_voice,
                          vad_options=VadOptions.from_config(defaults["vad"]))
    enrolled = time.perf_counter() - start
    start = time.perf_counter()
    prints = speaker_prints(str(wav), turns, encoder, options.cast_speaker_s)
    printed = time.perf_counter() - start
    print(f"{args.film}: {len(talk)} voices, cast {', '.join(f'{n} ({talk[n]:.0f} s)' for n in sorted(cast))}; "
          f"left out {', '.join(f'{n} ({talk[n]:.0f} s)' for n in left_out)}")
    print(f"enrolment {enrolled:.1f} s for {sum(r['speech_s'] for r in report):.0f} s of reference speech; "
          f"speaker prints {printed:.1f} s for {len(prints)} speakers")
    for warning in alike_names(cast, options.cast_alike):
        print("warning:", warning)
    names, scores = match_names(prints, cast, options)
    held = composition(reference, turns)
    for speaker, s in sorted(scores.items()):
        print(f"  {speaker}: {names.get(speaker, '-'):12s} candidate {s['candidate']} similarity {s['similarity']} "
              f"margin {s['margin']}  (holds {held[speaker]})")
    named_turns, found = cast_names(str(wav), turns, cast, encoder, options)
    print("defaults:", line(score(reference, named_turns, found["names"], set(cast))))
    if args.grid:
        candidates(reference, turns, wav, encoder, prints, ranked, defaults)
        for similarity in (0.3, 0.4, 0.5, 0.6, 0.7):
            for margin in (0.0, 0.05, 0.1, 0.15, 0.2):
                grid = NamingOptions(cast_similarity=similarity, cast_margin=margin)
                print(f"similarity {similarity:.2f} margin {margin:.2f}:",
                      line(score(reference, turns, match_names(prints, cast, grid)[0], set(cast))))

if __name__ == "__main__":
    main()
