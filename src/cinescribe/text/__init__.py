"""Text as the stages share it: the glossary's terms, words and their joined text, visible characters
(graphemes), and Devanagari in Latin letters; the language tables live in languages.

Modules: glossary (Term, configured_terms, glossary_files), words (text_of, words_of, words_within, normalize), graphemes
(visible_length, has_devanagari), romanize (romanize, romanize_words), languages (SCRIPTS, FLORES_CODES,
ROMANIZED, NAME_PROMPTS).
"""
