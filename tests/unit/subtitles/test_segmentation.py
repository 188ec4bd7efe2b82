"""Where cues break, as a viewer sees it: whole sentences per cue, no sentence tail opening the next cue, a change
of speaker as a dash pair or a break, breaks at pauses rather than after a dangling word."""

import random
from pathlib import Path

import yaml

from cinescribe.subtitles.cues import CueStyle, build_cues
from cinescribe.subtitles.layout import lines_for
from cinescribe.subtitles.segmentation import BreakCosts, segment
from cinescribe.text.words import text_of

REPO = Path(__file__).resolve().parents[3]


def _words(text, start=0.0, step=0.3, speaker="A", pauses=None):
    """Words `step` apart; `pauses` maps a word's index to extra silence before it."""
    words, t = [], start
    for i, w in enumerate(text.split()):
        t += (pauses or {}).get(i, 0.0)
        words.append({"word": f" {w}", "start": t, "end": t + step - 0.05, "speaker": speaker})
        t += step
    return words


def _texts(cues):
    return [" / ".join(c["lines"]) for c in cues]


def _after(words, gap=0.1):
    return words[-1]["end"] + gap


def test_a_sentence_tail_stays_with_its_sentence():
    first = _words("Neither did I.", speaker="B")
    words = first + _words("Okay. I thought, you know, I heard of deep. This is Diane in New Jersey.",
                           start=_after(first))
    texts = _texts(build_cues(words))
    assert any("I heard of deep." in t for t in texts), texts
    assert not any(t.startswith(("deep.", "- deep.")) for t in texts), texts


def test_no_lone_last_word_of_a_long_sentence():
    intro = _words("The roads are closed again.")
    words = intro + _words("We will visit the warehouse in Tiruvananthapuram before the monsoon arrives. "
                           "Then we go home.", start=_after(intro))
    texts = _texts(build_cues(words))
    assert not any(t.startswith("arrives.") for t in texts), texts
    assert any("monsoon arrives." in t for t in texts), texts


def test_a_speaker_change_after_a_sentence_tail_is_no_dash_pair():
    a = _words("Two hours ago the old guard told me that the train from Ahmedabad had stopped last night.",
               speaker="A")
    b = _words("Listen carefully to me now.", start=_after(a), speaker="B")
    texts = _texts(build_cues(a + b))
    assert any("stopped last night." in t for t in texts), texts
    assert not any("- night." in t for t in texts), texts


