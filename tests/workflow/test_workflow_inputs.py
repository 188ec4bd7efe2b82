"""Bad and unusual inputs through the real workflow: one sentence, non-zero exit, nothing half-written."""

import json
import random

import numpy as np
import pytest

from cinescribe.workflow.jobs import short_name
from support import media
from support.workflow_runner import told

NEW_JERSEY_HEARD_BY = 16  # seconds: the demo clip says "This is Diane in New Jersey" at 12.5-14.2 s


def _assert_clean_failure(workflow, proc, expected, job):
    assert proc.returncode != 0
    said = told(proc.stderr)
    assert said and expected in said[0], proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    results = workflow.results(job)
    leftovers = [p for p in results.rglob("*") if p.is_file() and p.suffix in (".wav", ".json", ".srt", ".vtt", ".part")]
    assert leftovers == []


def _make(kind, folder):
    good = folder / "good.mkv"
    media.mux(good, media.DEMO_WAV)
    data = good.read_bytes()
    path = folder / f"{kind}.mkv"
    if kind == "empty":
        path.write_bytes(b"")
    elif kind == "truncated":
        path.write_bytes(data[: len(data) // 2])
    elif kind == "corrupt-header":
        # Fixed garbage: os.urandom now and then made a header ffmpeg probes as some other format (a flake).
        path.write_bytes(random.Random(64).randbytes(64) + data[64:])
    elif kind == "no-audio":
        media.mux(path, None, seconds=3)
    return path


@pytest.mark.parametrize("kind, expected", [
    ("missing", "not found"),
    ("empty", "empty (0 bytes)"),
    ("truncated", "truncated"),
    ("corrupt-header", "does not recognise it as media"),
    ("no-audio", "has no audio stream"),
])
def test_bad_input_is_one_sentence_and_leaves_nothing(workflow, tmp_path, kind, expected):
    path = tmp_path / "missing.mkv" if kind == "missing" else _make(kind, tmp_path)
    proc = workflow.run({"input": str(path)}, check=False)
    _assert_clean_failure(workflow, proc, expected, path.stem)


def test_unknown_model_offline_names_the_fix(workflow, monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    proc = workflow.run({"input": str(media.DEMO_WAV), "asr": {"model": "large-v3"}}, check=False)
    assert proc.returncode != 0
    said = told(proc.stderr)
    assert said and "Model 'large-v3'" in said[0] and "embedded" in said[0]
    assert not list(workflow.results("sample").glob("language.json"))


def test_bad_config_is_one_sentence(workflow):
    proc = workflow.run({"input": str(media.DEMO_WAV), "asr": {"beam": 3}}, check=False)
    assert proc.returncode != 0
    assert "'beam' was unexpected" in told(proc.stderr)[0]
    proc = workflow.run({"input": str(media.DEMO_WAV), "asr": {"task": "summarise"}}, check=False)
    assert "asr.task" in told(proc.stderr)[0]
    proc = workflow.run({"input": str(media.DEMO_WAV), "asr": {"language": "xx"}}, check=False)
    assert proc.returncode != 0
    assert "asr.language 'xx' is not a language Whisper knows" in told(proc.stderr)[0]
    assert not workflow.results("sample").exists()  # stopped before anything was written


def test_silence_gives_valid_empty_subtitles_and_a_warning(workflow, tmp_path):
    quiet = media.silence(tmp_path / "quiet.wav", 12)
    proc = workflow.run({"input": str(quiet), "asr": {"model": "tiny.en"}})
    assert any("no speech found" in line for line in told(proc.stderr))
    subs = workflow.results("quiet") / "subtitles"
    assert (subs / "quiet.en.srt").read_text() == ""
    assert (subs / "quiet.en.vtt").read_text().startswith("WEBVTT")
    assert json.loads((subs / "quiet.en.json").read_text())["cues"] == []
    done = json.loads((workflow.results("quiet") / "done.json").read_text())
    assert set(done["lint"][str(subs / "quiet.en.srt")].values()) == {1.0}
    assert done["speech_coverage"] == 1.0 and done["warnings"] == []  # no speech, so none was missed


def test_spaces_non_ascii_video_and_jobs_table(workflow, tmp_path):
    """Two films in one run from a jobs table, each with its own model and audio track choice."""
    folder = tmp_path / "Filme für Tests"
    folder.mkdir()
    film = media.mux(folder / "Ünïcode film é.mkv", media.DEMO_WAV, language="eng")
    table = tmp_path / "jobs.tsv"
    table.write_text("job\tinput\tmodel\tlanguage\taudio_language\n"
                     f"\t{film}\ttiny.en\t\teng\n"
                     f"clip two\t{media.DEMO_WAV}\tbase\ten\t\n", encoding="utf-8")
    workflow.run({"jobs": str(table)})
    first = workflow.results("Ünïcode film é") / "subtitles" / "Ünïcode film é.en.srt"
    second = workflow.results("clip two") / "subtitles" / "clip two.en.srt"
    assert "New Jersey" in first.read_text(encoding="utf-8")
    assert "New Jersey" in second.read_text(encoding="utf-8")
    logs = workflow.results("Ünïcode film é") / "logs" / "transcribe_chunk-0001.log"
    assert "'tiny.en'" in logs.read_text(encoding="utf-8")


def test_hostile_and_very_long_file_names_run_and_execute_nothing(workflow, tmp_path):
    odd = tmp_path / "it's \"odd\" $(touch PWNED); `touch PWNED2` & rm -rf x.wav"
    odd.write_bytes(media.DEMO_WAV.read_bytes())
    long_stem = "दृश्य " * 12 + "a" * 40  # 232 bytes: with ".en.srt" and a temporary suffix, past 255
    long = tmp_path / f"{long_stem}.wav"
    long.write_bytes(media.DEMO_WAV.read_bytes())
    table = tmp_path / "jobs.tsv"
    table.write_text(f"input\n{long}\n", encoding="utf-8")
    workflow.run({"input": str(odd), "jobs": str(table), "asr": {"model": "tiny.en"},
                  "diarization": {"enabled": False}})
    srt = workflow.results(odd.stem) / "subtitles" / f"{odd.stem}.en.srt"
    assert "New Jersey" in srt.read_text(encoding="utf-8")
    short = short_name(long_stem)
    assert short != long_stem and len(short.encode()) <= 100 and short.startswith("दृश्य दृश्य")
    assert "New Jersey" in (workflow.results(short) / "subtitles" / f"{short}.en.srt").read_text(encoding="utf-8")
    assert not [p for p in (tmp_path, workflow.workdir, media.REPO) for name in ("PWNED", "PWNED2")
                if (p / name).exists()]  # nothing in a name was ever run


def test_odd_soundtracks_a_chosen_language_track_and_music_only(workflow, tmp_path):
    """One run over a jobs table: every odd channel count, rate, sample format and codec gets subtitles, the
    Hindi-tagged track of a two-track film is the one heard, and a film of music only gets no invented words."""
    odd = media.odd_audio(tmp_path, seconds=NEW_JERSEY_HEARD_BY)
    speech = media.read_wav(media.DEMO_WAV)[:NEW_JERSEY_HEARD_BY * 16000]
    silent = np.zeros_like(speech)
    two = media.encode_audio(tmp_path / "two tracks.mkv", [(silent, "aac", 48000, "stereo", "eng"),
                                                          (speech, "aac", 48000, "stereo", "hin")], "matroska")
    music = media.music(tmp_path / "only music.wav", NEW_JERSEY_HEARD_BY)
    table = tmp_path / "jobs.tsv"
    table.write_text("input\taudio_language\n" + "".join(f"{path}\t\n" for path in odd)
                     + f"{two}\thin\n{music}\t\n", encoding="utf-8")
    workflow.run({"jobs": str(table), "asr": {"model": "tiny.en"}, "diarization": {"enabled": False},
                  "review": {"enabled": False}})
    for path in [*odd, two]:
        srt = workflow.results(path.stem) / "subtitles" / f"{path.stem}.en.srt"
        assert "New Jersey" in srt.read_text(encoding="utf-8"), path.name
    cues = json.loads((workflow.results("only music") / "subtitles" / "only music.en.json").read_text())["cues"]
    print("music only:", [c["lines"] for c in cues])
    assert all(c["song"] and c["lines"][0].startswith("♪") for c in cues)  # at most ♪ marks, no dialogue
