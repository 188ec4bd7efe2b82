"""Cue times as a subtitler sets them: on the voice, on the film's frames, chained, clear of shot changes."""

import json
from fractions import Fraction

import numpy as np
import pytest

from cinescribe.subtitles.cues import CueStyle, build_cues
from cinescribe.subtitles.frame_grid import FrameGrid
from cinescribe.subtitles.timing import TimingContext, timing_context

RATES = [Fraction(24000, 1001), Fraction(25), Fraction(30000, 1001)]
STYLE = CueStyle(max_cps=20)


def _line(text, start, step=0.3):
    return [{"start": round(start + i * step, 3), "end": round(start + i * step + step - 0.05, 3), "word": f" {w}",
             "probability": 0.9} for i, w in enumerate(text.split())]


def _film(seed=3, lines=40):
    """Lines of 3-9 words with pauses of 0.1-2 s, VAD spans around each (padded 0.1 s)."""
    rng = np.random.RandomState(seed)
    words, speech, clock = [], [], 1.0
    for _ in range(lines):
        n = rng.randint(3, 10)
        line = _line(" ".join(["word"] * (n - 1) + ["end."]), clock)
        words += line
        speech.append([line[0]["start"] - 0.1, line[-1]["end"] + 0.1])
        clock = line[-1]["end"] + float(rng.uniform(0.1, 2.0))
    return words, speech


@pytest.mark.parametrize("rate", RATES, ids=str)
def test_every_time_is_a_frame_of_the_film(rate):
    words, speech = _film()
    grid = FrameGrid(rate)
    cues = build_cues(words, STYLE, TimingContext(grid=grid, speech=speech, vad_pad_s=0.1))
    assert all(grid.on_grid(c["start"]) and grid.on_grid(c["end"]) for c in cues)
    gaps = [round((b["start"] - a["end"]) * rate) for a, b in zip(cues, cues[1:])]
    assert min(gaps) >= 2  # two frames between cues at every rate
    assert all(round((c["end"] - c["start"]) * rate) >= np.ceil(0.833 * rate) for c in cues)  # 5/6 s at least


def test_in_time_on_the_voice_not_on_whispers_early_word_start():
    """Whisper puts the first word after a pause 0.3 s early; the cue comes up where VAD hears the voice."""
    words = _line("Where were you last night?", 10.0)
    words[0]["start"] = 9.7
    cue = build_cues(words, STYLE, TimingContext(speech=[[9.9, 11.6]], vad_pad_s=0.1))[0]
    assert cue["start"] == pytest.approx(10.0, abs=1 / 24 + 1e-3)


def test_a_line_after_a_breath_inside_one_stretch_of_speech_comes_up_where_the_voice_resumes():
    """A quick answer 0.4 s after the last line: VAD keeps one stretch, Whisper starts the answer 0.17 s early
    (more than 4 frames), and the voice's onset after the short pause (vad.json's pauses) is the in-time."""
    words = _line("Where were you?", 10.0) + _line("For a while she lay in her chair.", 11.2)
    words[3]["start"] = 11.03
    context = TimingContext(speech=[[9.9, 13.5]], vad_pad_s=0.1, pauses=[[10.9, 11.2]])
    answer = [c for c in build_cues(words, STYLE, context) if "For a while" in " ".join(c["lines"])][0]
    assert answer["start"] == pytest.approx(11.2, abs=1 / 24 + 1e-3)
    without = [c for c in build_cues(words, STYLE, TimingContext(speech=[[9.9, 13.5]], vad_pad_s=0.1))
               if "For a while" in " ".join(c["lines"])][0]
    assert without["start"] < 11.2 - 4 / 24  # Whisper's start alone is more than 4 frames early


def test_a_whisper_vad_did_not_hear_comes_up_where_its_voice_like_sound_starts(tmp_path):
    """A whispered line VAD missed (vad.json voice_like) that the repair pass decoded: Whisper starts it 0.17 s
    early, more than 4 frames; its voice-like sound's start is the in-time, as a VAD onset would be."""
    words = _line("The river is rising.", 10.0)
    words[0]["start"] = 9.83
    vad = tmp_path / "vad.json"
    for voice_like, early in (([[10.0, 11.3]], False), ([], True)):
        vad.write_text(json.dumps({"schema": 1, "duration": 20.0, "speech": [[4.9, 8.1]], "voice_like": voice_like}))
        cue = build_cues(words, STYLE, timing_context(vad, 0.1))[0]
        if early:
            assert cue["start"] < 10.0 - 4 / 24
        else:
            assert cue["start"] == pytest.approx(10.0, abs=1 / 24 + 1e-3)