def test_speakers_share_a_cue_only_as_a_dash_pair():
    rng = random.Random(7)
    vocabulary = "we went to the old market and bought bread. then it rained, so we ran home! why? because".split()
    words, t = [], 0.0
    for i in range(600):
        speaker = "A" if (i // rng.randint(2, 9)) % 2 else "B"  # turns of any length, changes mid-sentence
        words.append({"word": f" {rng.choice(vocabulary)}", "start": t, "end": t + 0.25, "speaker": speaker})
        t += 0.3 + (0.6 if rng.random() < 0.05 else 0.0)
    cues = build_cues(words)
    assert [w for c in cues for w in c["words"]] == words
    for cue in cues:
        speakers = [w["speaker"] for w in cue["words"]]
        changes = [i for i in range(1, len(speakers)) if speakers[i] != speakers[i - 1]]
        assert len(changes) <= 1
        if changes:
            assert cue["lines"] == [f"- {text_of(cue['words'][:changes[0]])}",
                                    f"- {text_of(cue['words'][changes[0]:])}"]


def test_a_break_falls_at_a_pause_rather_than_after_the():
    text = ("so then I walked all the way down to the river with the dog "
            "we sat on the bank watching the boats go by for hours")
    cues = build_cues(_words(text))
    assert text_of(cues[1]["words"]).startswith("we sat"), _texts(cues)  # no pause: the break balances the cues
    cues = build_cues(_words(text, pauses={19: 0.5}))  # a breath before "watching"
    assert text_of(cues[1]["words"]).startswith("watching"), _texts(cues)
    for after in (12, 21):  # a breath after "the": the phrase goes on
        cues = build_cues(_words(text, pauses={after: 0.5}))
        assert not any(text_of(c["words"]).endswith(" the") for c in cues), _texts(cues)


def test_groups_keep_the_rules():
    rng = random.Random(3)
    words, t = [], 0.0
    for i in range(2000):
        word = rng.choice(["a", "the", "word.", "longer,", "extraordinary", "and", "I", "ज़िंदगी।", "क्योंकि"])
        w = {"word": f" {word}", "start": t, "end": t + 0.2, "speaker": rng.choice("AB") if i % 7 == 0 else "A"}
        if 500 <= i < 700:
            w["song"] = True
        words.append(w)
        t += 0.25 + (1.5 if rng.random() < 0.02 else 0.0)
    style = CueStyle()
    groups = segment(words, style)
    assert [w for g in groups for w in g] == words
    for group in groups:
        assert group[-1]["end"] - group[0]["start"] <= style.max_duration
        assert all(b["start"] - a["end"] <= style.max_gap for a, b in zip(group, group[1:]))
        assert len({bool(w.get("song")) for w in group}) == 1  # sung and spoken never share a cue
        assert lines_for(group, style.max_line_chars, style.max_lines) is not None
    assert segment([], style) == []


def test_costs_come_from_config_and_match_the_schema():
    schema = yaml.safe_load((REPO / "config" / "schema.yaml").read_text())
    section = schema["properties"]["subtitles"]["properties"]["segmentation"]["properties"]
    assert {k: v["default"] for k, v in section.items()} == vars(BreakCosts())
    assert all(v.get("description") for v in section.values())
    style = CueStyle.from_config({"max_lines": 2, "segmentation": {"orphan": 50.0}})
    assert style.segmentation.orphan == 50.0 and style.segmentation.per_cue == BreakCosts().per_cue


def test_a_cue_too_fast_to_read_shares_its_time_with_a_slower_neighbour():
    """'Where were you last night?' said in 1 s reads at 26 characters a second; joined with the slow line after
    it, the cue reads within 20. With the cost for speed off (the default), the sentence end wins."""
    from cinescribe.subtitles.cues import CueStyle
    from cinescribe.subtitles.segmentation import BreakCosts, segment

    fast = [{"start": 1.0 + 0.2 * i, "end": 1.18 + 0.2 * i, "word": f" {w}", "probability": 0.9}
            for i, w in enumerate("Where were you last night?".split())]
    slow = [{"start": 2.05 + 0.5 * i, "end": 2.45 + 0.5 * i, "word": f" {w}", "probability": 0.9}
            for i, w in enumerate("At home. Alone.".split())]
    assert len(segment(fast + slow, CueStyle(max_cps=20.0, segmentation=BreakCosts(fast=2.0)))) == 1
    assert len(segment(fast + slow, CueStyle(max_cps=20.0))) == 2


def test_a_dash_pair_does_not_open_a_sentence_the_next_cue_finishes():
    """'- Come back in the morning / - He was still' then 'suffering from…' (the held-out film, where a decode
    dropped the first line's full stop): the second speaker's sentence starts a cue of its own instead."""
    first = _words("Come back in the morning")
    second = _words("He was still suffering from the sudden disturbance of the quiet routine of his life.",
                    start=_after(first, 0.9), step=0.21, speaker="B")
    texts = _texts(build_cues(first + second))
    assert texts[0] == "Come back in the morning", texts
    assert not any(t.startswith("- ") for t in texts), texts


def test_a_dash_pair_too_fast_to_read_gives_each_voice_its_sentences_back():
    """'- We are late. / - At least a week.' (two quick sentence ends across an exchange) reads at 24 characters a
    second; each half belongs with its own voice's sentence either side, and there both cues read within 20."""
    walk = _words("Then stop talking and start walking.", step=0.3)
    late = _words("We are late.", start=_after(walk, 0.45), step=0.12)
    week = _words("At least a week.", start=_after(late, 0.0), step=0.15, speaker="B")
    heart = _words("His heart is weaker than we thought.", start=_after(week, 0.5), step=0.25, speaker="B")
    style = CueStyle(max_cps=20)
    cues = build_cues(walk + late + week + heart, style)
    assert [text_of(c["words"]).strip() for c in cues] == [
        "Then stop talking and start walking. We are late.", "At least a week. His heart is weaker than we thought."]
    assert all(len(" ".join(c["lines"])) / (c["end"] - c["start"]) <= 20 for c in cues)
    unpriced = CueStyle(max_cps=20, segmentation=BreakCosts(fast_dash=0.0))
    assert any(t.startswith("- ") for t in _texts(build_cues(walk + late + week + heart, unpriced)))
