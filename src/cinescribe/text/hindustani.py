"""Hindi written in Urdu's Arabic script, brought back to Devanagari.

Whisper's multilingual base model writes Hindi speech in Urdu script (Hindi and Urdu are one spoken language,
and its training data holds far more of it in Urdu letters), even when told the language is `hi`. Decoding
with Arabic and Latin tokens suppressed gives Devanagari for some voices and degenerate text for others
(bench/hindi_script.py), so the words are converted afterwards.

Urdu letters name the consonants and long vowels but leave out the short ones, and one letter stands for
several sounds (و is v, o, ū or au; ی is y, ī or e; a final ہ is h or ā). A letter-by-letter transliteration
therefore misspells most words. Instead each Urdu word is looked up among real Hindi words: the Hindi word
list (wordfreq's, CC-BY-SA-4.0 data) is indexed by consonant skeleton — the consonants the two scripts both
write, Urdu's homophones (س ص ث, ز ذ ض ظ, ت ط) merged — and among the words of the same skeleton the one
whose written vowels and consonants are closest to the Urdu spelling wins, more frequent words preferred.
A word with no close Hindi word is tried as two (Whisper runs words together: بچپنسے is बचपन से); failing
that it is transliterated letter by letter (names, rare words). Text in other scripts is left untouched.
"""

import functools
import math
import unicodedata

import regex

# Urdu consonants: (token, default Devanagari). Tokens name a sound; homophones merge in the skeleton (COARSE).
_URDU = {
    "ب": ("b", "ब"), "پ": ("p", "प"), "ت": ("t", "त"), "ٹ": ("ʈ", "ट"), "ث": ("s", "स"), "ج": ("j", "ज"),
    "چ": ("c", "च"), "ح": ("h", "ह"), "خ": ("x", "ख़"), "د": ("d", "द"), "ڈ": ("ɖ", "ड"), "ذ": ("z", "ज़"),
    "ر": ("r", "र"), "ڑ": ("ɽ", "ड़"), "ز": ("z", "ज़"), "ژ": ("z", "ज़"), "س": ("s", "स"), "ش": ("ʃ", "श"),
    "ص": ("s", "स"), "ض": ("z", "ज़"), "ط": ("t", "त"), "ظ": ("z", "ज़"), "غ": ("ɣ", "ग़"), "ف": ("f", "फ़"),
    "ق": ("q", "क़"), "ک": ("k", "क"), "ك": ("k", "क"), "گ": ("g", "ग"), "ل": ("l", "ल"), "م": ("m", "म"),
    "ن": ("n", "न"), "ہ": ("h", "ह"), "ه": ("h", "ह"), "ۃ": ("h", "ह"), "ة": ("h", "ह"),
}
# Letters that are vowels (or the glides y, v, which Urdu writes with the same letters).
_URDU_VOWELS = {"ا": "a", "آ": "A", "أ": "a", "و": "w", "ؤ": "w", "ی": "y", "ي": "y", "ى": "y", "ے": "e", "ۓ": "e",
                "ئ": "", "ں": "N", "ء": "", "ع": "", "ھ": "h"}
_ASPIRABLE = set("bptʈjcdɖɽkgl")
_ASPIRATED = {"ph": "फ", "bh": "भ", "th": "थ", "ʈh": "ठ", "jh": "झ", "ch": "छ", "dh": "ध", "ɖh": "ढ", "ɽh": "ढ़",
              "kh": "ख", "gh": "घ", "lh": "ल्ह"}

# Devanagari consonants (NFD: a nukta is its own mark) as the same tokens.
_HINDI = {"क": "k", "ख": "kh", "ग": "g", "घ": "gh", "ङ": "n", "च": "c", "छ": "ch", "ज": "j", "झ": "jh", "ञ": "n",
          "ट": "ʈ", "ठ": "ʈh", "ड": "ɖ", "ढ": "ɖh", "ण": "n", "त": "t", "थ": "th", "द": "d", "ध": "dh", "न": "n",
          "प": "p", "फ": "ph", "ब": "b", "भ": "bh", "म": "m", "य": "y", "र": "r", "ल": "l", "ळ": "l", "व": "w",
          "श": "ʃ", "ष": "ʃ", "स": "s", "ह": "h"}
