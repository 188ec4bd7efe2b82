"""Speakers by name: the cast file's checks, the naming rule (a clear match or no name at all), and the
voice prints of the demo clip's two speakers."""

import numpy as np
import pytest

from cinescribe.diarization.cast import enroll
from cinescribe.diarization.cast_list import read_cast
from cinescribe.diarization.models.speaker_encoder import load_encoder
from cinescribe.diarization.naming import (
    NamingOptions,
    alike_names,
    display_names,
    join_named,
    match_names,
    part_turns,
    torn_between,
)
from cinescribe.runtime.errors import CinescribeError
from support import media

HEADER = "name\tsource\tstart\tend\n"


def cast_file(tmp_path, text, name="cast.tsv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_rows_read_with_their_defaults_and_sources_beside_the_file(tmp_path):
    (tmp_path / "episode1.wav").write_bytes(b"RIFF")
    path = cast_file(tmp_path, "\ufeff" + HEADER + "# the lead\nDiane\t\t12.5\t20\n\nDiane\tepisode1.wav\t\t\n"
                     "Raj\t\t30\t\n")
    rows = read_cast(path)
    assert [(r.name, r.start, r.end) for r in rows] == [("Diane", 12.5, 20.0), ("Diane", 0.0, None), ("Raj", 30.0, None)]
    assert rows[0].source == "" and rows[0].where("film.mkv") == "film.mkv"
    assert rows[1].source == str(tmp_path / "episode1.wav")  # relative to the cast file


@pytest.mark.parametrize("text, says", [
    ("Diane\t\t1\t2\n", "needs a header row"),
    (HEADER.replace("end", "stop") + "Diane\t\t1\t2\n", "unknown column(s) stop"),
    (HEADER + "Diane\t\tten\t20\n", "row 1: start 'ten' is not a number of seconds"),
    (HEADER + "Diane\t\t5\t20\nRaj\t\t-3\t20\n", "row 2: start '-3' is not a number of seconds"),
    (HEADER + "Diane\t\t20\t20\n", "row 1: end 20 s is not after start 20 s"),
    (HEADER + "Diane\tnowhere.wav\t1\t2\n", "row 1: the source 'nowhere.wav' of Diane does not exist"),
    (HEADER + "\t\t1\t2\n", "row 1: the row has no name"),
    (HEADER, "names nobody"),
])
def test_a_bad_cast_file_is_one_sentence(tmp_path, text, says):
    with pytest.raises(CinescribeError) as err:
        read_cast(cast_file(tmp_path, text))
    assert says in str(err.value) and "\n" not in str(err.value)


def test_a_missing_cast_file_is_one_sentence(tmp_path):
    with pytest.raises(CinescribeError, match="does not exist"):
        read_cast(tmp_path / "cast.tsv")


def unit(*values):
    vector = np.asarray(values, float)
    return vector / np.linalg.norm(vector)


def test_a_clear_match_takes_the_name_and_a_voice_under_the_margin_keeps_its_number():
    cast = {"Diane": unit(1, 0, 0, 0), "Raj": unit(0, 1, 0, 0)}
    speakers = {
        "SPEAKER_00": unit(1, 0.1, 0, 0),   # Diane's voice
        "SPEAKER_01": unit(0.85, 1, 0, 0),  # like Raj (0.76), but nearly as like Diane (0.65): no name
        "SPEAKER_02": unit(0, 0, 1, 0),     # nobody in the cast
    }
    names, scores = match_names(speakers, cast, NamingOptions(cast_similarity=0.7, cast_margin=0.15))
    assert names == {"SPEAKER_00": "Diane"}
    assert scores["SPEAKER_01"]["candidate"] == "Raj" and scores["SPEAKER_01"]["margin"] < 0.15
    assert scores["SPEAKER_02"]["similarity"] < 0.1 and "SPEAKER_02" not in names
    loose = match_names(speakers, cast, NamingOptions(cast_similarity=0.7, cast_margin=0.0))[0]
    assert loose == {"SPEAKER_00": "Diane", "SPEAKER_01": "Raj"}  # the margin alone held SPEAKER_01 back
    names, _ = match_names({"SPEAKER_00": unit(0.6, 0, 1, 0)}, cast, NamingOptions(cast_similarity=0.7, cast_margin=0))
    assert names == {}  # most like Diane (0.51), but not alike enough


def test_a_voice_split_over_two_speakers_takes_its_name_on_both_and_becomes_one_speaker():
    cast = {"Diane": unit(1, 0, 0), "Raj": unit(0, 1, 0)}
    speakers = {"SPEAKER_00": unit(1, 0.3, 0), "SPEAKER_01": unit(1, 0.05, 0), "SPEAKER_02": unit(0.1, 1, 0)}
    names, _ = match_names(speakers, cast, NamingOptions(cast_similarity=0.7, cast_margin=0.15))
    assert names == {"SPEAKER_00": "Diane", "SPEAKER_01": "Diane", "SPEAKER_02": "Raj"}
    turns = [{"start": 0.0, "end": 4.0, "speaker": "SPEAKER_00"}, {"start": 1.0, "end": 1.5, "speaker": "SPEAKER_02"},
             {"start": 3.0, "end": 5.0, "speaker": "SPEAKER_01"}, {"start": 6.0, "end": 7.0, "speaker": "SPEAKER_01"},
             {"start": 8.0, "end": 9.0, "speaker": "SPEAKER_02"}]
    joined, joined_names = join_named(turns, names)
    assert joined_names == {"SPEAKER_00": "Diane", "SPEAKER_02": "Raj"}  # the part with the most speech keeps its label
    assert [(t["start"], t["end"], t["speaker"]) for t in joined] == [
        (0.0, 5.0, "SPEAKER_00"), (1.0, 1.5, "SPEAKER_02"), (6.0, 7.0, "SPEAKER_00"), (8.0, 9.0, "SPEAKER_02")]
    assert join_named(turns, {"SPEAKER_02": "Raj"}) == (turns, {"SPEAKER_02": "Raj"})  # nothing to join


def test_one_speaker_holding_two_cast_voices_is_parted_turn_by_turn_where_each_turn_is_clear():
    cast = {"Diane": unit(1, 0.3, 0), "Dana": unit(0.3, 1, 0), "Raj": unit(0, 0, 1)}
    options = NamingOptions(cast_similarity=0.7, cast_margin=0.15)
    names, scores = match_names({"SPEAKER_00": unit(1, 1, 0), "SPEAKER_01": unit(0, 0.1, 1)}, cast, options)
    assert names == {"SPEAKER_01": "Raj"}  # SPEAKER_00 is as like Diane as Dana: no name for it as a whole
    torn = torn_between(scores, options)
    assert torn == {"SPEAKER_00": ("Dana", "Diane")} or torn == {"SPEAKER_00": ("Diane", "Dana")}
    turns = [{"start": 0.0, "end": 2.0, "speaker": "SPEAKER_00"}, {"start": 2.5, "end": 4.0, "speaker": "SPEAKER_01"},
             {"start": 4.5, "end": 6.0, "speaker": "SPEAKER_00"}, {"start": 6.5, "end": 8.0, "speaker": "SPEAKER_00"},
             {"start": 8.5, "end": 8.7, "speaker": "SPEAKER_00"}]
    prints = {0: unit(1, 0.2, 0), 2: unit(0.2, 1, 0), 3: unit(1, 0.9, 0)}  # Diane, Dana, unclear; turn 4 too short
    parted, parted_names = part_turns(turns, prints, torn, cast, options)
    assert [t["speaker"] for t in parted] == ["SPEAKER_02", "SPEAKER_01", "SPEAKER_03", "SPEAKER_00", "SPEAKER_00"]
    assert parted_names == {"SPEAKER_02": "Diane", "SPEAKER_03": "Dana"}
    assert part_turns(turns, prints, {}, cast, options) == (turns, {})  # nobody torn: nothing moves


def test_alike_cast_voices_get_a_warning_and_config_names_override_the_cast():
    warnings = alike_names({"Diane": unit(1, 0), "Dana": unit(1, 0.2), "Raj": unit(0, 1)}, 0.5)
    assert len(warnings) == 1 and "Diane and Dana sound alike" in warnings[0]
    diarization = {"names": {"SPEAKER_00": "Diane", "SPEAKER_01": "Raj"}}
    assert display_names(diarization, {"SPEAKER_01": "Rajesh"}) == {"SPEAKER_00": "Diane", "SPEAKER_01": "Rajesh"}
    assert display_names(None, {}) == {}


@pytest.fixture(scope="module")
def encoder(tmp_path_factory):
    return load_encoder("cpu", 1, tmp_path_factory.mktemp("models"))


def demo_rows(tmp_path, text):
    return read_cast(cast_file(tmp_path, HEADER + text.replace("DEMO", str(media.DEMO_WAV))))


def test_the_demo_speakers_enroll_apart_and_one_name_for_both_is_refused(tmp_path, encoder):
    rows = demo_rows(tmp_path, "Maya\tDEMO\t21.8\t28.4\nDiane\tDEMO\t10.6\t14.5\n")
    prints, report = enroll(rows, "", encoder, 0.5)
    assert [r["name"] for r in report] == ["Maya", "Diane"] and all(r["speech_s"] > 3 for r in report)
    assert float(prints["Maya"] @ prints["Diane"]) < 0.5
    with pytest.raises(CinescribeError, match="gives Maya two different voices: row 1"):
        enroll(demo_rows(tmp_path, "Maya\tDEMO\t21.8\t28.4\nMaya\tDEMO\t10.6\t14.5\n"), "", encoder, 0.5)
    same, _ = enroll(demo_rows(tmp_path, "Maya\tDEMO\t21.8\t28.4\nMaya\tDEMO\t14.5\t17.9\n"), "", encoder, 0.5)
    assert list(same) == ["Maya"]  # two spans of one voice make one voice print


def test_a_span_without_speech_is_one_sentence(tmp_path, encoder):
    with pytest.raises(CinescribeError, match=r"row 1 \(Maya\) has 0.00 s of speech in 0-5 s"):
        enroll(demo_rows(tmp_path, "Maya\tDEMO\t0\t5\n"), "", encoder, 0.5)
