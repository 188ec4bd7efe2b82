"""Benchmark: Hindi subtitles in Devanagari from Whisper base, which writes Hindi in Urdu's Arabic script.

Speech: tests/support/hindi_voices (Kokoro-82M in its five styles, festival's Hindi diphones, espeak-ng), reading the
TUNE and HELD_OUT sentences. For every voice and set it prints the share of letters in Devanagari and the
character error rate (jiwer.cer after NFC, no punctuation or danda, single spaces) of each route, the CER of
the consonant skeleton (no vowel signs, nukta or spaces: what the script conversion can get right whatever
the vowels), and the seconds each route costs (decoding, and the conversion on its own).

Routes (a name ending in +tr: then text.hindustani.devanagari_words):
  plain      language hi, as base decodes it without asr.hindi_via_urdu
  suppress   language hi, Arabic-script and Latin tokens suppressed
  prompt     language hi, a Devanagari initial prompt
  ur         language ur with tokens of other scripts suppressed (asr/scripts.py): as the workflow decodes Hindi
  ur-any     language ur, nothing suppressed (the workflow before the suppression)
  ur-arabic  language ur, every token with a letter that is not Arabic suppressed (Latin too)
  hi-arabic  language hi, Arabic letters only;  hi-mixed: language hi, Arabic and Devanagari letters only

    .venv/bin/python bench/hindi_script.py [--voices kokoro-female festival] [--routes ur] [--sets tune]
        [--options '{"beam_size": 10}'] [--save decoded.json]
    .venv/bin/python bench/hindi_script.py --load decoded.json     # conversion only, on saved decodes
"""

import argparse
import json
import sys
import time
import unicodedata
from pathlib import Path

import jiwer
import regex

REPO = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(REPO / "src"), str(REPO / "tests")]
from cinescribe.text.hindustani import devanagari_words  # noqa: E402
from support.hindi_voices import HELD_OUT, TUNE, VOICES, render  # noqa: E402

SETS = {"tune": TUNE, "held-out": HELD_OUT}
PROMPT = "नमस्ते, आप कैसे हैं? मैं ठीक हूँ, आज बहुत काम है।"


def clean(text):
    text = regex.sub(r"[\p{P}\p{S}]", " ", unicodedata.normalize("NFC", text))
    return " ".join(text.split())


def skeleton(text):
    return regex.sub(r"[\p{M}\s]", "", unicodedata.normalize("NFD", clean(text)))


def devanagari_share(texts):
    letters = regex.findall(r"\p{L}", "".join(texts))
    return sum(1 for c in letters if regex.match(r"\p{Devanagari}", c)) / max(len(letters), 1)


def scores(refs, hyps):
    return {"deva": devanagari_share(hyps), "cer": jiwer.cer([clean(r) for r in refs], [clean(h) or "-" for h in hyps]),
            "skel": jiwer.cer([skeleton(r) for r in refs], [skeleton(h) or "-" for h in hyps])}


def suppressed_tokens(model):
    """Whisper's own suppressed tokens, and every token that decodes to Arabic-script or Latin letters."""
    tokenizer = model.hf_tokenizer
    ids = [i for i in range(tokenizer.get_vocab_size()) if regex.search(r"[\p{Arabic}\p{Latin}]", tokenizer.decode([i]))]
    return [-1, *ids]


def decode(model, wavs, **options):
    """Each file's text and words; and the seconds all of them took."""
    start, out = time.perf_counter(), []
    for wav in wavs:
        segments, _ = model.transcribe(str(wav), **{"beam_size": 5, "word_timestamps": True, "vad_filter": False, **options})
        segments = list(segments)
        out.append({"text": " ".join(s.text.strip() for s in segments), "words": [w.word for s in segments for w in s.words]})
    return out, time.perf_counter() - start