_NUKTA = {"क": "q", "ख": "x", "ग": "ɣ", "ज": "z", "ड": "ɽ", "ढ": "ɽh", "फ": "f"}
# Written vowels as Urdu would write them: ā as alif, ī e ai as ye, ū o au as vav; short a, i, u not at all.
_SIGNS = {"ा": "a", "ी": "y", "े": "e", "ै": "e", "ू": "w", "ो": "w", "ौ": "w", "ॉ": "a", "ं": "N", "ँ": "N"}
_INITIAL = {"अ": "a", "आ": "A", "इ": "a", "ई": "ay", "उ": "a", "ऊ": "aw", "ए": "ae", "ऐ": "ae", "ओ": "aw",
            "औ": "aw", "ऑ": "a"}
_MEDIAL = {"अ": "", "आ": "a", "इ": "y", "ई": "y", "उ": "w", "ऊ": "w", "ए": "e", "ऐ": "e", "ओ": "w", "औ": "w", "ऑ": "a"}

# The skeleton: consonants only (y and v are vowel letters too, so they are left out), homophones merged.
COARSE = {"z": "j", "f": "ph", "x": "kh", "ɣ": "g", "q": "k", "ɽ": "r", "ɽh": "r"}
_NOT_SKELETON = {"a", "A", "y", "Y", "w", "e", "N", "H"}
# Substitutions that cost little: a nukta written or not, sounds Urdu spells one way and Hindi another.
# Sounds Whisper confuses in Urdu letters (dental and retroflex, voiced and not, aspirated and not): a word
# found only by swapping one of them pays CONFUSED.
_CONFUSABLE = [("t", "ʈ"), ("d", "ɖ"), ("th", "ʈh"), ("dh", "ɖh"), ("t", "d"), ("ʈ", "ɖ"), ("k", "g"), ("p", "b"),
               ("c", "j"), ("b", "bh"), ("p", "ph"), ("d", "dh"), ("t", "th"), ("k", "kh"), ("g", "gh"), ("c", "ch"),
               ("j", "jh"), ("ɖ", "r"), ("s", "ʃ")]
CONFUSED = 0.6
_CHEAP = {frozenset(pair) for pair in [("j", "z"), ("ph", "f"), ("kh", "x"), ("g", "ɣ"), ("k", "q"), ("ɖ", "ɽ"),
                                       ("r", "ɽ"), ("y", "e"), ("y", "Y"), ("a", "A"), ("N", "n")]}
# A word-final ہ (token H) is h or ā in Hindi, hardly ever e (Urdu ends those in ے, a final ī in ی: token Y).
_FINAL_H = {"h": 0.2, "a": 0.2, "e": 0.8}

PUNCTUATION = {"،": ",", "؟": "?", "۔": "।", "؛": ";", "٪": "%"}
_DIGITS = str.maketrans("۰۱۲۳۴۵۶۷۸۹٠١٢٣٤٥٦٧٨٩", "01234567890123456789")
# Urdu letters and the vowel marks (zabar, zer, pesh: Unicode counts them in no one script) between them.
_ARABIC_WORD = regex.compile(r"(?:(?=\p{Arabic})\p{L}|[\u064B-\u065F\u0670])+")
# Weights chosen on the TUNE sentences (bench/hindi_script.py): how much a tenfold frequency is worth in
# edits, what a split costs, and how far a Hindi word may be from the Urdu spelling before a split is tried.
FREQUENCY_WEIGHT = 0.3
SPLIT_COST = 1.0
STYLE_COST = 0.3
# A word whose nasalised spelling is this many tenfolds more frequent is taken for its misspelling (नही, नहीं)
# and pays STYLE_COST.
MISSPELT = 0.3
_HALF_NASAL = regex.compile(r"[नम]\u094d(?=[\u0915-\u0939])")
_FLAT_ANUSVARA = regex.compile(r"(?<![\u093f\u0940\u0947\u0948\u094b\u094c])\u0902(?![\u0915-\u0939])")
VOWEL_LETTER_DROP = 0.8  # an Urdu و, ی or final ہ with nothing in the Hindi word (ہوا is हुआ)
NASAL_DROP = 0.3  # a Hindi nasal (ं ँ) Whisper wrote no ں for (नहीं as نہی)
CLOSE_ENOUGH = 1.5
MAX_DISTANCE = 2.5


