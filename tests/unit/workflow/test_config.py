"""Config and the jobs table: every default is in the schema, and mistakes are one sentence."""

import copy
from pathlib import Path

import pytest
import yaml

from cinescribe.runtime.errors import CinescribeError
from cinescribe.workflow.config import validate_config
from cinescribe.workflow.jobs import load_jobs
from support import media

REPO = Path(__file__).resolve().parents[3]
SCHEMA = REPO / "config" / "schema.yaml"


def _config(**changes):
    config = yaml.safe_load((REPO / "config" / "config.yaml").read_text())
    config.update(changes)
    return config


def test_config_yaml_and_schema_defaults_agree():
    from_file = _config()
    validate_config(from_file, SCHEMA)
    from_schema = {}
    validate_config(from_schema, SCHEMA)  # schema defaults alone
    assert from_schema == from_file


def test_command_line_strings_get_their_types():
    config = _config(asr={"chunk_seconds": "20", "condition_on_previous_text": "true"})
    validate_config(config, SCHEMA)
    assert config["asr"]["chunk_seconds"] == 20 and config["asr"]["condition_on_previous_text"] is True
    assert config["asr"]["beam_size"] == 5  # defaults fill the rest


@pytest.mark.parametrize("change, words", [
    ({"asr": {"beam": 3}}, "'beam' was unexpected"),
    ({"vad": {"threshold": 2}}, "vad.threshold"),
    ({"asr": {"chunking": "sometimes"}}, "asr.chunking"),
    ({"diarization": {"min_speakers": 5, "max_speakers": 3}}, "min_speakers .5. is more than"),
    ({"diarization": {"backend": "whisperx"}}, "diarization.backend"),
])
def test_bad_config_is_one_sentence(change, words):
    with pytest.raises(CinescribeError, match=words) as err:
        validate_config(_config(**change), SCHEMA)
    assert "\n" not in str(err.value)


def test_jobs_table_rows_override_defaults(tmp_path):
    table = tmp_path / "jobs.tsv"
    table.write_text("# films\njob\tinput\tlanguage\tmodel\taudio_track\n"
                     f"\t{media.DEMO_WAV}\thi\tbase\t1\n", encoding="utf-8")
    config = _config(jobs=str(table))
    validate_config(config, SCHEMA)
    jobs = load_jobs(config)
    assert list(jobs) == ["sample"]  # the file stem
    job = jobs["sample"]
    assert job["asr"]["language"] == "hi" and job["audio"]["track"] == 1
    assert job["asr"]["task"] == "transcribe"  # empty column keeps the default
    assert config["asr"]["language"] == "auto"  # the shared config is untouched


@pytest.mark.parametrize("table, words", [
    ("input\tspeed\n{wav}\t2\n", "unknown column"),
    ("input\ttask\n{wav}\tsummarise\n", "task 'summarise'"),
    ("input\tlanguage\n{wav}\tHindi\n", "language 'Hindi' is not a language Whisper knows"),
    ("input\tlanguage\n{wav}\txx\n", "language 'xx' is not a language Whisper knows"),
    ("input\n{wav}\n{wav}\n", "Two jobs are named 'sample'"),
    ("input\n/nowhere/film.mkv\n", "not found"),
])
def test_bad_jobs_tables(tmp_path, table, words):
    path = tmp_path / "jobs.tsv"
    path.write_text(table.format(wav=media.DEMO_WAV), encoding="utf-8")
    with pytest.raises(CinescribeError, match=words):
        load_jobs(_config(jobs=str(path)))


def test_a_language_whisper_does_not_know_is_one_sentence():
    config = _config(input=str(media.DEMO_WAV), asr={"language": "xx"})
    validate_config(config, SCHEMA)
    with pytest.raises(CinescribeError, match="asr.language 'xx' is not a language Whisper knows") as err:
        load_jobs(config)
    assert "\n" not in str(err.value)
    config["asr"]["language"] = "hi"
    assert load_jobs(config)["sample"]["asr"]["language"] == "hi"


def test_nothing_to_do():
    with pytest.raises(CinescribeError, match="Nothing to do"):
        load_jobs(copy.deepcopy(_config()))
