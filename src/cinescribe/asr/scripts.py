"""Tokens of writing systems a decoding language is never written in, for faster-whisper's `suppress_tokens`.

Hindi decoded as Urdu (asr.hindi_via_urdu) is text.hindustani's input: Urdu letters it converts, Latin and
Devanagari it keeps. Whisper base sometimes drifts into another language's script mid-sentence on an unusual
voice (Japanese kana and kanji for one held-out sentence of the Kokoro female voice, bench/hindi_script.py),
which no conversion can read. Forbidding the tokens of every other script keeps the decoding on Urdu letters
without the degenerate text that forbidding Urdu letters themselves gives.
"""

import functools

import regex

# Scripts Hindi decoded as Urdu may come back in: Urdu letters, English words and names, and the Devanagari of a
# Hindi glossary prompt.
HINDI_VIA_URDU_SCRIPTS = ("Arabic", "Latin", "Devanagari")


@functools.lru_cache(maxsize=4)
def _foreign_tokens(tokenizer, scripts):
    letters = regex.compile(r"[\p{L}--[" + "".join(rf"\p{{{s}}}" for s in scripts) + "]]", regex.V1)
    texts = tokenizer.decode_batch([[i] for i in range(tokenizer.get_vocab_size())])
    return tuple(i for i, text in enumerate(texts) if letters.search(text))


def suppressed_tokens(model, scripts):
    """faster-whisper's `suppress_tokens` for `model` (a WhisperModel): its default set (-1) and every token
    with a letter outside `scripts` (Unicode script names). Tokens that are part of a letter (byte pieces) stay
    allowed: they are how the allowed scripts' rarer letters are written too."""
    return [-1, *_foreign_tokens(model.hf_tokenizer, tuple(scripts))]
