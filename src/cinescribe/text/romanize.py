"""Hinglish: Devanagari subtitles in Latin letters for viewers who read Hindi that way, English words kept.

The letters come from indic-transliteration (OPTITRANS, then its own "lay Indian" spelling: no diacritics,
lower case). Hindi drops many written inherent vowels that Sanskrit-style transliteration would spell out
(घर is "ghar", not "ghara"; सिमरन is "simran"): before transliterating, a virama is put where Hindi drops the
schwa, by the usual rule — at the end of a word, and between consonants flanked by vowels (VC_CV), from the
right, unless the consonant before is closed by a nasal (ज़िंदगी stays zindagi).
"""

import functools
import unicodedata

import regex
from indic_transliteration import sanscript

from cinescribe.text.graphemes import has_devanagari

_CONSONANT = r"[\u0915-\u0939\u0958-\u095F]\u093C?"
_AKSHARA = regex.compile(rf"(?:{_CONSONANT}\u094D)*{_CONSONANT}[\u093E-\u094D\u0962\u0963]?[\u0901-\u0903]?"
                         r"|[\u0904-\u0914\u0960\u0961][\u0901-\u0903]?|.", regex.S)
_VIRAMA = "\u094D"
_OPTITRANS = sanscript.SCHEMES[sanscript.OPTITRANS]
_NUKTA = "\u093C"
_SPELLED_WITH_NUKTA = frozenset("कखगजडढफय")  # क़ q, ख़ K, ग़ G, ज़ z, ड़ .D, ढ़ .Dh, फ़ f, य़ Y: OPTITRANS letters


def _has_schwa(akshara):
    """A consonant (cluster) written without a vowel sign, virama or nasal mark: its 'a' may be dropped."""
    return bool(regex.fullmatch(rf"(?:{_CONSONANT}{_VIRAMA})*{_CONSONANT}", akshara))


def _voiced(akshara):
    """Whether the akshara ends in a vowel sound (a consonant ending in a virama does not)."""
    return has_devanagari(akshara[:1]) and not akshara.endswith(_VIRAMA)


def drop_schwas(word):
    """The Devanagari word with a virama wherever Hindi does not pronounce the inherent vowel."""
    parts = _AKSHARA.findall(word)
    if len(parts) < 2:
        return word
    single = [_has_schwa(p) and _VIRAMA not in p for p in parts]
    if single[-1]:
        parts[-1] += _VIRAMA
    for i in range(len(parts) - 2, 0, -1):
        open_before = _voiced(parts[i - 1]) and not regex.search("[\u0901-\u0903]$", parts[i - 1])  # जिं|द|गी keeps it
        if single[i] and open_before and _voiced(parts[i + 1]):
            parts[i] += _VIRAMA
    return "".join(parts)


def _spellable(word):
    """The word decomposed (क़ as क + nukta, as the akshara pattern reads it), with a nukta dropped where OPTITRANS
    has no letter for it (व़, ऩ, ऱ, ऴ: rare spellings of Urdu sounds; left, it came through in Devanagari)."""
    word = unicodedata.normalize("NFD", word)
    return regex.sub(rf"(.){_NUKTA}", lambda m: m.group(0) if m.group(1) in _SPELLED_WITH_NUKTA else m.group(1), word)


@functools.lru_cache(maxsize=65536)
def _romanize_word(word):
    latin = sanscript.transliterate(drop_schwas(_spellable(word)), sanscript.DEVANAGARI, sanscript.OPTITRANS)
    latin = regex.sub(r"M(?=[pbm])", "m", latin.replace(".N", "n"))
    latin = latin.replace("M", "n")
    latin = _OPTITRANS.to_lay_indian(latin)
    latin = regex.sub(r"\.(?=[a-z])", "", latin)  # OPTITRANS marks nukta letters with a dot: ड़ is .D
    return regex.sub(r"\p{Devanagari}", "", latin)  # signs it has no letter for (Vedic accents, Sindhi's ॻ …)


def romanize(text, names=None):
    """Latin-script text: each Devanagari run transliterated (or spelled as `names` says: {देवनागरी: Latin}),
    anything else (English, numbers) unchanged."""
    names = names or {}
    text = text.replace("।", ".").replace("॥", ".")
    return regex.sub(r"[\p{Devanagari}\u200c\u200d]+", lambda m: names.get(m.group(0)) or _romanize_word(m.group(0)),
                     text)


def capitalize_sentences(text):
    """Sentence case: Hinglish written in lower case reads as one run-on line."""
    return regex.sub(r"(^|[.?!]\s+|^- )([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)


def romanize_words(words, names=None):
    """Whisper words (leading space kept) in Latin letters; a word that starts a sentence is capitalised."""
    out, sentence_start = [], True
    for word in words:
        text = romanize(word["word"], names)
        if sentence_start:
            text = regex.sub(r"^(\s*)([a-z])", lambda m: m.group(1) + m.group(2).upper(), text)
        sentence_start = text.rstrip()[-1:] in (".", "?", "!")
        out.append({**word, "word": text})
    return out


def term_spellings(terms):
    """{Devanagari spelling: Latin spelling} for glossary terms given in both scripts (names keep the
    spelling the glossary gives them in Latin letters)."""
    spellings = {}
    for term in terms:
        latin = [s for s in term.spellings() if s and not has_devanagari(s)]
        for spelling in term.spellings():
            if latin and spelling and has_devanagari(spelling) and " " not in spelling:
                spellings.setdefault(spelling, latin[0])
    return spellings
