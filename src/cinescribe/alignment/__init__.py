"""Your words, timed to this film: a script aligned to the recognised words, or earlier subtitles re-synced.

Both modes replace the transcript's own cues in the `subtitles` rule and share its VAD, ASR words, speakers and
cue timing (subtitles.timing). Modules: word_matching (the two word sequences aligned in order), script (a
script file read into lines), old_subtitles (an SRT/WebVTT/ASS file read into cues), time_map (a piecewise
map old time → film time fitted to word pairs), text_alignment (align_script), resync (resync_cues), checks
(the one sentence for a file that is not this film's text), options (AlignOptions).
"""
