"""Subtitles in other languages: the source cues' text sent through a machine-translation backend, timing
kept, glossary translations respected, lines re-wrapped.

Modules: cues (translate_cues, bilingual_cues, glossary_translations), backends (load_backend,
check_before_the_run).
"""
