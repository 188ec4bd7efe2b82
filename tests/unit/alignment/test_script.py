"""A script file read as a subtitler or a screenwriter writes it, and the files alignment refuses."""

import pytest

from cinescribe.alignment.checks import check_shared
from cinescribe.alignment.old_subtitles import parse_subtitles, read_subtitles
from cinescribe.alignment.script import parse_script, read_script, speaker_and_text
from cinescribe.runtime.errors import CinescribeError


@pytest.mark.parametrize("line, expected", [
    ("DIANE: Hello?", ("DIANE", "Hello?")),
    ("Mrs. Smith: Come in, come in.", ("Mrs. Smith", "Come in, come in.")),
    ("Sheila:   And I'm Sheila.", ("Sheila", "And I'm Sheila.")),
    ("He said: go home.", (None, "He said: go home.")),  # 'said' is no name
    ("Time: 10:30 sharp", ("Time", "10:30 sharp")),
    ("The train leaves at seven: do you have the tickets?", (None,
                                                             "The train leaves at seven: do you have the tickets?")),
])
def test_a_name_before_a_colon_is_the_speaker(line, expected):
    assert speaker_and_text(line) == expected


def test_one_line_per_subtitle():
    units = parse_script("DIANE: Hello?\n\nSHEILA: Hello?\nOh, hello.\n")
    assert [(u.speaker, u.text, u.paragraph) for u in units] == [
        ("DIANE", "Hello?", False), ("SHEILA", "Hello?", False), (None, "Oh, hello.", False)]
    assert [u.number for u in units] == [1, 3, 4]


def test_free_paragraphs_are_cut_from_long_lines_or_when_asked():
    long = ("NARRATOR: It was the coldest winter anyone in the valley could remember, and the river froze from "
            "the mill to the sea.\n\nNobody crossed it. Nobody wanted to, until the letter came from the city and "
            "everything changed for the family at the end of the road.\n")
    units = parse_script(long)  # auto: lines longer than two cues hold are paragraphs
    assert [(u.speaker, u.paragraph) for u in units] == [("NARRATOR", True), (None, True)]
    wrapped = ("NARRATOR: It was the coldest winter anyone in the valley could remember,\nand the river froze "
               "from the mill to the sea.\n\nNobody crossed it.\n")
    units = parse_script(wrapped, layout="paragraphs")  # a hard-wrapped screenplay: the lines of one paragraph
    assert [u.text for u in units] == ["It was the coldest winter anyone in the valley could remember, and the "
                                       "river froze from the mill to the sea.", "Nobody crossed it."]
    assert len(parse_script(wrapped)) == 3  # auto reads short lines as one subtitle each


def test_a_new_speaker_starts_a_new_paragraph():
    text = "A: " + "word " * 30 + "\nB: " + "other " * 30
    units = parse_script(text, layout="paragraphs")
    assert [u.speaker for u in units] == ["A", "B"]


@pytest.mark.parametrize("content, words", [
    (b"Caf\xe9 au lait\n", "is not UTF-8 text"),
    (b"  \n\n", "holds no words"),
])
def test_a_script_that_cannot_be_aligned_is_one_sentence(tmp_path, content, words):
    path = tmp_path / "script.txt"
    path.write_bytes(content)
    with pytest.raises(CinescribeError, match=words) as err:
        read_script(path)
    assert str(err.value).count(". ") == 0 and "\n" not in str(err.value)


@pytest.mark.parametrize("content, words", [
    (b"", "holds no cues"),
    (b"this is not\na subtitle file\n", "is not SRT, WebVTT or ASS"),
    (b"1\n00:00:01,000 --> 00:00:02,000\n\xff\xfe broken\n", "is not UTF-8"),
])
def test_subtitles_that_cannot_be_read_are_one_sentence(tmp_path, content, words):
    path = tmp_path / "old.srt"
    path.write_bytes(content)
    with pytest.raises(CinescribeError, match=words):
        read_subtitles(path)


def test_old_subtitles_keep_their_lines_and_names():
    srt = "1\n00:00:01,000 --> 00:00:02,500\n<i>Hello there,</i>\nmy friend.\n\n2\n00:00:03,000 --> 00:00:04,000\nBye.\n"
    cues = parse_subtitles(srt)
    assert [(c.start, c.end, c.lines) for c in cues] == [(1.0, 2.5, ["Hello there,", "my friend."]),
                                                         (3.0, 4.0, ["Bye."])]
    assert cues[0].words == ["Hello", "there,", "my", "friend."]


def test_a_text_in_another_language_is_named():
    french = "le chat est sur la table et il ne veut pas descendre parce que la maison est froide".split()
    with pytest.raises(CinescribeError, match="looks like fr text but the film speaks en"):
        check_shared("script (align.text)", "script.txt", french, 1, "en", 0.2)


def test_a_text_sharing_almost_no_words_is_refused():
    english = "the captain will see you soon because the storm began this morning".split()
    with pytest.raises(CinescribeError, match="shares almost no words with the film"):
        check_shared("script (align.text)", "script.txt", english, 1, "en", 0.2)
    assert check_shared("script (align.text)", "script.txt", english, 9, "en", 0.2) == pytest.approx(9 / len(english))


def test_a_script_and_subtitles_together_are_one_sentence():
    from cinescribe.alignment.inputs import align_mode

    with pytest.raises(CinescribeError, match="align.text and align.subtitles are both set"):
        align_mode({"text": "script.txt", "subtitles": "old.srt"})
    assert align_mode({"text": "", "subtitles": "old.srt"}) == ("subtitles", "old.srt")
    assert align_mode({"text": "", "subtitles": ""}) is None
