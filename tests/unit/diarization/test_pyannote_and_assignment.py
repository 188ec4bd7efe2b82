"""Words and segments get speakers from turns; pyannote's Annotation converts to our turns."""

import importlib.util

import pytest
from pyannote.core import Annotation, Segment

from cinescribe.diarization.assignment import (
    assign_speakers,
    phrase_flickers_joined,
    sentence_fragments_joined,
    sentence_inserts_joined,
)
from cinescribe.diarization.pyannote_pipeline import load_pipeline, turns_from_annotation
from cinescribe.runtime.errors import CinescribeError

TURNS = [{"start": 0.0, "end": 2.0, "speaker": "SPEAKER_00"},
         {"start": 2.0, "end": 5.0, "speaker": "SPEAKER_01"},
         {"start": 8.0, "end": 9.0, "speaker": "SPEAKER_00"}]


def word(text, start, end):
    return {"word": text, "start": start, "end": end, "probability": 0.9}


def test_words_take_the_turn_they_overlap_most_and_segments_their_majority():
    segments = [{"start": 0.5, "end": 4.0, "text": "Hi. There, you.",
                 "words": [word("Hi.", 0.5, 1.0), word(" There,", 1.8, 2.6), word(" you.", 3.0, 4.0)]}]
    out = assign_speakers(segments, TURNS)
    assert [w["speaker"] for w in out[0]["words"]] == ["SPEAKER_00", "SPEAKER_01", "SPEAKER_01"]
    assert out[0]["speaker"] == "SPEAKER_01"
    assert "speaker" not in segments[0]["words"][0]  # the input is left as it was


def test_a_voice_cutting_in_does_not_take_the_words_of_the_one_speaking():
    turns = [{"start": 10.0, "end": 10.7, "speaker": "B"}, {"start": 10.4, "end": 10.7, "speaker": "A"}]
    out = assign_speakers([{"start": 10.4, "end": 10.6, "text": "I", "words": [word("I", 10.44, 10.62)]}], turns)
    assert out[0]["words"][0]["speaker"] == "B"


def test_a_word_outside_every_turn_takes_the_nearest():
    out = assign_speakers([{"start": 6.0, "end": 7.8, "text": "late",
                            "words": [word("late", 7.4, 7.8), word("early", 5.2, 5.5)]}], TURNS)
    assert [w["speaker"] for w in out[0]["words"]] == ["SPEAKER_00", "SPEAKER_01"]


def test_a_long_turn_that_began_long_ago_still_counts():
    turns = [{"start": 0.0, "end": 100.0, "speaker": "A"}, {"start": 10.0, "end": 11.0, "speaker": "B"}]
    out = assign_speakers([{"start": 60, "end": 61, "text": "x", "words": [word("x", 60.0, 61.0)]}], turns)
    assert out[0]["words"][0]["speaker"] == "A"


def test_no_turns_leaves_segments_alone():
    segments = [{"start": 0, "end": 1, "text": "x", "words": [word("x", 0, 1)]}]
    assert assign_speakers(segments, []) == segments


def test_pyannote_annotation_becomes_turns_named_by_first_appearance():
    annotation = Annotation()
    annotation[Segment(5.0, 7.5)] = "spk_b"
    annotation[Segment(0.5, 4.0)] = "spk_a"
    annotation[Segment(7.0, 9.0), "overlap"] = "spk_a"
    assert turns_from_annotation(annotation) == [
        {"start": 0.5, "end": 4.0, "speaker": "SPEAKER_00"},
        {"start": 5.0, "end": 7.5, "speaker": "SPEAKER_01"},
        {"start": 7.0, "end": 9.0, "speaker": "SPEAKER_00"},
    ]


def test_pyannote_backend_fails_with_one_sentence_when_unavailable(tmp_path):
    with pytest.raises(CinescribeError) as err:
        load_pipeline(str(tmp_path / "no-such-pipeline"))
    message = str(err.value)
    assert "\n" not in message
    if importlib.util.find_spec("pyannote.audio") is None:
        assert "pyannote.audio is not installed" in message and "campplus" in message
    else:
        assert "could not load the pyannote pipeline" in message


def _said(*parts):
    """Words from (speaker, text, start) parts, 0.25 s a word."""
    words = []
    for speaker, text, start in parts:
        for i, token in enumerate(text.split()):
            words.append({"start": start + 0.25 * i, "end": start + 0.25 * i + 0.2, "word": f" {token}",
                          "speaker": speaker})
    return words


def test_a_sentence_s_last_word_given_to_another_voice_goes_back_to_its_speaker():
    words = sentence_fragments_joined(_said(("A", "I never liked him. Neither did", 0.0), ("B", "I.", 1.6)))
    assert {w["speaker"] for w in words} == {"A"}


def test_a_sentence_s_first_words_given_to_the_voice_before_go_to_its_speaker():
    for opening in ("And", "Home, I"):  # '- And / - I'm Sheila.', '- Home, I / - think I will sleep for a day.'
        before = f"I saw him. {opening}"
        parts = (("A", before, 0.0), ("B", "think I will sleep for a day.", 0.25 * len(before.split())))
        words = sentence_fragments_joined(_said(*parts))
        assert [w["speaker"] for w in words] == ["A"] * 3 + ["B"] * (len(opening.split()) + 7)


