"""Offline diarization on real speech: DER against known turns, automatic speaker counts, turn tidying."""

from pathlib import Path

import numpy as np
import pytest
import yaml
from pyannote.core import Annotation, Segment
from pyannote.metrics.diarization import DiarizationErrorRate

import media
from cinescribe.diarize import FRAME_S, Options, absorb_short_turns, clustering_hop, diarize, speaker_names
from cinescribe.embeddings import load_encoder
from cinescribe.timeline import runs
from cinescribe.vad import detect_speech

REPO = Path(__file__).resolve().parents[1]
DEFAULTS = yaml.safe_load((REPO / "config" / "config.yaml").read_text())
LINES = media.SENTENCES


def shipped_options(**overrides):
    """The diarization defaults exactly as config/config.yaml ships them."""
    return Options.from_config(DEFAULTS["diarization"], **overrides)


def shipped_speech(wav):
    vad = {k: v for k, v in DEFAULTS["vad"].items() if k not in ("device",)}
    return detect_speech(str(wav), **vad)


def annotation(turns):
    result = Annotation()
    for start, end, who in turns:
        result[Segment(start, end)] = who
    return result


def der(reference, turns):
    hypothesis = annotation([(t["start"], t["end"], t["speaker"]) for t in turns])
    return DiarizationErrorRate()(annotation(reference), hypothesis)


@pytest.fixture(scope="module")
def encoder():
    return load_encoder("cpu", threads=2)


@pytest.fixture(scope="module")
def dialogues(tmp_path_factory):
    """Two- and three-voice espeak-ng conversations with the reference turns they were built from."""
    made = {}
    for voices in (("en-us+m3", "en-us+f3"), ("en-us+m3", "en-us+f3", "en-us+Andy")):
        folder = tmp_path_factory.mktemp(f"dialogue{len(voices)}")
        made[len(voices)] = media.dialogue(folder, voices, LINES)
    return made


def test_pyannote_sample_der_within_015(encoder):
    reference = [(float(p[3]), float(p[3]) + float(p[4]), p[7])
                 for p in (line.split() for line in media.DEMO_RTTM.read_text().splitlines() if line.strip())]
    turns = diarize(str(media.DEMO_WAV), shipped_speech(media.DEMO_WAV), encoder, shipped_options())
    error = der(reference, turns)
    print(f"pyannote sample: DER {error:.3f}, {len({t['speaker'] for t in turns})} speakers")
    assert {t["speaker"] for t in turns} == {"SPEAKER_00", "SPEAKER_01"}
    assert error <= 0.15


@pytest.mark.parametrize("voices", [2, 3])
def test_espeak_dialogue_der_within_010_with_speaker_count_found(encoder, dialogues, voices):
    wav, reference = dialogues[voices]
    turns = diarize(str(wav), shipped_speech(wav), encoder, shipped_options())
    error = der(reference, turns)
    print(f"{voices}-voice dialogue: DER {error:.3f}")
    assert len({t["speaker"] for t in turns}) == voices
    assert error <= 0.10


def test_one_voice_is_one_speaker(encoder, tmp_path):
    wav = media.concat([media.speak(line, tmp_path / f"{i}.wav", voice="en-us+m3")
                        for i, line in enumerate(LINES[:6])], tmp_path / "monologue.wav")
    turns = diarize(str(wav), shipped_speech(wav), encoder, shipped_options())
    assert {t["speaker"] for t in turns} == {"SPEAKER_00"}


def test_num_speakers_fixes_the_count(encoder, dialogues):
    wav, _ = dialogues[3]
    turns = diarize(str(wav), shipped_speech(wav), encoder, shipped_options(num_speakers=2))
    assert len({t["speaker"] for t in turns}) == 2


def test_no_speech_gives_no_turns(encoder, tmp_path):
    wav = media.silence(tmp_path / "quiet.wav", 3)
    assert diarize(str(wav), [], encoder, shipped_options()) == []


def test_turns_are_runs_of_frames_without_silence():
    labels = np.array([-1, -1, 0, 0, 0, 1, 1, -1, 1])
    assert runs(labels, FRAME_S) == [[0.04, 0.1, 0], [0.1, 0.14, 1], [0.16, 0.18, 1]]


def test_a_blip_of_another_speaker_joins_its_neighbours():
    turns = [[0.0, 2.0, 0], [2.0, 2.1, 1], [2.1, 4.0, 0], [5.0, 5.1, 1]]
    # the 0.1 s blip touching speaker 0 becomes speaker 0; an isolated short turn keeps its speaker
    assert absorb_short_turns(turns, 0.3) == [[0.0, 4.0, 0], [5.0, 5.1, 1]]


def test_speakers_are_numbered_by_first_appearance():
    named = speaker_names([[0.0, 1.0, 3], [1.0, 2.0, 0], [2.0, 3.0, 3]])
    assert [t["speaker"] for t in named] == ["SPEAKER_00", "SPEAKER_01", "SPEAKER_00"]


def test_long_films_spread_their_clustering_windows():
    film = [(0.0, 9000.0)]  # 2.5 hours of speech
    assert clustering_hop(film, Options()) == 9000.0 / Options().max_cluster_windows
    assert clustering_hop([(0.0, 60.0)], Options()) == Options().hop_s
