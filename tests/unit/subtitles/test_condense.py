"""Condensation: fillers, stutters and repeats leave only cues too fast to read, each removal listed."""

from cinescribe.subtitles.condense import condense, condense_cues
from cinescribe.text.words import text_of


def _words(text, start=0.0, step=0.3):
    return [{"word": f" {w}", "start": round(start + i * step, 3), "end": round(start + i * step + 0.25, 3),
             "probability": 0.9} for i, w in enumerate(text.split())]


def _condensed(text, seconds=0.5, max_cps=17.0):
    result = condense(_words(text), seconds, max_cps)
    return text_of(result.words), result.removals


def test_a_cue_within_the_limit_is_unchanged():
    words = _words("Um, yes, you know, I- I think so.")
    result = condense(words, 10.0, 17.0)
    assert result.words == words and result.removals == []
    cues = [{"start": 0.0, "end": 10.0, "words": words, "lines": ["Um, yes, you know, I- I think so."]}]
    assert condense_cues(cues, 17.0) == (cues, [])


def test_fillers_go_first_and_capitals_are_repaired():
    assert _condensed("Um, yes.", seconds=0.3)[0] == "Yes."
    text, removals = _condensed("Yes. Uh, no. It's, um, fine, you know.")
    assert text == "Yes. No. It's fine."
    assert [(r["text"], r["reason"]) for r in removals] == [("Uh,", "filler"), ("um,", "filler"),
                                                            ("you know.", "filler")]


def test_removal_stops_as_soon_as_the_cue_fits():
    # 25 characters in 1.4 s is 17.9 a second; without "Um," (21) it is 15: "uh" stays
    text, removals = _condensed("Um, I said uh maybe later", seconds=1.4)
    assert text == "I said uh maybe later" and len(removals) == 1


def test_phrase_fillers_only_where_set_off():
    assert _condensed("Do you know him? I mean it.")[1] == []
    assert _condensed("You know, I mean, it is fine.")[0] == "It is fine."
    assert _condensed("I think, you know, that he left.")[0] == "I think that he left."


def test_stutters_then_repeats():
    text, removals = _condensed("I- I w-went to the the shop.", seconds=0.5)
    assert text == "I went to the shop."
    assert [(r["text"], r["reason"]) for r in removals] == [("I-", "stutter"), ("w-", "stutter"),
                                                            ("the", "repeat")]
    assert _condensed("Th- the W-we I-I")[0] == "The We I"
    assert _condensed("It was so-so, he had had enough.")[1] == []  # reduplication and grammar stay


def test_each_removal_has_its_time_and_reason():
    words = _words("Well, um, the the plan works.", start=10.0)
    result = condense(words, 0.5, 17.0)
    um, the = words[1], words[2]
    assert result.removals == [
        {"start": um["start"], "end": um["end"], "text": "um,", "reason": "filler"},
        {"start": the["start"], "end": the["end"], "text": "the", "reason": "repeat"}]
    assert words[0]["word"] == " Well,"  # the input is not changed


def test_condense_cues_rebuilds_lines_and_keeps_times():
    fast = {"start": 1.0, "end": 2.0, "words": _words("Um, so, uh, we we went home.", start=1.0),
            "lines": ["Um, so, uh, we we went home."], "song": False}
    slow = {"start": 5.0, "end": 9.0, "words": _words("Um, fine.", start=5.0), "lines": ["Um, fine."], "song": False}
    song = {**fast, "song": True}
    seen = []

    def lines_for(words, max_line_chars, max_lines):
        seen.append((max_line_chars, max_lines))
        return [text_of(words)]

    cues, removals = condense_cues([fast, slow, song], 17.0, lines_for, 30, 1)
    assert cues[0]["lines"] == ["So we went home."] and (cues[0]["start"], cues[0]["end"]) == (1.0, 2.0)
    assert cues[1] is slow and cues[2] is song  # within the limit, and sung: untouched
    assert [r["reason"] for r in removals] == ["filler", "filler", "repeat"] and seen == [(30, 1)]


def test_condense_cues_uses_the_cue_builders_lines_by_default():
    fast = {"start": 0.0, "end": 1.0, "words": _words("Uh, the the the train is late again today, sadly."),
            "lines": ["x"]}
    cues, removals = condense_cues([fast], 17.0)
    assert cues[0]["lines"] == ["The train is late again today, sadly."] and len(removals) == 3


def test_fillers_are_english_only():
    words = _words("Er sagt, er er kommt.")  # German: "er" is "he", only the repeat goes
    result = condense(words, 0.5, 17.0, language="de")
    assert text_of(result.words) == "Er sagt, er kommt." and [r["reason"] for r in result.removals] == ["repeat"]


def test_a_film_cue_too_fast_to_read_loses_its_fillers_and_says_so():
    """With subtitles.condense on, build_cues drops the fillers of a cue that cannot be timed slowly enough (the
    next line follows at once) and lists each removal on the cue; off, every word stays."""
    from cinescribe.subtitles.cues import CueStyle, build_cues
    from cinescribe.subtitles.segmentation import BreakCosts

    said = " Um, I mean, we, we have to go now, you know, right now."
    words = [{"start": 1.0 + 0.12 * i, "end": 1.1 + 0.12 * i, "word": f" {w}", "probability": 0.9, "speaker": "A"}
             for i, w in enumerate(said.split())]
    after = [{"start": words[-1]["end"] + 0.15, "end": words[-1]["end"] + 2.0, "word": " Fine.", "probability": 0.9,
              "speaker": "B"}]  # another voice: the quick line cannot join it
    style = CueStyle(max_cps=17.0, segmentation=BreakCosts(fast=0.0))  # segmentation's own remedy off
    kept = build_cues(words + after, style)
    condensed = build_cues(words + after, style, condense=True)
    assert "Um," in " ".join(kept[0]["lines"]) and "condensed" not in kept[0]
    text = " ".join(condensed[0]["lines"])
    assert text == "We have to go now right now."  # fillers, then the stutter, until it reads in time
    assert {r["reason"] for r in condensed[0]["condensed"]} >= {"filler"}
