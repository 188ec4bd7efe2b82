"""Whether the film was understood: an unsure language detection, and subtitles that cover little of the
speech VAD found. A run that ends "successfully" with an empty SRT must say why (both go to done.json).
"""

import regex

from cinescribe.asr.languages import language_warning
from cinescribe.spans import overlap_seconds
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


def assess(speech, cues, subtitle_language, language, songs, checks, model):
    """done.json's figures (language certainty, speech coverage, script share) and the warnings they call for.

    `speech`: VAD spans; `cues`: the film's subtitles in its own language; `language`: language.json;
    `songs`: song spans; `checks`: the config's checks section; `model`: asr.model (named in the advice).
    """
    coverage = speech_coverage(speech, cues)
    script, in_script = script_share(cues, subtitle_language)
    song_share = overlap_seconds(speech, songs) / max(speech_seconds(speech), 1e-9)
    min_probability = checks["min_language_probability"]
    warnings = [w for w in (
        language_warning(language, min_probability),
        coverage_warning(coverage, checks["min_speech_coverage"], language, model, min_probability, song_share),
        script_warning(script, in_script, subtitle_language, model)) if w]
    summary = {"language": {key: language.get(key) for key in ("source", "probability", "detected", "candidates")},
               "speech_s": round(speech_seconds(speech), 2), "speech_coverage": coverage,
               "script": {"expected": script, "share": in_script}}
    return summary, warnings
