"""Whether a script or an old subtitle file is this film's text at all, in one sentence when it is not.

Known only after ASR: the share of the file's words that are among the recognised words. Below
`min_shared_share` the file is refused, and the sentence says why when it can: the file's words are more
frequent in another language than the film's (wordfreq's lists) — or else it is another film's text.
"""

from cinescribe.runtime.errors import CinescribeError

GUESSES = ("en", "fr", "de", "es", "it", "pt", "nl", "sv", "pl", "ru", "tr", "hi", "ar")  # no extra tokenizer


def _zipf(words, lang):
    """Mean Zipf frequency of the words in `lang` (0 for a language wordfreq cannot read without extras)."""
    import wordfreq

    try:
        return sum(wordfreq.zipf_frequency(w, lang) for w in words) / len(words)
    except (ImportError, LookupError, ValueError):
        return 0.0


def text_language(words, candidates=GUESSES):
    """The language whose wordfreq list knows the words best (mean Zipf frequency), or None."""
    sample = [w for w in words if w][:400]
    if not sample:
        return None
    scores = {lang: _zipf(sample, lang) for lang in candidates}
    best = max(scores, key=scores.get)
    return best if scores[best] >= 2.0 else None


def check_shared(what, path, known, matched, film_language, min_share):
    """Raise one sentence when fewer than `min_share` of the file's words (`known` tokens, `matched` of them
    heard) are spoken in the film."""
    share = matched / max(1, len(known))
    if share >= min_share:
        return share
    guess = text_language(known, tuple(dict.fromkeys(((film_language or "en"),) + GUESSES)))
    if guess and film_language and guess != film_language:
        raise CinescribeError(f"the {what} {path} looks like {guess} text but the film speaks {film_language} "
                              f"(only {share:.0%} of its words are heard): give the {what} in the film's language")
    raise CinescribeError(f"the {what} {path} shares almost no words with the film (only {share:.0%} of its "
                          f"words are heard, below align.min_shared_share {min_share:.0%}): is it this film's?")