def urdu_tokens(word):
    """An Urdu word as sound tokens; a final ہ after a letter is H (ā, e or h in Hindi)."""
    letters = [c for c in unicodedata.normalize("NFC", word) if c in _URDU or c in _URDU_VOWELS]
    tokens = []
    for i, c in enumerate(letters):
        if c == "ھ":
            if tokens and tokens[-1] in _ASPIRABLE:
                tokens[-1] += "h"
            else:
                tokens.append("h")
        elif c in "ہهۃة" and i == len(letters) - 1 and i > 0:
            tokens.append("H")
        elif c in "یيى" and i == len(letters) - 1 and i > 0:
            tokens.append("Y")
        elif c == "ع":
            if (not tokens or tokens[-1] not in ("a", "A")) and letters[i + 1:i + 2] != ["ا"]:
                tokens.append("a")  # the vowel Hindi hears where Urdu writes ʿayn: وعدہ वादा, علم इल्म, بعد बाद
        elif c in _URDU:
            tokens.append(_URDU[c][0])
        elif _URDU_VOWELS[c]:
            tokens.append(_URDU_VOWELS[c])
    return tuple(tokens)


def hindi_tokens(word):
    """A Devanagari word as the tokens its Urdu spelling would have."""
    chars = unicodedata.normalize("NFD", word)
    tokens = []
    for i, c in enumerate(chars):
        nukta = chars[i + 1:i + 2] == "\u093c"
        if c in _HINDI:
            token = _NUKTA.get(c, _HINDI[c]) if nukta else _HINDI[c]
            if chars[i - 1:i] == "\u094d" and tokens and token.startswith(tokens[-1]):
                tokens.pop()  # a doubled consonant (अच्छा, बत्ती): Urdu writes it once
            tokens.append(token)
        elif c in "िु" and chars[i + 1:i + 2] in _MEDIAL:
            tokens.append("y" if c == "ि" else "w")  # लिए, हुआ: Urdu writes the glide (لیے, ہوا)
        elif c in "ंँ" and chars[i + 1:i + 2] in _HINDI:
            tokens.append("n")  # a nasal before a consonant: Urdu writes a full nūn (बंद, بند)
        elif c == "ै" and chars[i + 1:i + 2] == "य":
            continue  # तैयार: Urdu writes ai and the y after it as one ye (تیار)
        elif c in _SIGNS:
            tokens.append(_SIGNS[c])
        elif c in _INITIAL:
            tokens.extend(_INITIAL[c] if i == 0 else _MEDIAL[c])
    if tokens and tokens[-1] == "y" and chars[-1] in "ीई":
        tokens[-1] = "Y"
    elif tokens[-2:] == ["y", "N"] and chars[-2] in "ीई":
        tokens[-2] = "Y"  # नहीं: a final ī nasalised
    return tuple(tokens)


def skeletons(tokens):
    """The consonant skeletons a word can be found under: a final h (Hindi ह, Urdu ہ) with and without."""
    core = tuple(COARSE.get(t, t) for t in tokens if t not in _NOT_SKELETON)
    if tokens and tokens[-1] in ("h", "H"):
        return {core + (("h",) if tokens[-1] == "H" else ()), core[:-1] if tokens[-1] == "h" else core}
    return {core}


_CONFUSED_PAIRS = {frozenset(pair) for pair in _CONFUSABLE}


def confusions(skeleton):
    """The skeleton with one consonant swapped for one Whisper confuses it with."""
    for i, token in enumerate(skeleton):
        for a, b in _CONFUSABLE:
            if token in (a, b):
                yield skeleton[:i] + (b if token == a else a,) + skeleton[i + 1:]


def _substitution(u, h):
    if u == h:
        return 0.0
    if u == "H":
        return _FINAL_H.get(h, 1.0)
    pair = frozenset((COARSE.get(u, u), COARSE.get(h, h)))
    return 0.3 if frozenset((u, h)) in _CHEAP else CONFUSED if pair in _CONFUSED_PAIRS else 1.0


def distance(urdu, hindi):
    """Weighted edit distance between the two token sequences."""
    previous = [j * 1.0 for j in range(len(hindi) + 1)]
    for i, u in enumerate(urdu, 1):
        current = [float(i)]
        for j, h in enumerate(hindi, 1):
            current.append(min(previous[j] + (VOWEL_LETTER_DROP if u in ("H", "w", "y") else 1.0),
                               current[j - 1] + (NASAL_DROP if h == "N" else 1.0),
                               previous[j - 1] + _substitution(u, h)))
        previous = current
    return previous[-1]


