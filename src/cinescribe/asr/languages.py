"""Whisper's language codes, checked when the workflow starts, so `asr.language: xx` fails in one sentence
before any audio is read.

The list is faster-whisper's own (`faster_whisper.tokenizer._LANGUAGE_CODES`), read from its source file
without importing the package, which would add its import time to every snakemake start.
"""

import ast
import functools

from cinescribe.runtime.errors import CinescribeError
from cinescribe.runtime.packages import installed_file


@functools.cache
def whisper_languages():
    """The language codes Whisper knows (en, hi, …), as a frozenset."""
    source = installed_file("faster_whisper", "tokenizer.py").read_text(encoding="utf-8")
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and any(getattr(t, "id", "") == "_LANGUAGE_CODES" for t in node.targets):
            return frozenset(ast.literal_eval(node.value))
    raise RuntimeError("faster_whisper.tokenizer has no _LANGUAGE_CODES list")


def check_language(code, where="asr.language"):
    """`auto` or a code Whisper knows; anything else is one sentence naming the setting."""
    if code == "auto" or code in whisper_languages():
        return code
    raise CinescribeError(f"{where} '{code}' is not a language Whisper knows; use auto or a code such as en, hi, "
                          f"ur, ta, bn (the full list: python -c \"from faster_whisper.tokenizer import "
                          f"_LANGUAGE_CODES; print(*_LANGUAGE_CODES)\")")


def known_source_language(asr):
    """The film's language when the config alone tells it (a fixed language, or an English-only Whisper);
    None when it must be detected."""
    if asr["language"] != "auto":
        return asr["language"]
    return "en" if asr["model"].endswith(".en") else None


def known_subtitle_language(asr):
    """The subtitles' language when the config alone tells it (Whisper's translate task gives English);
    None when it waits for detection."""
    return "en" if asr["task"] == "translate" else known_source_language(asr)


def _candidates(language):
    return ", ".join(f"{code} {p:.2f}" for code, p in language.get("candidates", [])) or "none"


def language_warning(language, min_probability):
    """One sentence when detection was unsure, with the runners-up and how to fix the language."""
    if not language.get("detected") or language["probability"] >= min_probability:
        return None
    return (f"the film's language is unsure: detected {language['source']} with probability "
            f"{language['probability']:.2f} (candidates: {_candidates(language)}); if that is wrong, set it, "
            f"e.g. --config asr.language=hi (or a jobs.tsv language column)")


# Models that write Hindi speech in Urdu's Arabic script whatever the language token says (the embedded base;
# bench/hindi_script.py). Told `ur` they write it consistently, and text.hindustani brings it to Devanagari.
HINDI_AS_URDU_MODELS = frozenset({"base", "tiny", "small"})


def decoding_language(language, model, hindi_via_urdu="auto"):
    """The language token to decode with: `ur` for Hindi on a model that writes Hindi as Urdu anyway (base writes
    Urdu letters, Latin and Devanagari mixed when told `hi`, and clean Urdu letters when told `ur`), else `language`."""
    if language != "hi":
        return language
    via_urdu = hindi_via_urdu is True or (hindi_via_urdu == "auto" and model in HINDI_AS_URDU_MODELS)
    return "ur" if via_urdu else language