def test_quick_exchanges_of_whole_sentences_keep_their_voices():
    parts = (("A", "Hello?", 0.0), ("B", "Hello?", 0.3), ("A", "Oh, hello.", 0.6))
    assert [w["speaker"] for w in sentence_fragments_joined(_said(*parts))] == ["A", "B", "A", "A"]


def test_a_few_words_inside_one_voice_s_sentence_given_to_another_voice_go_back_to_it():
    """'- We are / - in my coat / pocket with the passports.' was one voice split into two speakers."""
    parts = (("A", "We are", 0.0), ("B", "in my coat", 0.5), ("A", "pocket with the passports.", 1.25))
    assert {w["speaker"] for w in sentence_inserts_joined(_said(*parts))} == {"A"}


def test_an_answer_between_two_sentences_or_after_a_pause_keeps_its_voice():
    ended = (("A", "Are you coming?", 0.0), ("B", "in a minute", 0.75), ("A", "Good, then hurry.", 1.5))
    paused = (("A", "We are", 0.0), ("B", "in my coat", 1.0), ("A", "pocket with the passports.", 1.75))
    said = (("A", "We are", 0.0), ("B", "Yes.", 0.5), ("A", "in my coat pocket.", 0.75))
    for parts in (ended, paused, said):
        assert "B" in {w["speaker"] for w in sentence_inserts_joined(_said(*parts))}


def test_one_voice_flickering_to_another_mid_phrase_is_one_voice():
    """'- Good. Now open / - the box, slowly…' and '- That's all I have, I've been in / - my door for too
    long.' were each one voice split into two speakers: a change onto a word that carries the sentence on, with
    no more than a breath before it, is not a change of voice ('- Good, / - now open the box,' on the 2.5-hour
    film). The voice saying most of the stretch takes it."""
    box = (("A", "Good. Now open", 0.0), ("B", "the box,", 0.75), ("A", "slowly and do not touch the paper.", 1.25))
    door = (("A", "That's all I have, I've been in", 0.0), ("B", "my door for too long.", 1.75))
    breath = (("A", "Good,", 0.0), ("B", "now open the box,", 0.7), ("A", "slowly.", 1.7))  # Good, (0.5 s) now…
    assert {w["speaker"] for w in phrase_flickers_joined(_said(*box))} == {"A"}
    assert {w["speaker"] for w in phrase_flickers_joined(_said(*door))} == {"A"}
    assert {w["speaker"] for w in phrase_flickers_joined(_said(*breath))} == {"B"}


def test_one_voice_flickering_after_a_comma_is_one_voice_whatever_the_case_of_the_next_word():
    """'- Number 10, / - Fresh Nelly is waiting on you.' and '- I got the job in the city, / - I start on
    Monday.' (tuning 2.5-hour film: 7 of its 10 false dash pairs): after a comma Whisper's sentence goes on, so
    a capital there ('I', a name) does not open a new utterance."""
    name = (("A", "Number 10,", 0.0), ("B", "Fresh Nelly is waiting on you.", 1.0))
    pronoun = (("A", "I got the job in the city,", 0.0), ("B", "I start on Monday.", 1.9))
    for parts in (name, pronoun):
        assert len({w["speaker"] for w in phrase_flickers_joined(_said(*parts))}) == 1


def _segments(*parts):
    """One Whisper segment per (speaker, text, start) part, and the turns that give each part its speaker."""
    segments, turns = [], []
    for speaker, text, start in parts:
        words = _said((speaker, text, start))
        segments.append({"start": words[0]["start"], "end": words[-1]["end"], "text": text,
                         "words": [{k: v for k, v in w.items() if k != "speaker"} for w in words]})
        turns.append({"start": words[0]["start"] - 0.05, "end": words[-1]["end"] + 0.05, "speaker": speaker})
    return segments, turns


def test_a_sentence_whisper_split_into_two_segments_is_one_voice_where_it_carries_on():
    """'- Bring it tomorrow at noon / - and bring it on.': Whisper ended a segment mid-sentence and the voice
    changed with it (the tuning 2.5-hour film's last 3 false dash pairs were all such). A segment that opens
    with a capital, the sentence before unfinished ('I called you four times | Is everything all right?'),
    is a new utterance and keeps its voice."""
    carried = _segments(("A", "Bring it tomorrow at noon", 0.0), ("B", "and bring it on.", 1.5))
    opened = _segments(("A", "I called you four times", 0.0), ("B", "Is everything all right?", 1.6))
    assert {w["speaker"] for s in assign_speakers(*carried) for w in s["words"]} == {"A"}
    assert [s["speaker"] for s in assign_speakers(*opened)] == ["A", "B"]


def test_a_change_after_a_pause_or_onto_a_capital_keeps_both_voices():
    """A new utterance Whisper left unpunctuated starts with a capital; after a second's pause it may be anyone's;
    a language without letter case gives no sign either way."""
    capital = (("A", "Are you coming", 0.0), ("B", "Good, then hurry.", 0.75))
    paused = (("A", "We are going to", 0.0), ("B", "the station tonight.", 2.2))  # 1.25 s after "to"
    hindi = (("A", "मैं बाज़ार जा", 0.0), ("B", "रहा हूँ।", 0.75))
    for parts in (capital, paused, hindi):
        assert {w["speaker"] for w in phrase_flickers_joined(_said(*parts))} == {"A", "B"}
