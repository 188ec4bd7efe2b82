"""Words to subtitle files: cues timed and segmented by timed-text rules, lines broken where a reader expects,
songs between ♪ marks, SRT/WebVTT/ASS/TSV/JSON written, and how each file meets the rules (lint).

Modules: cues (build_cues), line_breaks (wrap), song_marks (mark_song_words, with_song_marks), writers
(write_subtitles), lint (lint_file, cue_failures; python -m cinescribe.subtitles.lint).
"""