@functools.cache
def hindi_index():
    """{skeleton: [(word, tokens, log10 frequency, style cost)]} over wordfreq's Hindi list (read once, when
    first needed)."""
    import wordfreq

    weights = {word: math.log10(wordfreq.word_frequency(word, "hi") * 1e8)
               for word in wordfreq.top_n_list("hi", 100000) if regex.fullmatch(r"\p{Devanagari}+", word)}
    index = {}
    for word, weight in weights.items():
        tokens = hindi_tokens(word)
        style = _style(word) + (STYLE_COST if weights.get(word + "ं", -9) >= weight + MISSPELT else 0.0)
        for skeleton in skeletons(tokens):
            index.setdefault(skeleton, []).append((word, tokens, weight, style))
    return index


def _best(tokens):
    """(cost, distance, Hindi word) of the best Hindi word of the same skeleton, or None: the cost is the
    distance less the word's frequency (in tenfolds, weighted)."""
    index = hindi_index()
    scored = []
    for skeleton in skeletons(tokens):
        for word, hindi, weight, style in index.get(skeleton, ()):
            d = distance(tokens, hindi)
            if d <= MAX_DISTANCE:
                scored.append((d - FREQUENCY_WEIGHT * weight + style, d, word))
    if not scored or min(scored)[1] > CLOSE_ENOUGH:
        for skeleton in {c for s in skeletons(tokens) for c in confusions(s)}:
            for word, hindi, weight, style in index.get(skeleton, ()):
                d = distance(tokens, hindi)
                if d <= MAX_DISTANCE:
                    scored.append((d - FREQUENCY_WEIGHT * weight + style, d, word))
    return min(scored) if scored else None


def _style(word):
    """A small cost for spellings the Hindi standard does not use, so ज़िंदगी beats ज़िन्दगी and हूँ beats हूं:
    a half nasal where an anusvara would do, or an anusvara where nothing is written above the line."""
    return STYLE_COST * (len(_HALF_NASAL.findall(word)) + len(_FLAT_ANUSVARA.findall(word)))


def spell_out(tokens):
    """Letter by letter, for a word no Hindi word is close to: long vowels as written, no short ones."""
    consonants = dict(_URDU.values()) | _ASPIRATED
    out, after_consonant = [], False
    for i, t in enumerate(tokens):
        first, last = i == 0, i == len(tokens) - 1
        if t in consonants:
            out.append(consonants[t])
            after_consonant = True
            continue
        if t in ("a", "A"):
            out.append("आ" if t == "A" or not first and not after_consonant else "ा" if not first else "अ")
        elif t == "w":
            out.append("ो" if after_consonant and not first else "व")
        elif t in ("y", "Y"):
            out.append(("ी" if last or tokens[i + 1] not in ("a", "A", "w", "e") else "य") if after_consonant
                       else "ई" if not first else "य")
        elif t == "e":
            out.append("े" if after_consonant else "ए")
        elif t == "N":
            out.append("ं")
        elif t == "H":
            out.append("ा" if after_consonant else "ह")
        after_consonant = t in ("y", "w") and out[-1] in ("य", "व")
    return "".join(out)


@functools.lru_cache(maxsize=65536)
def word_to_devanagari(word):
    """One Urdu-script word in Devanagari: the likeliest Hindi word, two of them, or its letters spelled out."""
    tokens = urdu_tokens(word)
    if not tokens:
        return word
    best = _best(tokens)
    if best and best[1] <= CLOSE_ENOUGH:
        return best[2]
    splits = []
    for cut in range(1, len(tokens)):
        left, right = _best(tokens[:cut]), _best(tokens[cut:])
        if left and right and skeletons(tokens[:cut]) != {()} and skeletons(tokens[cut:]) != {()}:
            splits.append((left[0] + right[0] + SPLIT_COST, f"{left[2]} {right[2]}"))
    options = ([best[::2]] if best else []) + splits
    return min(options)[1] if options else spell_out(tokens)


def urdu_to_devanagari(text):
    """`text` with every Urdu-script word in Devanagari and Urdu punctuation and digits as Hindi writes them;
    Devanagari, Latin and anything else unchanged (an English line comes back as it went in)."""
    text = _ARABIC_WORD.sub(lambda m: word_to_devanagari(m.group(0)), text)
    for urdu, hindi in PUNCTUATION.items():
        text = text.replace(urdu, hindi)
    return text.translate(_DIGITS)


