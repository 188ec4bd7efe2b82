"""The checks that tell a user the film was not understood: their figures and the causes they name."""

from cinescribe.report.checks import assess, speech_without_subtitles

CHECKS = {"min_language_probability": 0.5, "min_speech_coverage": 0.5, "min_unsubtitled_s": 2.0,
          "unsubtitled_join_s": 1.0}
SURE = {"source": "en", "probability": 0.97, "detected": True, "candidates": [["en", 0.97], ["de", 0.01]]}
SPEECH = [(0.0, 10.0), (20.0, 30.0), (40.0, 60.0)]  # 40 s of speech


def _cue(start, end, text="words"):
    return {"start": start, "end": end, "lines": [text]}


def test_a_film_understood_has_no_warning():
    cues = [_cue(0.5, 9.5), _cue(20.0, 29.0), _cue(40.0, 59.0)]
    summary, warnings = assess(SPEECH, cues, "en", SURE, [], CHECKS, "base")
    assert summary["speech_coverage"] == round((9 + 9 + 19) / 40, 4) and summary["speech_s"] == 40
    assert warnings == []


def test_uncovered_speech_names_the_share_and_music_when_songs_hold_the_speech():
    summary, warnings = assess(SPEECH, [_cue(0.0, 8.0)], "en", SURE, [(30.0, 70.0)], CHECKS, "base")
    assert summary["speech_coverage"] == 0.2
    assert len(warnings) == 2 and "cover only 20% of the speech" in warnings[0]
    assert "music (50% of the speech is inside songs)" in warnings[0] and "wrong language" not in warnings[0]
    assert "a model too small for en (asr.model base" in warnings[0]
    # 8-10 s and 20-30 s have no cue; 40-60 s is inside a song
    assert summary["speech_without_subtitles"] == {"count": 2, "seconds": 12.0, "stretches": [[8.0, 10.0], [20.0, 30.0]]}
    assert warnings[1].startswith("2 stretches of speech (12 s) have no subtitles, the first at 0:00:08")


def test_an_unsure_language_is_one_warning_with_the_candidates():
    unsure = {"source": "en", "probability": 0.27, "detected": True,
              "candidates": [["en", 0.27], ["hi", 0.21], ["ur", 0.18]]}
    _, warnings = assess(SPEECH, [_cue(0.0, 60.0)], "en", unsure, [], CHECKS, "base")
    assert warnings == ["the film's language is unsure: detected en with probability 0.27 (candidates: en 0.27, "
                        "hi 0.21, ur 0.18); if that is wrong, set it, e.g. --config asr.language=hi (or a jobs.tsv "
                        "language column)"]
    told = {"source": "hi", "probability": 1.0, "detected": False, "candidates": []}  # the user set asr.language
    assert assess(SPEECH, [_cue(0.0, 60.0, "यह हिंदी है")], "hi", told, [], CHECKS, "base")[1] == []


def test_hindi_in_urdu_script_is_said():
    cues = [_cue(0.0, 60.0, "میں کل سو بہت سیشن پر"), _cue(61.0, 62.0, "OK")]
    told = {"source": "hi", "probability": 1.0, "detected": False, "candidates": []}
    summary, warnings = assess(SPEECH, cues, "hi", told, [], CHECKS, "base")
    assert summary["script"] == {"expected": "Devanagari", "share": 0.0}
    assert len(warnings) == 1 and warnings[0].startswith("only 0% of the letters in the hi subtitles are Devanagari")


def test_a_film_without_speech_missed_nothing():
    summary, warnings = assess([], [], "en", SURE, [], CHECKS, "base")
    assert summary["speech_coverage"] == 1.0 and warnings == []


def test_speech_without_subtitles_is_each_stretch_a_viewer_would_meet_with_nothing_on_screen():
    speech = [(0.0, 2.0), (2.5, 4.0), (10.0, 11.0), (20.0, 26.0), (40.0, 45.0)]
    cues = [_cue(0.0, 1.2), _cue(20.0, 23.0), _cue(24.5, 26.0)]
    # 1.2-4.0 joins across the 0.5 s pause (2.3 s of speech); 10-11 is too short; the 1.5 s gap between two cues
    # at 23.0-24.5 is a pause inside a scene, not a lost line; 40-45 lies in a song
    assert speech_without_subtitles(speech, cues, songs=[(39.0, 50.0)]) == [[1.2, 4.0]]
    assert speech_without_subtitles(speech, cues, min_s=1.0) == [[1.2, 4.0], [10.0, 11.0], [23.0, 24.5], [40.0, 45.0]]
    assert speech_without_subtitles([], []) == []
