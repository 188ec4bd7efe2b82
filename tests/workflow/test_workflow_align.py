"""Your words timed to the demo clip through the real workflow: a script (align.text) and earlier subtitles
of another release (align.subtitles), and the files alignment refuses."""

import json

import pysubs2
import pytest

from support import media
from support.workflow_runner import Workflow, told

STM = [line.split(maxsplit=5) for line in media.DEMO_STM.read_text().splitlines()]  # id, ch, who, start, end, text
LINES = [(who, float(start), float(end), text) for _, _, who, start, end, text in STM]
NOT_SAID = "The river is rising. We should move the animals tonight."
FRAME = 1 / 24  # an audio-only film is timed at 24 fps


@pytest.fixture(scope="module")
def aligned(tmp_path_factory, model_cache):
    """One folder whose ASR is done once; each test reruns the subtitles with its own file."""
    return Workflow(tmp_path_factory.mktemp("align") / "work", model_cache), tmp_path_factory.mktemp("files")


def _outputs(workflow):
    subs = workflow.results("sample") / "subtitles"
    return json.loads((subs / "sample.en.json").read_text()), json.loads(
        (workflow.results("sample") / "done.json").read_text()), (workflow.results("sample") / "review.html")


def test_a_script_gives_its_own_words_timed_and_names_what_it_could_not_place(aligned):
    workflow, files = aligned
    rows = [f"{who}: {text}" for who, _, _, text in LINES]
    rows.insert(7, NOT_SAID)  # a line cut from this film
    script = files / "script.txt"
    script.write_text("\n".join(rows) + "\n", encoding="utf-8")
    workflow.run({"input": str(media.DEMO_WAV), "align": {"text": str(script)}})
    doc, done, review = _outputs(workflow)
    assert [" ".join(c["lines"]) for c in doc["cues"]] == [text for _, _, _, text in LINES]  # exactly its words
    assert [c["speaker"] for c in doc["cues"]] == [who for who, _, _, _ in LINES]  # NAME: kept as the name
    # on the voice (the STM is hand-timed); the rules then keep the demo's quick lines 5/6 s long and 2 frames apart
    errors = [c["voice"][0] - start for c, (_, start, _, _) in zip(doc["cues"], LINES)]
    assert sum(abs(e) <= 0.25 for e in errors) >= 0.8 * len(LINES), errors
    assert all(c["start"] >= c["voice"][0] - 2 * FRAME - 1e-3 for c in doc["cues"])
    assert done["alignment"]["not_found"] == [{"line": 8, "text": NOT_SAID}]
    assert any("1 line of the script was not found" in w for w in done["warnings"])
    assert NOT_SAID in review.read_text(encoding="utf-8")  # listed on the review page


def test_subtitles_of_a_25_fps_release_come_back_onto_this_film(aligned):
    """Subtitles timed for a 25 fps release with a 1.5 s logo before it, and a cue this film does not have."""
    workflow, files = aligned
    speed = (24000 / 1001) / 25
    old = pysubs2.SSAFile()
    cues = [(start, end, text) for _, start, end, text in LINES]
    cues.insert(7, (14.2, 14.4, NOT_SAID))
    for start, end, text in cues:
        old.append(pysubs2.SSAEvent(start=round((start * speed + 1.5) * 1000), end=round((end * speed + 1.5) * 1000),
                                    text=text.replace(", ", ",\\N", 1)))  # a line break to keep
    old.save(str(files / "old.srt"))
    workflow.run({"input": str(media.DEMO_WAV), "align": {"subtitles": str(files / "old.srt")}})
    doc, done, review = _outputs(workflow)
    assert [c["lines"] for c in doc["cues"]] == [e.plaintext.split("\n") for e in pysubs2.load(str(files / "old.srt"))]
    summary = done["alignment"]
    # on 30 s, 25/23.976 and 25/24 differ by 30 ms: either is the speed change
    assert summary["slope"] == pytest.approx(25 / (24000 / 1001), rel=2e-3) and len(summary["pieces"]) == 1
    heard = [c for c in doc["cues"] if not c.get("alignment")]
    errors = [c["voice"][0] - start for c, (start, _, _) in zip(heard, [x for x in cues if x[2] != NOT_SAID])]
    assert sum(abs(e) <= 3 * FRAME for e in errors) >= 0.8 * len(errors), errors  # the map, before the rules
    assert [c["lines"] for c in doc["cues"] if c.get("alignment") == "unheard"] == [[NOT_SAID]]
    assert summary["unheard"] == 1 and any("old cues were not heard" in w for w in done["warnings"])
    assert "placed by its neighbours" in review.read_text(encoding="utf-8")


def test_a_script_in_another_language_fails_after_asr_and_leaves_no_subtitles(aligned):
    workflow, files = aligned
    script = files / "french.txt"
    script.write_text("Bonjour ? Bonjour ? Oh, bonjour.\nJe ne savais pas que vous étiez là.\n"
                      "Moi non plus. Je suis Diane, du New Jersey, et vous ?\n", encoding="utf-8")
    proc = workflow.run({"input": str(media.DEMO_WAV), "align": {"text": str(script)}}, check=False)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    said = told(proc.stderr)
    assert said and "looks like fr text but the film speaks en" in said[0], proc.stderr[-3000:]
    assert not list((workflow.results("sample") / "subtitles").glob("sample.en.*"))


@pytest.mark.parametrize("content, expected", [
    (b"DIANE: Caf\xe9?\n", "is not UTF-8 text"),
    (b"\n  \n", "holds no words"),
])
def test_an_unreadable_script_fails_before_any_audio_is_read(workflow, tmp_path, content, expected):
    script = tmp_path / "script.txt"
    script.write_bytes(content)
    proc = workflow.run({"input": str(media.DEMO_WAV), "align": {"text": str(script)}}, check=False)
    assert proc.returncode != 0 and "Traceback" not in proc.stderr
    said = told(proc.stderr)
    assert said and expected in said[0], proc.stderr[-3000:]
    assert not workflow.results("sample").exists()
