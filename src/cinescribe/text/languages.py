"""What the stages know about languages, in one place (codes are Whisper's two-letter ones).

Whisper's own list of codes comes from faster-whisper (asr.languages); these are the tables of ours.
"""

# The script a language's subtitles must be written in: Whisper's base writes Hindi in Urdu's Arabic script,
# and done's checks say so.
SCRIPTS = {"hi": "Devanagari", "mr": "Devanagari", "ne": "Devanagari", "sa": "Devanagari", "ur": "Arabic",
           "bn": "Bengali", "pa": "Gurmukhi", "gu": "Gujarati", "ta": "Tamil", "te": "Telugu", "kn": "Kannada",
           "ml": "Malayalam"}

# Languages written in Devanagari whose subtitles get a Latin-letter twin with subtitles.script: latin.
ROMANIZED = ("hi", "mr", "ne")

# The FLORES-200 codes NLLB and IndicTrans2 name their languages by.
FLORES_CODES = {"en": "eng_Latn", "hi": "hin_Deva", "ur": "urd_Arab", "bn": "ben_Beng", "mr": "mar_Deva",
                "ta": "tam_Taml", "te": "tel_Telu", "kn": "kan_Knda", "ml": "mal_Mlym", "gu": "guj_Gujr",
                "pa": "pan_Guru", "ne": "npi_Deva", "pt": "por_Latn", "es": "spa_Latn", "fr": "fra_Latn",
                "de": "deu_Latn", "it": "ita_Latn", "ja": "jpn_Jpan", "zh": "zho_Hans", "ar": "arb_Arab"}

# The glossary prompt, written in the film's language: Whisper continues in the language and script it is
# shown (English for a language not listed).
NAME_PROMPTS = {"hi": "इस फ़िल्म में ये नाम आते हैं: {names}।", "en": "Names in this film: {names}."}

# Names a player shows for a subtitle track (deliver's track titles); a language not listed shows its code.
ENGLISH_NAMES = {"en": "English", "hi": "Hindi", "ur": "Urdu", "bn": "Bengali", "mr": "Marathi", "ta": "Tamil",
                 "te": "Telugu", "kn": "Kannada", "ml": "Malayalam", "gu": "Gujarati", "pa": "Punjabi",
                 "ne": "Nepali", "sa": "Sanskrit", "pt": "Portuguese", "es": "Spanish", "fr": "French",
                 "de": "German", "it": "Italian", "ja": "Japanese", "zh": "Chinese", "ar": "Arabic", "ru": "Russian",
                 "ko": "Korean", "nl": "Dutch", "tr": "Turkish", "pl": "Polish", "sv": "Swedish", "id": "Indonesian"}