# The future's ending, which Urdu writes as a word of its own (جائے گی) and Hindi joins to its verb (जाएगी).
_FUTURE = {"گا": "गा", "گی": "गी", "گے": "गे"}
# Hindi writes a postposition joined to a pronoun (उसने, तुमसे, मुझको, आपका) and apart from a noun (राम ने);
# Urdu writes both apart. Which pronouns take which: ने goes with the subject forms, the rest with the oblique.
_POSTPOSITIONS = {"نے": "ने", "سے": "से", "کو": "को", "کا": "का", "کی": "की", "کے": "के", "میں": "में", "پر": "पर"}
_PRONOUNS = {"ने": ("मैं", "तुम", "हम", "आप", "उस", "इस", "उन्हों", "इन्हों", "जिस", "किस", "जिन्हों", "किन्हों"),
             "*": ("मुझ", "तुझ", "तुम", "हम", "आप", "उस", "इस", "उन", "इन", "जिस", "किस", "जिन", "किन")}
# Urdu spellings whose likeliest Hindi word is not the one a skeleton lookup finds: کہ is the conjunction कि
# (the verb "say" is کہہ), not का.
_FIXED = {"کہ": "कि"}
# Words that end a clause: میں after one starts the next (मैं, I), as it does before ने.
_CLAUSE_END = regex.compile(r"(?:है|हैं|था|थी|थे|हूँ|गा|गी|गे)$")
# کیا is क्या (what) or किया (did): क्या starting a sentence; किया before the auxiliaries of a past verb or
# ending a sentence (ऐसा क्यों किया?); else क्या (dialogue asks more than it reports).
_PAST_AUXILIARIES = {"تھا", "تھی", "تھے", "گیا", "گئی", "گئے", "جائے", "جاتا", "جاتی", "جاتے"}
_LETTERS = regex.compile(r"(\w*)(.*)", regex.S)  # a word's letters, then its punctuation
_SENTENCE_END = ("۔", "?", "؟", "!", ".", "।")


def _joined(previous_urdu, previous, post_urdu, post):
    """The pronoun `previous` (Devanagari; `previous_urdu` as Whisper wrote it) as it is written before `post`,
    or None if it is no pronoun that joins it. The pair is looked up as one word, since the postposition can
    tell the pronoun: اس is इस alone, but اس نے is उसने."""
    pronouns = _PRONOUNS["ने" if post == "ने" else "*"]
    if previous not in pronouns:
        return None  # किसी से stays apart, though کسی سے read as one word is किससे
    together = word_to_devanagari(previous_urdu + post_urdu) if previous_urdu else ""
    if together.endswith(post) and together[:-len(post)] in pronouns:
        return together[:-len(post)]
    return previous


def devanagari_words(words):
    """Whisper words (their leading spaces kept) with Urdu script in Devanagari, times and scores unchanged.

    What a word alone cannot tell: the future's ending joins its verb, and a postposition its pronoun (the word
    keeps its times but loses its leading space); میں starting a sentence or a clause, or before ने, is मैं (I),
    not में (in); کیا before a past auxiliary or ending a sentence is किया, else क्या."""
    cores = [_LETTERS.fullmatch(w["word"].strip()).groups() for w in words]
    out, sentence_start = [], True
    for i, word in enumerate(words):
        text = word["word"]
        core, after = cores[i]
        following = cores[i + 1][0] if i + 1 < len(words) else ""
        previous = out[-1]["word"].strip() if out else ""
        pronoun = (_joined(cores[i - 1][0] if not cores[i - 1][1] else "", previous, core, _POSTPOSITIONS[core])
                   if core in _POSTPOSITIONS and previous else None)
        if core in _FUTURE and previous:
            text = _FUTURE[core] + urdu_to_devanagari(after)
        elif core == "میں" and (sentence_start or following == "نے" or _CLAUSE_END.search(previous)):
            text = text.replace(core, "मैं")
        elif pronoun:
            out[-1] = {**out[-1], "word": out[-1]["word"].replace(previous, pronoun)}
            text = _POSTPOSITIONS[core] + urdu_to_devanagari(after)
        elif core in _FIXED:
            text = text.replace(core, _FIXED[core])
        elif core == "کیا":
            did = not sentence_start and (following in _PAST_AUXILIARIES or i + 1 == len(words) or bool(after))
            text = text.replace(core, "किया" if did else "क्या")
        else:
            text = urdu_to_devanagari(text)
        sentence_start = text.rstrip().endswith(_SENTENCE_END)
        out.append({**word, "word": urdu_to_devanagari(text)})
    return out


def devanagari_segments(segments):
    """Transcript segments of Hindi (each a sentence start) with their text and words in Devanagari."""
    out = []
    for segment in segments:
        words = devanagari_words(segment["words"])
        text = "".join(w["word"] for w in words).strip() if words else urdu_to_devanagari(segment["text"])
        out.append({**segment, "text": text, "words": words})
    return out
