"""A script and old subtitles timed to recognised words: what a subtitler gets back, without the workflow."""

import pytest

from cinescribe.alignment.old_subtitles import OldCue
from cinescribe.alignment.resync import resync_cues
from cinescribe.alignment.script import parse_script
from cinescribe.alignment.text_alignment import align_script
from cinescribe.alignment.word_matching import match_words, tokens
from cinescribe.subtitles.cues import CueStyle
from cinescribe.subtitles.frame_grid import FrameGrid
from cinescribe.subtitles.timing import TimingContext
from support.film_like import DIALOGUE

STYLE = CueStyle(max_cps=20)
FILM = [  # (start, text) of what is said; Whisper mishears a word or two
    (1.0, "Who told you about the meeting at the harbour?"),
    (4.5, "You had no right to open my notebook."),
    (8.0, "Please sit down. The captain will see you soon."),
    (12.0, "Yeah, right, sure, whatever you say."),  # an ad-lib missing from the script
    (15.5, "He knows. That is why he asked for you."),
    (19.0, "Read it to me. I cannot see without my glasses."),
]
MISHEARD = {"harbour?": "harbor?", "notebook.": "note book."}


def _heard(film=FILM, shift=0.0, scale=1.0):
    words = []
    for start, text in film:
        said = " ".join(MISHEARD.get(w, w) for w in text.split()).split()
        for k, word in enumerate(said):
            t = (start + 0.3 * k) * scale + shift
            words.append({"start": round(t, 3), "end": round(t + 0.25, 3), "word": f" {word}", "probability": 0.9})
    return words


def test_word_matching_is_exact_on_a_repeated_scene():
    """A line that comes back later in the film is matched to its own occurrence, not the first one."""
    known = tokens("a b c d e f g a b c x y z".split())
    heard = tokens("a b c d e f g q a b c x y z".split())
    assert match_words(known, heard) == [(0, 0), (1, 1), (2, 2), (3, 3), (4, 4), (5, 5), (6, 6), (7, 8), (8, 9),
                                         (9, 10), (10, 11), (11, 12), (12, 13)]


def test_a_script_gives_its_own_words_on_the_voice():
    script = "\n".join(["MAYA: Who told you about the meeting at the harbour?",
                        "LEO: You had no right to open my notebook.",
                        "The river is rising. We should move the animals tonight.",  # not in the film
                        "Please sit down. The captain will see you soon.",
                        "He knows. That is why he asked for you.",
                        "Read it to me. I cannot see without my glasses."])
    cues, summary = align_script(parse_script(script), _heard(), STYLE)
    scripted = [c for c in cues if not c.get("alignment")]
    assert [" ".join(c["lines"]) for c in scripted] == [
        "Who told you about the meeting at the harbour?", "You had no right to open my notebook.",
        "Please sit down. The captain will see you soon.", "He knows. That is why he asked for you.",
        "Read it to me. I cannot see without my glasses."]
    assert [c["start"] for c in scripted] == pytest.approx([1.0, 4.5, 8.0, 15.5, 19.0], abs=2 / 24 + 1e-3)
    assert {w["speaker"] for w in scripted[0]["words"]} == {"MAYA"} and scripted[1]["words"][0]["speaker"] == "LEO"
    assert summary["not_found"] == [{"line": 3, "text": "The river is rising. We should move the animals tonight."}]
    ad_lib = [c for c in cues if c.get("alignment") == "transcribed"]
    assert [" ".join(c["lines"]) for c in ad_lib] == ["Yeah, right, sure, whatever you say."]
    assert summary["transcribed_cues"] == 1


def test_a_paragraph_is_cut_into_cues_by_the_segmentation():
    text = " ".join(t for _, t in FILM if not t.startswith("Yeah"))
    cues, summary = align_script(parse_script(text, layout="paragraphs"), _heard(), STYLE)
    scripted = [c for c in cues if not c.get("alignment")]
    assert len(scripted) >= 4 and " ".join(" ".join(c["lines"]) for c in scripted) == text
    assert all(len(line) <= STYLE.max_line_chars for c in scripted for line in c["lines"])
    assert summary["found"] == 1


@pytest.mark.parametrize("shift, scale", [(2.5, 1.0), (-1.0, 25 / (24000 / 1001))])
def test_old_subtitles_keep_their_text_and_come_onto_the_film(shift, scale):
    film = FILM * 12  # long enough for the speed to show: 12 passes of the scene, each 24 s on
    film = [(start + 24 * (n // len(FILM)), text) for n, (start, text) in enumerate(film)]
    old = [OldCue(start, start + 2.5, [text[:len(text) // 2], text[len(text) // 2:]]) for start, text in film]
    grid = FrameGrid.of("24000/1001")
    cues, summary = resync_cues(old, _heard(film, shift, scale), STYLE, TimingContext(grid=grid))
    assert [c["lines"] for c in cues] == [c.lines for c in old]  # same text, same line breaks
    assert summary["slope"] == pytest.approx(scale) and len(summary["pieces"]) == 1
    assert [c["start"] for c in cues] == pytest.approx([c.start * scale + shift for c in old], abs=2 / 24)
    assert all(grid.on_grid(c["start"]) and grid.on_grid(c["end"]) for c in cues)


def test_cues_of_a_scene_cut_from_the_film_are_flagged_and_kept_in_order():
    """Eight scenes of six lines (film_like's dialogue, each line once); the fifth is cut from the film (24 s)."""
    film = [(24 * n + 4 * k + 1.0, DIALOGUE[6 * n + k]) for n in range(8) for k in range(6)]
    old = [OldCue(start, start + 2.5, [text]) for start, text in film]
    heard = [w for w in _heard(film) if not 96.0 <= w["start"] < 120.0]
    for word in heard:
        if word["start"] >= 120.0:
            word["start"], word["end"] = round(word["start"] - 24, 3), round(word["end"] - 24, 3)
    cues, summary = resync_cues(old, heard, STYLE)
    assert [round(p["offset"]) for p in summary["pieces"]] == [0, -24]
    flagged = [c for c in cues if c.get("alignment") == "unheard"]
    assert summary["unheard"] == len(flagged) == len(FILM)
    assert [c["lines"] for c in cues] == [c.lines for c in old]  # in the old order, between their neighbours
    kept = [(c, o) for c, o in zip(cues, old) if not c.get("alignment")]
    assert all(abs(c["start"] - (o.start if o.start < 96 else o.start - 24)) <= 2 / 24 + 1e-3 for c, o in kept)
