"""Whether the film was understood: an unsure language detection, subtitles that cover little of the speech
VAD found, and each stretch of speech left without subtitles. A run that ends "successfully" with an empty SRT,
or with a scene of people talking and nothing on screen, must say so (all go to done.json).
"""

import regex
from pysubs2.time import ms_to_str

from cinescribe.asr.languages import language_warning
from cinescribe.spans import clipped, join_close, overlap_seconds, uncovered
from cinescribe.text.languages import SCRIPTS


def speech_seconds(spans):
    return sum(end - start for start, end in spans)


def speech_coverage(speech, cues):
    """Share of VAD speech inside some cue (1.0 for a film without speech: nothing was missed)."""
    total = speech_seconds(speech)
    if total <= 0:
        return 1.0
    covered = overlap_seconds(speech, [(cue["start"], cue["end"]) for cue in cues])
    return round(min(1.0, covered / total), 4)


def speech_without_subtitles(speech, cues, songs=(), min_s=2.0, join_gap_s=1.0, voice_like=()):
    """Stretches of VAD speech, joined across pauses up to `join_gap_s`, that no cue (nor song) covers and
    that hold at least `min_s` of speech: people talking with nothing on screen. [[start, end], …]
    `voice_like` (vad.json: whispers, and lines VAD's first pass missed) counts as speech here."""
    speech = sorted([list(span[:2]) for span in speech] + [list(span[:2]) for span in voice_like])
    covered = sorted([(cue["start"], cue["end"]) for cue in cues] + [tuple(span[:2]) for span in songs])
    stretches = []
    for start, end in join_close(speech, join_gap_s):
        for a, b in uncovered(start, end, covered):
            if speech_seconds(clipped(speech, a, b)) >= min_s:
                stretches.append([round(a, 3), round(b, 3)])
    return stretches


def unsubtitled_warning(stretches):
    """One sentence when speech was left without subtitles, naming the first place to listen."""
    if not stretches:
        return None
    seconds = sum(b - a for a, b in stretches)
    first = ms_to_str(round(stretches[0][0] * 1000))
    return (f"{len(stretches)} stretch{'es' if len(stretches) > 1 else ''} of speech ({seconds:.0f} s) "
            f"{'have' if len(stretches) > 1 else 'has'} no subtitles, the first at {first}: listen to them on "
            "the review page (Speech without subtitles)")


def coverage_warning(coverage, min_coverage, language, model, min_probability, song_share=0.0):
    """One sentence naming the share and the likely causes, when subtitles cover too little of the speech."""
    if coverage >= min_coverage:
        return None
    causes, unsure = [], language.get("detected") and language["probability"] < min_probability
    if unsure:
        causes.append(f"the wrong language (detected {language['source']} at {language['probability']:.2f}; "
                      "set asr.language)")
    if song_share >= 0.3:
        causes.append(f"music ({song_share:.0%} of the speech is inside songs)")
    named = "this language" if unsure or not language.get("source") else language["source"]
    causes.append(f"a model too small for {named} (asr.model {model}; "
                  "point asr.model at large-v3 or a local CTranslate2 directory)")
    return (f"the subtitles cover only {coverage:.0%} of the speech VAD found (below checks.min_speech_coverage "
            f"{min_coverage:.0%}); likely causes: {'; or '.join(causes)}")


def script_share(cues, language):
    """(expected script, share of the cues' letters written in it), or (None, 1.0) for an unlisted language."""
    script = SCRIPTS.get(language)
    if not script:
        return None, 1.0
    text = " ".join(line for cue in cues for line in cue["lines"])
    letters = regex.findall(r"\p{L}", text)
    if not letters:
        return script, 1.0
    return script, round(len(regex.findall(rf"\p{{{script}}}", text)) / len(letters), 4)


def script_warning(script, share, language, model):
    """One sentence when most letters are in another script than the language's (Hindi written as Urdu)."""
    if script is None or share >= 0.5:
        return None
    return (f"only {share:.0%} of the letters in the {language} subtitles are {script}: the model wrote the "
            f"language in another script (asr.model {model} often writes Hindi in Urdu's Arabic script; "
            "large-v3 writes Devanagari)")


def _first(rows):
    row = rows[0]
    text = row["text"] if len(row["text"]) <= 40 else row["text"][:39] + "…"
    return f"line {row['line']}, “{text}”"


def alignment_warnings(summary):
    """What aligning a script or re-syncing subtitles could not do, one sentence each (none when all went in)."""
    if not summary:
        return []
    warnings = []
    if summary.get("not_found"):
        n = len(summary["not_found"])
        warnings.append(f"{n} line{'s' if n > 1 else ''} of the script {'were' if n > 1 else 'was'} not found in "
                        f"the film (the first: {_first(summary['not_found'])}); listed in done.json and on the "
                        "review page, not placed")
    if summary.get("transcribed_cues"):
        n = summary["transcribed_cues"]
        warnings.append(f"{n} cue{'s' if n > 1 else ''} of speech the script lacks {'were' if n > 1 else 'was'} "
                        "transcribed from the recognised words: flagged on the review page (Alignment)")
    if summary.get("unheard"):
        n = summary["unheard"]
        warnings.append(f"{n} of {summary['cues']} old cues were not heard in the film: placed by their neighbours "
                        "and flagged on the review page (Alignment)")
    return warnings


def assess(speech, cues, subtitle_language, language, songs, checks, model, voice_like=()):
    """done.json's figures (language certainty, speech coverage, script share) and the warnings they call for.

    `speech`: VAD spans; `cues`: the film's subtitles in its own language; `language`: language.json;
    `songs`: song spans; `checks`: the config's checks section; `model`: asr.model (named in the advice);
    `voice_like`: vad.json's sound like a voice that VAD did not call speech (flagged when no cue covers it).
    """
    coverage = speech_coverage(speech, cues)
    unsubtitled = speech_without_subtitles(speech, cues, songs, checks["min_unsubtitled_s"],
                                           checks["unsubtitled_join_s"], voice_like)
    script, in_script = script_share(cues, subtitle_language)
    song_share = overlap_seconds(speech, songs) / max(speech_seconds(speech), 1e-9)
    min_probability = checks["min_language_probability"]
    warnings = [w for w in (
        language_warning(language, min_probability),
        coverage_warning(coverage, checks["min_speech_coverage"], language, model, min_probability, song_share),
        script_warning(script, in_script, subtitle_language, model),
        unsubtitled_warning(unsubtitled)) if w]
    summary = {"language": {key: language.get(key) for key in ("source", "probability", "detected", "candidates")},
               "speech_s": round(speech_seconds(speech), 2), "speech_coverage": coverage,
               "script": {"expected": script, "share": in_script},
               "speech_without_subtitles": {"count": len(unsubtitled),
                                            "seconds": round(sum(b - a for a, b in unsubtitled), 2),
                                            "stretches": unsubtitled}}
    return summary, warnings


def cast_naming(diarization):
    """done.json's `speakers` where a cast was given: how many diarized voices took a cast name and which did
    not (nothing is left unnamed silently), and the cast names no voice matched; None without a cast."""
    if not diarization or "cast" not in diarization:
        return None
    names = diarization.get("names", {})
    unnamed = [s for s in diarization["speakers"] if s not in names]
    return {"named": len(names), "unnamed": len(unnamed), "unnamed_speakers": unnamed,
            "names_unheard": [n for n in diarization["cast"] if n not in names.values()]}