def test_a_first_word_whisper_stretched_back_over_a_pause_comes_up_after_the_pause():
    """Over a music bed VAD hears one stretch from the line before; Whisper's 'Give' starts where the last word
    ended, 0.5 s before the voice and before the pause VAD heard (held-out 2.5 h film: 10 frames early). A word holds no pause: the cue
    comes up where the voice resumes."""
    first = _line("Stay back, all of you, and keep your hands where I can see them.", 10.0, step=0.25)
    words = first + _line("Give me the gun, and nobody has to get hurt tonight.", 13.95)
    words[len(first)]["start"] = 13.45  # where 'them.' ends
    context = TimingContext(speech=[[9.9, 17.0]], vad_pad_s=0.1, pauses=[[13.7, 13.95]])
    line = [c for c in build_cues(words, STYLE, context) if "Give" in " ".join(c["lines"])][0]
    assert line["start"] == pytest.approx(13.95, abs=1 / 24 + 1e-3)


def test_a_first_word_placed_in_vads_padding_waits_for_the_voice():
    """Whisper puts 'I' 0.8 s before the voice, inside the padding Silero adds after the line before: padding is
    not voice, so the cue comes up where the next stretch of speech starts (tuning 2.5 h film: 19 frames early)."""
    first = _line("That's the job in the city, and I start on Monday, first thing in the morning.", 4.0)
    words = first + _line("I was going to write you a letter from the station.", 10.8)
    words[len(first)].update(start=10.02, end=10.5)
    context = TimingContext(speech=[[3.9, 10.1], [10.7, 14.3]], vad_pad_s=0.1)
    line = [c for c in build_cues(words, STYLE, context) if "write" in " ".join(c["lines"])][0]
    assert line["start"] == pytest.approx(10.8, abs=1 / 24 + 1e-3)


def test_a_breath_inside_a_line_does_not_hold_back_the_cue_that_starts_the_line():
    """'Well, … I think we should go.': the breath after 'Well,' is inside the line; the cue comes up with 'Well'."""
    words = _line("Where were you?", 10.0) + _line("Well, I think we should go.", 12.0)
    context = TimingContext(speech=[[9.9, 14.2]], vad_pad_s=0.1, pauses=[[12.25, 12.4]])
    line = [c for c in build_cues(words, STYLE, context) if "Well" in " ".join(c["lines"])][0]
    assert line["start"] == pytest.approx(12.0, abs=1 / 24 + 1e-3)


def test_out_time_after_the_voice_ends_and_within_half_a_second():
    words = _line("Then why do you look so worried this morning?", 5.0)  # last word ends 7.65
    cue = build_cues(words, STYLE, TimingContext(speech=[[4.9, 7.9]], vad_pad_s=0.1))[0]
    assert 7.8 <= cue["end"] <= 7.8 + 0.5  # the voice ends at 7.8 (VAD's end less its padding)


def test_short_gaps_are_chained_to_two_frames_and_long_ones_kept():
    first = _line("I called you four times last night.", 1.0)  # ends 2.95
    second = _line("Where were you all this time, then?", 3.25)  # ends 5.2: a gap of 0.3 s
    third = _line("I was at the hospital with my sister.", 7.0)
    cues = build_cues(first + second + third, STYLE)
    assert len(cues) == 3
    assert cues[1]["start"] - cues[0]["end"] == pytest.approx(2 / 24, abs=1e-3)
    assert cues[2]["start"] - cues[1]["end"] > 0.5


def test_a_cue_too_fast_by_two_frames_takes_one_from_each_chained_neighbour():
    """47 characters in 55 frames read at 20.5 a second: the cue comes up a frame before its voice (the cue before
    only lingered there) and the next waits a frame after its own, and the cue reads at 20 or less."""
    first = _line("No. I went home early.", 1.0)
    fast = _line("Where were you all night, and who was with you?", first[-1]["end"] + 0.4, step=0.212)
    after = _line("At the station, waiting for you.", fast[-1]["end"] + 0.3)
    speech = [[line[0]["start"] - 0.1, line[-1]["end"] + 0.1] for line in (first, fast, after)]
    cues = build_cues(first + fast + after, STYLE, TimingContext(speech=speech, vad_pad_s=0.1))
    assert [" ".join(c["lines"]) for c in cues] == ["No. I went home early.", " ".join(w["word"].strip() for w in fast),
                                                   "At the station, waiting for you."]
    before, middle, following = cues
    frame = 1 / 24 + 1e-3
    assert 47 / (middle["end"] - middle["start"]) <= 20
    assert 0 < middle["voice"][0] - middle["start"] <= frame and 0 < following["start"] - following["voice"][0] <= frame
    assert before["end"] >= before["voice"][1]  # its voice is not cut short
    assert all(b["start"] - a["end"] == pytest.approx(2 / 24, abs=1e-3) for a, b in zip(cues, cues[1:]))

