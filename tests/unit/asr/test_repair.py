"""No silent gaps: speech that comes back from Whisper without its words is found and decoded again."""

import pytest

from cinescribe.asr.models import load_whisper
from cinescribe.asr.repair import packed_groups, placements, replace_words, unheard_spans, unpacked
from cinescribe.asr.transcribe import repair_unheard
from cinescribe.audio.media import read_slice
from cinescribe.audio.vad import detect_speech
from cinescribe.spans import clipped
from support import film_like
from support.workflow_runner import wer


def _segment(text, start, end):
    tokens = text.split()
    step = (end - start) / len(tokens)
    words = [{"start": start + i * step, "end": start + (i + 1) * step, "word": f" {t}", "probability": 0.9}
             for i, t in enumerate(tokens)]
    return {"start": start, "end": end, "text": text, "words": words}


def test_speech_without_words_is_found_and_joined_across_short_pauses():
    speech = [[0.0, 3.0], [3.4, 6.0], [6.5, 8.0], [20.0, 20.6], [30.0, 33.0]]
    segments = [_segment("we will pay them back by the end of the month", 0.0, 3.0),
                _segment("fine", 31.0, 31.4)]
    # 3.4-8.0: two lines with no word, one window; 20-20.6: too little speech to matter; 30-33: one word in 3 s
    assert unheard_spans(speech, segments) == [[3.4, 8.0], [30.0, 33.0]]


def test_a_line_dropped_beside_a_heard_one_in_the_same_stretch_of_speech_is_found():
    """One VAD stretch, two lines: Whisper kept the first (its words per second look fine over the stretch) and
    dropped the second (21.7-28.1 s of the held-out film: 'They are fine…' heard, 'Because the bank…' lost)."""
    speech = [[21.7, 28.1]]
    segments = [_segment("they might find a little girl small but loud", 21.7, 24.3)]
    assert unheard_spans(speech, segments) == [[24.5, 28.1]]
    both = segments + [_segment("because the bank called about the money we borrowed", 25.1, 27.9)]
    assert unheard_spans(speech, both) == []


def test_the_last_one_word_turn_of_a_quick_exchange_whisper_skipped_is_found():
    """"Who is it?" / "Run!" / "Yes?" / "Where?" in one VAD stretch (552.9-555.7 s of the speaker tuning film):
    Whisper wrote the first three and stopped, leaving 0.83 s of the stretch, a whole turn, without a word."""
    speech = [[552.896, 555.716]]
    segments = [_segment("who is it run yes", 553.09, 554.686)]
    assert unheard_spans(speech, segments) == [[554.886, 555.716]]
    assert unheard_spans(speech, segments + [_segment("where", 554.754, 555.314)]) == []


def test_the_words_of_a_repetition_loop_count_as_unheard():
    """'I'm out. I'm out. …' sixteen times over a line Whisper never decoded: the loop's words cover the line in
    time but heard nothing, and the merge cuts the loop away, so the line must be decoded again."""
    speech = [[298.3, 305.0]]
    said = _segment("that was my mother she never talked to me", 298.3, 301.0)
    loop = _segment(" ".join(["I'm out."] * 16), 301.0, 305.0)
    segment = {**said, "end": 305.0, "words": said["words"] + loop["words"]}
    assert unheard_spans(speech, [segment]) == [[301.2, 305.0]]


def test_repaired_words_replace_the_few_the_first_pass_had_and_nothing_is_said_twice():
    first = [_segment("number ten fresh", 10.0, 12.0), _segment("nelly", 13.0, 14.0)]
    repaired = [_segment("fresh nelly is waiting on you", 11.5, 15.0)]
    out = replace_words(first, (11.4, 15.0), repaired)
    assert [seg["text"] for seg in out] == ["number ten", "fresh nelly is waiting on you"]
    assert out[0]["end"] <= out[1]["start"]


def test_a_segment_around_the_repaired_window_is_split_so_words_stay_in_time_order():
    """Text-only decoding gives 30 s segments; one that spans a repaired stretch must not carry its later
    words in front of the repair (the cues would be built from words out of order)."""
    crowded = [_segment("we were there before the ruin came to all of us", 0.0, 30.0)]
    sparse = _segment("we were there", 0.0, 3.0)  # no first-pass word inside the window
    sparse = {**sparse, "end": 23.0, "words": sparse["words"] + _segment("the ruin came", 20.0, 23.0)["words"]}
    repaired = [_segment("that is the way with you", 9.0, 12.0)]
    for first in (crowded, [sparse]):
        out = replace_words(first, (8.5, 12.5), repaired)
        words = [w for seg in out for w in seg["words"]]
        assert [w["start"] for w in words] == sorted(w["start"] for w in words)
        assert "that is the way with you" in [seg["text"] for seg in out]


