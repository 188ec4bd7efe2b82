"""Hindi text in cues: lengths and reading speed in visible characters, lines broken only between words,
the danda ending sentences, and no line starting with a postposition. No ASR needed."""

import unicodedata

import pysubs2

from cinescribe.subtitles.cues import build_cues
from cinescribe.subtitles.line_breaks import wrap
from cinescribe.subtitles.lint import check
from cinescribe.text.graphemes import clusters, visible_length
from support.media import HINDI_SENTENCES as SENTENCES


def _words(text, start=0.0, step=0.45):
    return [{"word": f" {w}", "start": round(start + i * step, 3), "end": round(start + i * step + 0.4, 3),
             "speaker": None} for i, w in enumerate(text.split())]


def _starts_inside_a_character(line):
    """A line that begins with a vowel sign, virama or nukta was cut between a consonant and its mark."""
    return unicodedata.category(line[0]) in ("Mn", "Mc")


def test_visible_characters_are_counted_not_code_points():
    word = "स्वतंत्रता"  # 10 code points, 4 visible characters: स्व तं त्र ता
    assert len(word) == 10 and visible_length(word) == 4
    assert clusters("क्षत्रिय") == ["क्ष", "त्रि", "य"]
    line = "हमारे गाँव के पास एक बहुत पुरानी नदी बहती है।"
    assert len(line) > 42 >= visible_length(line)
    assert wrap(line, 42, 2) == [line]  # fits on one line: 42 means 42 visible characters


def test_lines_break_only_between_words_and_never_before_a_postposition():
    text = " ".join(SENTENCES[:3])
    for max_chars in (24, 30, 36, 42):
        lines = wrap(text, max_chars, 4)
        assert lines, max_chars
        assert " ".join(lines) == text
        for line in lines:
            assert visible_length(line) <= max_chars
            assert not _starts_inside_a_character(line)
            assert line.split()[0] not in ("के", "में", "पर", "की", "का", "है।")
    assert wrap("प्रधानमंत्रीस्वतंत्रतादिवसभाषणप्रधानमंत्री", 8, 2) is None  # one long word is never cut


def test_danda_ends_a_cue_and_hindi_cues_meet_the_rules_in_visible_characters():
    words, t = [], 0.0
    for sentence in SENTENCES * 6:
        words += _words(sentence, start=t)
        t = words[-1]["end"] + 0.3
    cues = build_cues(words)
    texts = [" ".join(c["lines"]) for c in cues]
    assert " ".join(texts) == " ".join(SENTENCES * 6)
    ended = [text for text in texts if text.endswith("।")]
    assert len(ended) >= 12  # the danda closes cues the way a full stop does
    assert all(text.count("।") <= 1 for text in texts)  # never two Hindi sentences run into one cue
    events = [pysubs2.SSAEvent(start=int(c["start"] * 1000), end=int(c["end"] * 1000), text=r"\N".join(c["lines"]))
              for c in cues]
    shares = check(events)
    assert shares["line length"] == shares["line count"] == shares["reading speed"] == 1.0
    for cue in cues:
        assert all(not _starts_inside_a_character(line) for line in cue["lines"])


def test_reading_speed_of_a_hindi_cue_is_measured_in_what_the_viewer_reads():
    text = "प्रधानमंत्री ने स्वतंत्रता दिवस पर भाषण दिया।"  # 27 visible characters, 45 code points
    assert visible_length(text) == 27 and len(text) == 45
    event = pysubs2.SSAEvent(start=0, end=2000, text=text)  # 13.5 characters a second: under 17
    assert check([event])["reading speed"] == 1.0
    cue = build_cues(_words(text, step=0.3))[0]
    assert cue["end"] - cue["start"] < 45 / 17  # not stretched as if it were 44 characters long
