"""A film-like soundtrack through the real workflow: no line of dialogue lost without a flag, no text over the
music and action scenes, and what done.json counts is what the review page lists."""

import json
import re

import pytest

from support import film_like
from support.workflow_runner import wer

pytestmark = pytest.mark.workflow


@pytest.fixture(scope="module")
def heldout(tmp_path_factory):
    """The opening 3 minutes of the held-out film (nothing was tuned on it): reverberant and bedded dialogue,
    a whisper, overlaps, music scenes."""
    return film_like.build(tmp_path_factory.mktemp("heldout"), film_like.FILMS["heldout"], minutes=3)


def test_every_line_of_dialogue_is_subtitled_or_flagged_and_music_and_action_stay_empty(workflow, heldout):
    wav, reference = heldout
    workflow.run({"input": str(wav), "diarization": {"enabled": False}})
    job = workflow.results("film")
    cues = json.loads((job / "subtitles" / "film.en.json").read_text(encoding="utf-8"))["cues"]
    done = json.loads((job / "done.json").read_text(encoding="utf-8"))
    flagged = done["speech_without_subtitles"]
    assert film_like.speech_without_cues(reference, cues, flagged["stretches"]) == []
    assert film_like.cues_over_empty_scenes(reference, cues) == []
    assert flagged["count"] == len(flagged["stretches"])
    if flagged["count"]:
        assert any(w.startswith(f"{flagged['count']} stretch") for w in done["warnings"])
    page = (job / "review.html").read_text(encoding="utf-8")
    data = json.loads(re.search(r'id="review-data">(.*?)</script>', page, re.S)[1])
    assert data["unsubtitled"] == flagged["stretches"]
    assert wer(film_like.reference_text(reference), workflow.transcript_text("film")) < 0.35