def decode_all(voices, folder, save=None, only=None, sets=tuple(SETS), extra=None):
    """{voice: {set: {route: {out, seconds}}}}, written to `save` after each route (decoding takes a while).
    `extra`: decoding options added to every route (beam_size, patience, initial_prompt, …)."""
    from cinescribe.asr.models import load_whisper
    from cinescribe.asr.scripts import HINDI_VIA_URDU_SCRIPTS
    from cinescribe.asr.scripts import suppressed_tokens as script_tokens

    model = load_whisper("base", "cpu", "int8", 2)
    routes = {"plain": {"language": "hi"}, "ur-any": {"language": "ur"}, "prompt": {"language": "hi", "initial_prompt": PROMPT},
              "suppress": {"language": "hi", "suppress_tokens": suppressed_tokens(model)},
              "ur": {"language": "ur", "suppress_tokens": script_tokens(model, HINDI_VIA_URDU_SCRIPTS)},
              "ur-arabic": {"language": "ur", "suppress_tokens": script_tokens(model, ("Arabic",))},
              "hi-arabic": {"language": "hi", "suppress_tokens": script_tokens(model, ("Arabic",))},
              "hi-mixed": {"language": "hi", "suppress_tokens": script_tokens(model, ("Arabic", "Devanagari"))}}
    decoded = {}
    for route, options in routes.items():
        if only and route not in only:
            continue
        for voice in voices:
            for set_name in sets:
                sentences = SETS[set_name]
                wavs = [render(s, voice, folder) for s in sentences]
                texts, seconds = decode(model, wavs, **{**options, **(extra or {})})
                decoded.setdefault(voice, {}).setdefault(set_name, {})[route] = {"out": texts, "seconds": seconds}
                print(f"decoded {voice} {set_name} {route}: {seconds:.1f} s", file=sys.stderr, flush=True)
                if save:
                    Path(save).write_text(json.dumps(decoded, ensure_ascii=False, indent=1))
    return decoded


def converted(outputs):
    """The route's words converted one by one (as the workflow would, to keep their times), and the seconds."""
    start = time.perf_counter()
    texts = ["".join(w["word"] for w in devanagari_words([{"word": w} for w in o["words"]])).strip() for o in outputs]
    return texts, time.perf_counter() - start


def report(decoded):
    print(f"{'voice':14} {'set':9} {'route':10} {'deva %':>7} {'CER':>6} {'skel CER':>8} {'seconds':>8}")
    for voice, sets in decoded.items():
        for set_name, routes in sets.items():
            refs = SETS[set_name]
            rows = {name: ([o["text"] for o in r["out"]], r["seconds"]) for name, r in routes.items()}
            for base in routes:
                if base == "plain" or base.startswith(("ur", "hi-")):
                    texts, seconds = converted(routes[base]["out"])
                    rows[f"{base}+tr"] = (texts, routes[base]["seconds"] + seconds, seconds)
            for name, (texts, seconds, *conversion) in rows.items():
                if name.startswith(("ur", "hi-")) and not name.endswith("+tr"):
                    continue
                s = scores(refs, texts)
                extra = f"  (conversion {conversion[0]:.2f} s)" if conversion else ""
                print(f"{voice:14} {set_name:9} {name:10} {100 * s['deva']:6.1f}% {s['cer']:6.3f} {s['skel']:8.3f} "
                      f"{seconds:8.1f}{extra}")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--voices", nargs="+", default=list(VOICES), choices=VOICES)
    parser.add_argument("--speech", default=str(REPO / "bench" / "out" / "hindi_speech"), help="where rendered speech is cached")
    parser.add_argument("--routes", nargs="+", choices=["plain", "ur", "prompt", "suppress", "ur-any", "ur-arabic",
                                                      "hi-arabic", "hi-mixed"],
                        help="decode only these routes (default: all)")
    parser.add_argument("--sets", nargs="+", default=list(SETS), choices=list(SETS))
    parser.add_argument("--options", type=json.loads, help='decoding options for every route, as JSON: \'{"beam_size": 10}\'')
    parser.add_argument("--save", help="write the decoded words here")
    parser.add_argument("--load", help="read decoded words from here instead of decoding")
    args = parser.parse_args()
    decoded = json.loads(Path(args.load).read_text()) if args.load else decode_all(args.voices, args.speech, args.save, args.routes, args.sets, args.options)
    report(decoded)


if __name__ == "__main__":
    main()
