"""The review page from generated job files (no ASR): flags, what is absent, escaping, Devanagari, translations,
and a 2.5-hour film opened in headless chromium."""

import random

from selenium.webdriver.common.keys import Keys

from cinescribe.report.review import render_page, review_data

LIMITS = dict(max_line_chars=42, max_lines=2, max_duration=7.0, min_duration=0.833, max_cps=17.0, min_gap=2 / 24)
VOCABULARY = ("the night train leaves at nine and nobody on the platform knows where Raj has gone tonight "
              "listen carefully because I will only say this once").split()


def words_for(text, start, end, probability=0.9, speaker="SPEAKER_00"):
    tokens = text.split()
    step = (end - start) / len(tokens)
    return [{"start": round(start + i * step, 3), "end": round(start + (i + 1) * step - 0.02, 3), "word": f" {token}",
             "probability": probability, "speaker": speaker} for i, token in enumerate(tokens)]


def job_files(cues, duration, chunk_s=300.0, language="en", diarization=True, songs=True):
    """Subtitle JSON, transcript, VAD, plan, turns and songs for cues [(start, end, text, speaker, probability)]."""
    words, docs = [], []
    for start, end, text, speaker, probability in cues:
        words += words_for(text, start, end, probability, speaker)
        docs.append({"start": start, "end": end, "lines": [text], "speaker": speaker, "speakers": [speaker],
                     "song": False})
    speakers = sorted({c[3] for c in cues})
    subtitles = {"schema": 1, "language": language, "speakers": speakers, "cues": docs, "words": words}
    transcript = {"schema": 1, "speakers": speakers, "segments": [], "removed": [], "corrections": []}
    vad = {"schema": 1, "duration": duration, "speech": [[c[0] - 0.1, c[1]] for c in cues]}
    edges = [0.0] + [chunk_s * (i + 1) for i in range(int(duration // chunk_s))] + [duration]
    edges = sorted(set(e for e in edges if e <= duration))
    plan = {"schema": 1, "chunks": [{"index": i + 1, "start": a, "end": b, "audio_start": a, "audio_end": b}
                                    for i, (a, b) in enumerate(zip(edges, edges[1:]))]}
    turns = {"schema": 1, "turns": [{"start": c[0], "end": c[1], "speaker": c[3]} for c in cues]}
    song_doc = {"schema": 1, "songs": [[duration * 0.5, duration * 0.5 + 60]] if duration > 200 else []}
    return subtitles, transcript, vad, plan, turns if diarization else None, song_doc if songs else None


def film_cues(minutes, seed=7):
    """A film's worth of cues: ~13 a minute, 6 speakers, one word in ten unsure."""
    rng, t, cues = random.Random(seed), 2.0, []
    while t < minutes * 60 - 5:
        text = " ".join(rng.choice(VOCABULARY) for _ in range(rng.randint(3, 9)))
        length = max(1.0, len(text) / 15)
        cues.append((round(t, 3), round(t + length, 3), text, f"SPEAKER_{rng.randrange(6):02d}",
                     0.3 if rng.random() < 0.1 else 0.95))
        t += length + rng.uniform(0.3, 2.5)
    return cues


def build(tmp_path, cues, duration, name="film", translations=(), **options):
    subtitles, transcript, vad, plan, turns, songs = job_files(cues, duration, **options)
    data = review_data(name, [subtitles, *translations], transcript, vad, plan, turns, songs, limits=LIMITS)
    page = tmp_path / f"{name}.html"
    page.write_text(render_page(data), encoding="utf-8")
    return data, page


# ---------- the page's data (no browser) ----------

def test_flags_name_what_a_reviewer_must_check():
    cues = [(1.0, 3.0, "We meet again", "SPEAKER_00", 0.95),
            (3.083, 4.2, "at the old mill where nobody hears", "SPEAKER_00", 0.95),  # too fast, chained
            (5.0, 7.0, "Maybe Rajesh knows", "SPEAKER_01", 0.2),  # unsure, and another voice
            (298.8, 301.0, "across the seam", "SPEAKER_01", 0.95)]
    subtitles, transcript, vad, plan, turns, songs = job_files(cues, 320.0)
    transcript["corrections"] = [{"start": 5.5, "end": 6.2, "from": "Rajes", "to": "Rajesh", "term": "Rajesh"}]
    transcript["removed"] = [{"start": 310.0, "end": 312.0, "text": "Thanks for watching", "reason": "phantom phrase"}]
    data = review_data("film", [subtitles], transcript, vad, plan, turns, songs, limits=LIMITS,
                       names={"SPEAKER_01": "Raj"})
    flags = [cue["flags"] for cue in data["tracks"][0]["cues"]]
    assert flags[0] == {}
    assert flags[1] == {"timing": ["reading speed"]}
    assert flags[2]["unsure"] == ["Maybe", "Rajesh", "knows"] and flags[2]["speaker"]
    assert flags[2]["glossary"] == ["Rajes → Rajesh"]
    assert flags[3]["seam"] and "speaker" not in flags[3]
    assert data["seams"] == [300.0]
    assert data["turns"][2][2] == "Raj" and "Raj" in data["speakers"]
    assert data["removed"][0]["reason"] == "phantom phrase"


def test_shot_changes_reach_the_timeline_and_cues_near_them_are_flagged():
    from fractions import Fraction

    from cinescribe.subtitles.frame_grid import FrameGrid

    cues = [(1.0, 3.0, "We meet again", "SPEAKER_00", 0.95), (5.0, 7.0, "at the old mill", "SPEAKER_00", 0.95)]
    subtitles, transcript, vad, plan, turns, songs = job_files(cues, 20.0)
    data = review_data("film", [subtitles], transcript, vad, plan, turns, songs, limits=LIMITS,
                       grid=FrameGrid(Fraction(25)), cuts=[5.2, 12.0])
    assert data["cuts"] == [5.2, 12.0] and data["frame_rate"] == 25.0
    flags = [cue["flags"].get("timing", []) for cue in data["tracks"][0]["cues"]]
    assert flags == [[], ["shot change"]]  # the second comes up 5 frames before a cut


def test_what_is_absent_is_said_not_left_blank():
    subtitles, transcript, vad, plan, _, _ = job_files([], 60.0, diarization=False, songs=False)
    data = review_data("silent film", [subtitles], transcript, vad, plan, None, None, limits=LIMITS)
    notes = " ".join(data["absent"])
    assert "diarization was off" in notes and "songs.mode is keep" in notes and "No cues" in notes
    assert "No audio preview" in notes and data["tracks"][0]["cues"] == []


def test_cue_text_cannot_end_the_script_block(tmp_path):
    _, page = build(tmp_path, [(1.0, 3.0, "</script><script>window.pwned = 1</script>", "SPEAKER_00", 0.9)], 10.0)
    html = page.read_text(encoding="utf-8")
    assert html.count("</script>") == 2  # the data block's and the code block's own, nothing from the cue


# ---------- in the browser ----------

def cue_texts(browser):
    """The text the page put in each cue (textContent: rows skip rendering until they are first drawn, and
    innerText of a row not drawn yet is empty)."""
    return browser.js("return [...document.querySelectorAll('.cue .text')].map(e => e.textContent)")


def test_hostile_text_shows_as_text(tmp_path, browser):
    text = "<script>window.pwned = 1</script> <b>bold</b> <img src=x onerror=window.pwned=2>"
    _, page = build(tmp_path, [(1.0, 4.0, text, "SPEAKER_00", 0.9)], 10.0, name="<b>job")
    browser.open(page)
    assert browser.js("return window.pwned") is None
    assert cue_texts(browser) == [text]
    assert browser.js("return document.getElementById('job').textContent") == "<b>job"
    assert not browser.console_errors()


def test_devanagari_and_a_silent_job_open_and_say_what_is_absent(tmp_path, browser):
    hindi = [(1.0, 3.5, "नमस्ते, आप कैसे हैं?", "SPEAKER_00", 0.9), (4.0, 6.0, "मैं ठीक हूँ।", "SPEAKER_01", 0.4)]
    _, page = build(tmp_path, hindi, 10.0, name="hindi", language="hi", diarization=False, songs=False)
    browser.open(page)
    assert cue_texts(browser) == ["नमस्ते, आप कैसे हैं?", "मैं ठीक हूँ।"]
    absent = browser.js("return document.getElementById('absent').innerText")
    assert "diarization was off" in absent and "songs.mode is keep" in absent
    assert browser.js("return document.querySelectorAll('.cue .u').length") == 3  # the second cue's words are unsure
    assert not browser.console_errors()

    _, page = build(tmp_path, [], 600.0, name="silent")
    browser.open(page)
    assert "No cues" in browser.js("return document.getElementById('absent').innerText")
    assert "no cues" in browser.js("return document.getElementById('cues').innerText")
    assert not browser.console_errors()


def test_language_switch_shows_and_downloads_the_translation(tmp_path, browser):
    cues = [(1.0, 3.0, "Good morning", "SPEAKER_00", 0.9), (4.0, 6.0, "See you tonight", "SPEAKER_01", 0.9)]
    portuguese, *_ = job_files([(1.0, 3.0, "Bom dia", "SPEAKER_00", 0.9), (4.0, 6.0, "Até logo à noite",
                                                                             "SPEAKER_01", 0.9)], 10.0, language="pt")
    _, page = build(tmp_path, cues, 10.0, name="two", translations=[portuguese])
    browser.open(page)
    assert cue_texts(browser) == ["Good morning", "See you tonight"]
    browser.js("const s = document.getElementById('track'); s.value = '1'; s.dispatchEvent(new Event('change'))")
    assert cue_texts(browser) == ["Bom dia", "Até logo à noite"]
    srt = browser.download("download-srt", "two.pt.reviewed.srt")
    assert srt == "1\n00:00:01,000 --> 00:00:03,000\nBom dia\n\n2\n00:00:04,000 --> 00:00:06,000\nAté logo à noite\n\n"


def test_a_film_of_two_and_a_half_hours_opens_in_under_two_seconds(tmp_path, browser):
    cues = film_cues(150)
    data, page = build(tmp_path, cues, 150 * 60.0)
    size_mb = page.stat().st_size / 1e6
    browser.open(page)
    load_ms = browser.js("return window.cinescribeReview.loadMs")
    rows = browser.js("return document.querySelectorAll('.cue').length")
    paint_ms = browser.js("const t = performance.now(); for (let i = 0; i < 20; i++) window.cinescribeReview.paint();"
                          "return (performance.now() - t) / 20")
    print(f"2.5 h: {len(cues)} cues, {len(data['seams'])} seams, page {size_mb:.1f} MB, ready in {load_ms:.0f} ms, "
          f"whole-film timeline drawn in {paint_ms:.1f} ms")
    assert len(cues) > 1800 and rows == len(cues)
    view = lambda: browser.js("return document.getElementById('view').textContent")  # noqa: E731
    assert view() == "00:00:00 – 02:30:00"
    browser.driver.find_element("id", "zoom-in").click()
    browser.wait(lambda: view() == "00:37:30 – 01:52:30")  # half the span, around the middle
    browser.js("document.getElementById('timeline').dispatchEvent(new WheelEvent('wheel', {deltaY: -100, "
               "clientX: 500, bubbles: true, cancelable: true}))")
    browser.wait(lambda: view() != "00:37:30 – 01:52:30")  # the wheel zooms in further
    assert load_ms < 2000
    assert not browser.console_errors()


def test_an_edit_stays_with_its_cue_when_a_rerun_changes_the_cues(tmp_path, browser):
    first = [(1.0, 3.0, "Good morning Raj", "SPEAKER_00", 0.9), (4.0, 6.0, "See you tonight", "SPEAKER_01", 0.9)]
    _, page = build(tmp_path, first, 10.0, name="rerun")
    browser.open(page)
    box = browser.driver.find_elements("css selector", ".cue .text")[0]
    box.click()
    box.send_keys(Keys.END, " Kapoor")
    assert cue_texts(browser)[0] == "Good morning Raj Kapoor"
    browser.reload()
    assert cue_texts(browser)[0] == "Good morning Raj Kapoor"  # kept across a reload
    build(tmp_path, [(0.5, 3.0, "Morning", "SPEAKER_00", 0.9)] + first[1:], 10.0, name="rerun")
    browser.driver.refresh()
    browser.wait(lambda: browser.js("return document.body.dataset.ready === 'true'"))
    assert cue_texts(browser) == ["Morning", "See you tonight"]  # the old edit is not pasted onto a new cue


def test_guard_removals_show_in_place_and_flags_filter_the_list(tmp_path, browser):
    cues = [(1.0, 3.0, "We meet again", "SPEAKER_00", 0.95), (8.0, 10.0, "Maybe Rajesh knows", "SPEAKER_01", 0.2)]
    subtitles, transcript, vad, plan, turns, songs = job_files(cues, 20.0)
    transcript["removed"] = [{"start": 4.0, "end": 6.0, "text": "Thanks for watching!", "reason": "phantom phrase"}]
    transcript["corrections"] = [{"start": 8.5, "end": 9.0, "from": "Rajes", "to": "Rajesh", "term": "Rajesh"}]
    page = tmp_path / "guard.html"
    page.write_text(render_page(review_data("guard", [subtitles], transcript, vad, plan, turns, songs,
                                            limits=LIMITS)), encoding="utf-8")
    browser.open(page)
    items = browser.js("return [...document.querySelectorAll('#cues > div')]"
                       ".map(e => e.textContent.replace(/\\s+/g, ' '))")
    assert len(items) == 3 and "removed by the guard (phantom phrase): Thanks for watching!" in items[1]
    assert "glossary: Rajes → Rajesh" in items[2] and "unsure: Maybe, Rajesh, knows" in items[2]
    counts = browser.js("return document.getElementById('counts').innerText")
    assert "Guard removals: 1" in counts and "Glossary fixes: 1" in counts and "Unsure words: 1" in counts
    browser.driver.find_element("css selector", "#counts button[data-flag='guard']").click()
    assert browser.js("return document.querySelectorAll('.cue').length") == 0
    assert browser.js("return document.querySelectorAll('.removed').length") == 1
    browser.driver.find_element("css selector", "#counts button[data-flag='glossary']").click()
    assert browser.js("return [...document.querySelectorAll('.cue .n')].map(e => e.textContent)") == ["2"]
    browser.driver.find_element("id", "flagged-only").click()
    browser.driver.find_element("css selector", "#counts button[data-flag='glossary']").click()  # filter off
    assert browser.js("return document.querySelectorAll('.cue').length") == 1  # only the flagged cue
    assert not browser.console_errors()


def test_speech_without_subtitles_is_listed_in_place_counted_and_drawn(tmp_path, browser):
    cues = [(1.0, 3.0, "We meet again", "SPEAKER_00", 0.95), (20.0, 22.0, "Where were you", "SPEAKER_01", 0.95)]
    subtitles, transcript, vad, plan, turns, songs = job_files(cues, 30.0)
    vad["speech"].insert(1, [8.0, 12.5])  # people talking, no cue
    data = review_data("gap", [subtitles], transcript, vad, plan, turns, songs, limits=LIMITS)
    assert data["unsubtitled"] == [[8.0, 12.5]]
    page = tmp_path / "gap.html"
    page.write_text(render_page(data), encoding="utf-8")
    browser.open(page)
    items = browser.js("return [...document.querySelectorAll('#cues > div')].map(e => e.textContent)")
    assert len(items) == 3 and items[1].startswith("00:00:08.0 speech without subtitles (4.5 s)")
    assert "Speech without subtitles: 1" in browser.js("return document.getElementById('counts').innerText")
    browser.driver.find_element("css selector", "#counts button[data-flag='unsubtitled']").click()
    assert browser.js("return document.querySelectorAll('.cue').length") == 0
    assert browser.js("return document.querySelectorAll('.unsubtitled').length") == 1
    assert not browser.console_errors()


def test_export_cast_gives_each_named_speakers_longest_cues_with_the_film_as_source(tmp_path, browser):
    cues = [(1.0, 3.0, "Good morning Raj", "Diane", 0.9), (4.0, 10.0, "I waited all night at the station", "Diane", 0.9),
            (11.0, 17.0, "The night train leaves at nine", "Diane", 0.9), (18.0, 19.0, "Yes", "SPEAKER_01", 0.9),
            (20.0, 22.0, "Where were you", "SPEAKER_02", 0.9)]
    subtitles, transcript, vad, plan, turns, songs = job_files(cues, 30.0)
    turns.update(speakers=["Diane", "SPEAKER_01", "SPEAKER_02"], names={}, cast=["Diane"])
    data = review_data("cast", [subtitles], transcript, vad, plan, turns, songs, limits=LIMITS,
                       source="/films/episode1.mkv")
    assert any("no cast name matched clearly: Diane, SPEAKER_01, SPEAKER_02" in note for note in data["absent"])
    page = tmp_path / "cast.html"
    page.write_text(render_page(data), encoding="utf-8")
    browser.open(page)
    browser.js("const box = document.querySelectorAll('.cue div.speaker')[4]; box.textContent = 'Raj';"
               "box.dispatchEvent(new Event('input', {bubbles: true}))")  # the reviewer names the last voice
    rows = browser.download("download-cast", "cast.cast.tsv").splitlines()
    assert rows[0] == "name\tsource\tstart\tend"
    assert rows[1:] == ["Diane\t/films/episode1.mkv\t4.000\t10.000", "Diane\t/films/episode1.mkv\t11.000\t17.000",
                        "Raj\t/films/episode1.mkv\t20.000\t22.000"]  # ~10 s of Diane's longest; SPEAKER_01 is no name
    assert not browser.console_errors()
