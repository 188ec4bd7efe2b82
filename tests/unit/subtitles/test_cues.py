"""Cue building against the timed-text rules, line breaking, writers and the lint entry point."""

import pysubs2
import pytest

from cinescribe.subtitles.cues import build_cues
from cinescribe.subtitles.line_breaks import wrap
from cinescribe.subtitles.lint import check
from cinescribe.subtitles.lint import main as lint_main
from cinescribe.subtitles.writers import write_subtitles


def _words(text, start=0.0, step=0.3, speaker=None):
    return [{"word": f" {w}", "start": start + i * step, "end": start + i * step + 0.25, "speaker": speaker}
            for i, w in enumerate(text.split())]


def test_breaks_at_natural_points():
    assert wrap("I went to the market and bought some fresh bread for the family") == [
        "I went to the market and bought", "some fresh bread for the family"]
    lines = wrap("She said that the train to the city was late again today, so we walked.")
    assert lines[0].endswith("city") and not lines[0].endswith(("the", "to"))
    assert not wrap("Well, there is not much difference between us and them now")[0].endswith(("the", "and"))
    assert wrap("x" * 50) is None


def test_a_line_breaks_after_punctuation_or_before_a_conjunction_not_inside_a_phrase():
    """Netflix's English guide breaks lines after punctuation, before conjunctions and prepositions: a first line
    that ends on 'and', or a break between a verb and its object, reads as a broken phrase."""
    assert wrap("Then stop talking and start walking. We are late.") == ["Then stop talking",
                                                                     "and start walking. We are late."]
    assert wrap("Stop the car, there is somebody lying on the road.") == ["Stop the car,",
                                                                      "there is somebody lying on the road."]
    assert wrap("The light went out in the whole street at midnight.") == ["The light went out",
                                                                       "in the whole street at midnight."]


def test_long_speech_meets_length_count_duration_and_gap_rules():
    cues = build_cues(_words(" ".join(["word"] * 300)))
    events = [pysubs2.SSAEvent(start=int(c["start"] * 1000), end=int(c["end"] * 1000), text=r"\N".join(c["lines"]))
              for c in cues]
    shares = check(events)
    for rule in ("line length", "line count", "min duration", "max duration", "gap between cues"):
        assert shares[rule] == 1.0, rule
    assert sum(len(c["words"]) for c in cues) == 300


def test_fast_cue_is_stretched_into_silence_for_reading_speed():
    fast = _words("Absolutely extraordinary circumstances everywhere", step=0.2)  # ~50 chars in 0.85 s
    later = _words("Later.", start=10.0)
    first = build_cues(fast + later)[0]
    chars = len(" ".join(first["lines"]))
    assert chars / (first["end"] - first["start"]) <= 17.0


def test_short_cue_between_close_neighbours_borrows_time_or_merges():
    words = _words("Yes.", start=1.0) + _words("No.", start=2.2) + _words("Maybe so.", start=3.4)
    cues = build_cues(words)
    assert all(c["end"] - c["start"] >= 5 / 6 - 1e-3 for c in cues)  # times are written in milliseconds
    assert all(b["start"] - a["end"] >= 2 / 24 - 1e-6 for a, b in zip(cues, cues[1:]))


def test_a_long_pause_always_starts_a_new_cue():
    cues = build_cues(_words("hello there") + _words("again", start=5.0))
    assert [len(c["words"]) for c in cues] == [2, 1]


def test_two_speakers_in_one_cue_get_dialogue_dashes():
    words = _words("Are you coming?", speaker="SPEAKER_00") + _words("Yes.", start=1.0, speaker="SPEAKER_01")
    cue = build_cues(words)[0]
    assert cue["lines"] == ["- Are you coming?", "- Yes."]


def test_three_speaker_changes_never_share_a_cue():
    words = (_words("One.", 0, speaker="A") + _words("Two.", 0.4, speaker="B") + _words("Three.", 0.8, speaker="A"))
    assert all(len(c["lines"]) <= 2 for c in build_cues(words))
    assert len(build_cues(words)) >= 2


def test_writers_produce_files_players_read(tmp_path):
    words = _words("Hello there, Sheila.", speaker="SPEAKER_00") + _words("Hi Diane.", start=3, speaker="SPEAKER_01")
    cues = build_cues(words)
    paths = {fmt: tmp_path / f"film.en.{fmt}" for fmt in ("srt", "vtt", "ass", "tsv", "json")}
    write_subtitles(cues, paths, names={"SPEAKER_00": "Diane", "SPEAKER_01": "Sheila"})
    for fmt in ("srt", "vtt", "ass"):
        assert len(pysubs2.load(str(paths[fmt]))) == len(cues)
    assert "<v Diane>Hello there, Sheila." in paths["vtt"].read_text()
    assert [e.name for e in pysubs2.load(str(paths["ass"]))] == ["Diane", "Sheila"]
    assert paths["tsv"].read_text().splitlines()[1].split("\t")[2] == "Diane"
    assert not list(tmp_path.glob("*.part"))
    with pytest.raises(ValueError):
        write_subtitles(cues, {"sub": tmp_path / "x.sub"})


def test_lint_entry_point(tmp_path, capsys):
    subs = pysubs2.SSAFile()
    subs.append(pysubs2.SSAEvent(start=0, end=500, text="Too short"))
    subs.append(pysubs2.SSAEvent(start=1000, end=3000, text="A line that is far too long for any subtitle rule"))
    subs.save(str(tmp_path / "a.srt"))
    assert lint_main([str(tmp_path / "a.srt")]) == 0
    out = capsys.readouterr().out
    assert "line length          50.0 %" in out and "min duration         50.0 %" in out