def _spoken(*lines):
    speech = [[line[0]["start"] - 0.1, line[-1]["end"] + 0.1] for line in lines]
    return [w for line in lines for w in line], TimingContext(speech=speech, vad_pad_s=0.1)


def test_a_quick_line_too_fast_to_time_shares_a_cue_with_the_same_voices_next_sentence():
    """36 characters in 1.45 s of voice, the next line 0.3 s later: no sharing of frames reads it at 20 a second,
    but with the voice's next sentence it does (one cue, two sentences), as a subtitler would set it. A line of
    another voice is not joined for it (that would make a dash pair of a quick exchange)."""
    quick = _line("Where were you at midnight, Michael?", 1.0, step=0.25)
    same = _line("I called you four times.", quick[-1]["end"] + 0.3)
    assert same[0]["start"] - quick[0]["start"] < 36 / 20
    for speaker in ("A", "B"):
        words, context = _spoken([dict(w, speaker="A") for w in quick], [dict(w, speaker=speaker) for w in same])
        cues = build_cues(words, STYLE, context)
        texts = [" ".join(c["lines"]) for c in cues]
        if speaker == "A":
            assert texts == ["Where were you at midnight, Michael? I called you four times."]
            assert 61 / (cues[0]["end"] - cues[0]["start"]) <= 20
        else:
            assert texts == ["Where were you at midnight, Michael?", "I called you four times."]


def test_a_sentence_too_long_for_one_cue_shares_its_time_between_its_two_cues():
    """83 characters said in 3.6 s (23 a second) cut into two cues of one voice without a pause: the first would
    read at 23 a second on its own frames, so the second comes up a little after its voice (the viewer is still
    reading the first half; less than run_on_delay_s) and both read within 20 a second. Another voice's next line
    keeps its in-time."""
    line = _line("He was still suffering from the sudden disturbance of the quiet routine of his life.", 1.0, step=0.24)
    after = _line("Good. Now open the box, slowly.", line[-1]["end"] + 0.9)
    words, context = _spoken(line, [dict(w, speaker="B") for w in after])
    first, second, third = build_cues(words, STYLE, context)
    assert [" ".join(c["lines"]) for c in (first, second)] == [
        "He was still suffering from the sudden", "disturbance of the quiet routine of his life."]
    for cue in (first, second):
        assert len(" ".join(cue["lines"])) / (cue["end"] - cue["start"]) <= 20
    assert 0 < second["start"] - second["voice"][0] <= 0.75
    assert third["start"] == third["voice"][0] and second["end"] >= second["voice"][1]


@pytest.mark.parametrize("rate", RATES, ids=str)
def test_no_in_or_out_time_just_off_a_shot_change(rate):
    """Netflix: an in-time on the cut or at least 12 frames (half a second) away; an out-time 2 frames before
    the cut or at least half a second away, never hanging over it by a few frames."""
    words, speech = _film(seed=5, lines=60)
    grid = FrameGrid(rate)
    zone = grid.frames(0.5)
    rng = np.random.RandomState(1)
    cuts = sorted({round(w["start"] + float(rng.uniform(-0.4, 0.4)), 3) for w in words[::7]})
    cues = build_cues(words, STYLE, TimingContext(grid=grid, speech=speech, vad_pad_s=0.1, cuts=cuts))
    cut_frames = [grid.nearest(c) for c in cuts]
    for cue in cues:
        first, last = grid.nearest(cue["start"]), grid.nearest(cue["end"])
        assert all(first == c or abs(first - c) >= zone for c in cut_frames), (cue["start"], cuts)
        assert all(c - last == 2 or abs(last - c) >= zone for c in cut_frames if c != last + 2), (cue["end"], cuts)


def test_a_cue_comes_up_with_the_shot_that_starts_just_before_its_voice():
    words = _line("Get in the car.", 20.1)
    cue = build_cues(words, STYLE, TimingContext(speech=[[20.0, 21.3]], vad_pad_s=0.1, cuts=[20.0]))[0]
    assert cue["start"] == 20.0
