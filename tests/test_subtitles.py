import pysubs2

from cinescribe.subtitles import build_cues, wrap, write_subtitles


def _words(text, start=0.0, step=0.3):
    return [{"word": f" {w}", "start": start + i * step, "end": start + i * step + 0.25}
            for i, w in enumerate(text.split())]


def test_wrap_balances_two_lines_within_the_limit():
    lines = wrap("The quick brown fox jumps over the lazy dog near the quiet river bank", 42, 2)
    assert len(lines) == 2 and all(len(line) <= 42 for line in lines)
    assert abs(len(lines[0]) - len(lines[1])) <= 10
    assert wrap("x" * 50, 42, 2) is None


def test_cues_respect_line_length_lines_and_duration():
    text = " ".join(["word"] * 200)
    cues = build_cues(_words(text))
    assert all(len(line) <= 42 for c in cues for line in c["lines"])
    assert all(len(c["lines"]) <= 2 and c["end"] - c["start"] <= 7.0 for c in cues)
    assert sum(len(c["words"]) for c in cues) == 200


def test_a_long_pause_starts_a_new_cue_and_short_cues_are_stretched():
    words = _words("hello there") + _words("again", start=5.0)
    cues = build_cues(words)
    assert [len(c["words"]) for c in cues] == [2, 1]
    assert cues[1]["end"] - cues[1]["start"] >= 0.83
    assert cues[0]["end"] <= cues[1]["start"] - 0.08


def test_written_files_parse(tmp_path):
    cues = build_cues(_words("Hello there. How are you today, my old friend from the village?"))
    write_subtitles(cues, srt=tmp_path / "a.srt", vtt=tmp_path / "a.vtt", json_path=tmp_path / "a.json")
    srt = pysubs2.load(str(tmp_path / "a.srt"))
    vtt = pysubs2.load(str(tmp_path / "a.vtt"))
    assert len(srt) == len(vtt) == len(cues)
    assert srt[0].plaintext.startswith("Hello there.")
    assert not list(tmp_path.glob("*.part"))