@pytest.fixture(scope="module")
def dialogue(tmp_path_factory):
    """The tuning film's opening minutes: a 25 s stretch of dialogue (five spoken lines and a whisper between
    two voices), and Silero's speech there."""
    wav, reference = film_like.build(tmp_path_factory.mktemp("film"), film_like.FILMS["tune"], minutes=2.2)
    lines = [line for line in reference["lines"] if 93.0 <= line["start"] and line["end"] <= 123.0]
    return wav, lines, clipped(detect_speech(wav), 92.5, 123.5)


def test_lines_whisper_left_out_of_a_window_come_back(dialogue):
    """The state batched text-only decoding left on such a window: its first line, and nothing after it."""
    wav, lines, speech = dialogue
    base = load_whisper("base", "cpu", "int8", 2)
    audio = read_slice(wav, 80.0, 125.0)
    first_pass = [_segment(lines[0]["text"], lines[0]["start"], lines[0]["end"])]
    options = {"language": "en", "task": "transcribe", "beam_size": 5, "repair": {"enabled": True}}
    segments, repaired = repair_unheard(base, audio, 80.0, speech, first_pass, options)
    words = [w for seg in segments for w in seg["words"]]
    heard = [line["text"] for line in lines
             if sum(line["start"] - 0.3 <= w["start"] <= line["end"] for w in words) >= len(line["text"].split()) / 2]
    spoken = [line["text"] for line in lines if line["style"] != "whisper"]  # Silero hears no voice in a whisper
    assert set(spoken) <= set(heard) and len(spoken) == 5 and repaired
    assert segments[0]["text"] == first_pass[0]["text"]  # what the first pass heard stays
    assert wer(" ".join(line["text"] for line in lines), " ".join(seg["text"] for seg in segments)) < 0.5


def test_lines_decoded_together_keep_each_word_on_its_own_line_in_the_film(dialogue):
    """Four dropped lines, each its own stretch: the repair pass decodes them laid end to end in one window, and
    every word must come back at the time it was said in the film, not where the packed window had it."""
    wav, lines, _speech = dialogue
    plain = [line for line in lines if line["style"] == "plain"][:4]
    speech = [[round(line["start"], 3), round(line["end"], 3)] for line in plain]
    base = load_whisper("base", "cpu", "int8", 2)
    options = {"language": "en", "task": "transcribe", "beam_size": 5, "repair": {"enabled": True, "join_gap_s": 0.2}}
    segments, repaired = repair_unheard(base, read_slice(wav, 95.0, 120.0), 95.0, speech, [], options)
    assert len(repaired) == 4
    for line in plain:
        words = [w for seg in segments for w in seg["words"] if line["start"] - 0.3 <= w["start"] <= line["end"]]
        assert wer(line["text"], " ".join(w["word"] for w in words)) < 0.4, line["text"]
    assert all(any(line["start"] - 0.3 <= w["start"] <= line["end"] + 0.3 for line in plain)
               for seg in segments for w in seg["words"])


def test_a_packed_window_gives_each_word_to_the_stretch_it_was_said_in():
    group = packed_groups([(10.0, 13.0), (20.0, 24.0), (40.0, 60.0)], max_window_s=28.0, gap_s=1.0)
    assert group == [[(10.0, 13.0), (20.0, 24.0)], [(40.0, 60.0)]]  # 3 + 1 + 4 + 1 + 20 s would be 29 s
    places = placements(group[0], gap_s=1.0)
    segment = _segment("hello there friend", 0.5, 2.9)
    segment["words"] += _segment("stray", 3.1, 3.4)["words"] + _segment("again we meet", 4.2, 7.6)["words"]
    first, second = unpacked([segment], places, gap_s=1.0)
    assert [seg["text"] for seg in first] == ["hello there friend stray"]
    assert [seg["text"] for seg in second] == ["again we meet"]
    assert first[0]["words"][-1]["start"] == first[0]["words"][-1]["end"] == 13.0  # in the silence: clamped
    assert second[0]["start"] == 20.2 and second[0]["end"] == 23.6


def test_a_repetition_loop_over_dialogue_counts_as_unheard():
    speech = [[10.0, 14.0], [14.5, 18.0]]
    loop = {**_segment("I was at the hospital with my sister, hear me, me, me, me, me, me, me", 10.0, 18.0),
            "compression_ratio": 3.1}
    assert unheard_spans(speech, [loop]) == [[10.0, 18.0]]  # the merge would remove the loop, and the lines with it
    said = _segment("I was at the hospital with my sister, and she was fine, small but loud", 10.0, 18.0)
    assert unheard_spans(speech, [{**said, "compression_ratio": 1.2}]) == []
