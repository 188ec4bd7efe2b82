"""The demo clip's review page from a real workflow run, opened in headless chromium, and `snakemake --report`."""

import json
import shutil
import subprocess

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

from support import media

pytestmark = pytest.mark.workflow


@pytest.fixture(scope="module")
def demo(demo_run):
    """One real run on the demo clip (embedded base model), shared with the demo's own tests."""
    return demo_run


@pytest.fixture
def page(demo, browser):
    return browser.open(demo.results("sample") / "review.html")


def subtitles(demo):
    return json.loads((demo.results("sample") / "subtitles" / "sample.en.json").read_text(encoding="utf-8"))


def rows(browser):
    return browser.js("return [...document.querySelectorAll('.cue')].map(r => "
                      "[r.querySelector('.speaker').textContent, r.querySelector('.text').textContent])")


def test_page_shows_the_clips_cues_speakers_and_audio(demo, page):
    cues = subtitles(demo)["cues"]
    assert [text for _, text in rows(page)] == ["\n".join(cue["lines"]) for cue in cues]
    assert {speaker for speaker, _ in rows(page)} >= {"SPEAKER_00", "SPEAKER_01"}
    assert page.js("return document.getElementById('legend').innerText").split() == ["SPEAKER_00", "SPEAKER_01"]
    assert page.js("return window.cinescribeReview.data.turns.length") >= 4  # both voices on the timeline
    assert page.wait(lambda: page.js("return document.getElementById('audio').readyState >= 1"))
    assert page.js("return document.getElementById('audio').duration") == pytest.approx(30.0, abs=0.1)
    flagged = page.js("return document.querySelectorAll('.cue.flagged').length")
    assert 0 < flagged < len(cues)  # the page tells apart cues to check first
    assert not page.console_errors()
    size = (demo.results("sample") / "review.webm").stat().st_size
    assert size < 30 * 16_000 / 8 * 1.3  # ~16 kbit/s: a few MB per hour of film


def test_clicking_a_cue_or_the_timeline_plays_from_there(demo, page):
    cues = subtitles(demo)["cues"]
    page.driver.find_elements("css selector", ".cue .time")[3].click()
    assert page.js("return document.getElementById('audio').currentTime") == pytest.approx(cues[3]["start"], abs=0.01)
    assert page.wait(lambda: page.js("return document.querySelector('.cue.current .n')?.textContent")) == "4"
    canvas = page.driver.find_element("id", "timeline")
    width = canvas.size["width"]
    x = 64 + (width - 64) * 0.5  # the middle of the plot: 15 s of a 30 s view
    ActionChains(page.driver).move_to_element_with_offset(canvas, int(x - width / 2), 0).click().perform()
    page.js("document.getElementById('audio').pause()")
    assert page.js("return document.getElementById('audio').currentTime") == pytest.approx(15.0, abs=0.5)


def test_keys_step_through_cues_and_flagged_cues(demo, page):
    cues = subtitles(demo)["cues"]
    body = page.driver.find_element("tag name", "body")
    body.send_keys(Keys.ARROW_RIGHT)
    assert page.js("return document.getElementById('audio').currentTime") == pytest.approx(cues[0]["start"], abs=0.01)
    body.send_keys(Keys.ARROW_RIGHT)
    assert page.js("return document.getElementById('audio').currentTime") == pytest.approx(cues[1]["start"], abs=0.01)
    body.send_keys(Keys.ARROW_LEFT)
    assert page.js("return document.getElementById('audio').currentTime") == pytest.approx(cues[0]["start"], abs=0.01)
    body.send_keys("n")
    flagged = page.js("return window.cinescribeReview.data.tracks[0].cues.findIndex("
                      "(c, i) => i > 0 && Object.keys(c.flags).length)")
    assert page.js("return document.getElementById('audio').currentTime") == pytest.approx(
        cues[flagged]["start"], abs=0.01)


def test_an_edit_survives_a_reload_and_downloads_with_nothing_else_changed(demo, browser, tmp_path):
    """On a copy of the page (edits are kept per page file, so the other tests see the page as written)."""
    for name in ("review.html", "review.webm"):
        shutil.copy(demo.results("sample") / name, tmp_path / name)
    page = browser.open(tmp_path / "review.html")
    folder = demo.results("sample") / "subtitles"
    original_srt = (folder / "sample.en.srt").read_text(encoding="utf-8")
    assert page.download("download-vtt", "sample.en.reviewed.vtt") == (folder / "sample.en.vtt").read_text(
        encoding="utf-8")
    texts = [text for _, text in rows(page)]
    i = next(k for k, text in enumerate(texts) if "New Jersey" in text and "\n" not in text)
    box = page.driver.find_elements("css selector", ".cue .text")[i]
    box.click()
    box.send_keys(Keys.CONTROL, "a")
    edited = texts[i].replace("New Jersey", "Newark")
    box.send_keys(edited)
    page.reload()
    assert rows(page)[i][1] == edited
    assert page.js("return document.querySelectorAll('.cue.edited').length") == 1
    srt = page.download("download-srt", "sample.en.reviewed.srt")
    assert srt == original_srt.replace(f"\n{texts[i]}\n", f"\n{edited}\n", 1) and srt != original_srt
    glossary = page.download("download-glossary", "sample.glossary.tsv").splitlines()
    assert glossary[0] == "term\tpreferred\taliases\ttranslation\tcontext"
    assert glossary[1].startswith("Newark\tNewark\tNew Jersey\t\t")


def test_snakemake_report_lists_subtitles_review_page_and_tables(demo):
    report = demo.workdir / "report.html"
    proc = subprocess.run(demo.command({"input": str(media.DEMO_WAV)}, "--report", str(report)),
                          capture_output=True, text=True, cwd=demo.workdir)
    assert proc.returncode == 0, proc.stderr[-3000:]
    html = report.read_text(encoding="utf-8")
    for name in ("review.html", "sample.en.srt", "sample.en.vtt", "lint.html", "runtimes.html",
                 "Review page of job sample", "Where job sample"):
        assert name in html, name
    runtimes = (demo.results("sample") / "report" / "runtimes.html").read_text(encoding="utf-8")
    for rule in ("transcribe_chunk", "diarize", "vad", "review_audio"):
        assert f"<td>{rule}</td>" in runtimes


def test_silent_film_without_speakers_or_songs_gets_a_page_that_says_so(workflow, tmp_path, browser):
    quiet = media.silence(tmp_path / "quiet film.wav", 12)
    workflow.run({"input": str(quiet), "asr": {"model": "tiny.en"}, "diarization": {"enabled": False},
                  "songs": {"mode": "keep"}})
    page = browser.open(workflow.results("quiet film") / "review.html")
    absent = page.js("return document.getElementById('absent').innerText")
    for note in ("diarization was off", "songs.mode is keep", "No cues"):
        assert note in absent
    assert page.js("return document.querySelectorAll('.cue').length") == 0
    assert page.wait(lambda: page.js("return document.getElementById('audio').readyState >= 1"))
    assert not page.console_errors()
