import numpy as np
import pytest

from cinescribe.audio.media import extract_audio, read_slice, wav_seconds
from cinescribe.runtime.errors import CinescribeError
from support import media


def test_video_track_chosen_by_language_tag(tmp_path):
    film = media.mux(tmp_path / "film.mkv", media.DEMO_WAV, language="hin")
    info = extract_audio(film, tmp_path / "a.wav", language="hi")
    assert info["codec"] == "aac" and abs(wav_seconds(tmp_path / "a.wav") - 30.0) < 0.1
    with pytest.raises(CinescribeError, match="no audio track tagged 'ta'"):
        extract_audio(film, tmp_path / "b.wav", language="ta")
    with pytest.raises(CinescribeError, match="audio.track=3 does not exist"):
        extract_audio(film, tmp_path / "b.wav", track=3)
    assert not (tmp_path / "b.wav").exists()


@pytest.mark.parametrize("codec, suffix", [("aac", ".m4a"), ("libmp3lame", ".mp3"), ("flac", ".flac")])
def test_audio_containers(tmp_path, codec, suffix):
    path = media.mux(tmp_path / f"a{suffix}", media.DEMO_WAV, video=False, audio_codec=codec)
    extract_audio(path, tmp_path / "a.wav")
    assert abs(wav_seconds(tmp_path / "a.wav") - 30.0) < 0.2


def test_read_slice_matches_the_whole(tmp_path):
    extract_audio(media.DEMO_WAV, tmp_path / "a.wav")
    whole = read_slice(tmp_path / "a.wav")
    part = read_slice(tmp_path / "a.wav", 10.0, 12.5)
    assert len(part) == 40000 and np.array_equal(part, whole[160000:200000])


def _best_correlation(x, ref, max_lag=4000):
    """Correlation at the best lag within ±0.25 s (AAC and MP3 encoders add a little delay)."""
    from scipy.signal import correlate

    full = correlate(x, ref, mode="full", method="fft")
    centre = len(ref) - 1
    lag = int(np.argmax(full[centre - max_lag:centre + max_lag + 1])) - max_lag
    a, b = (x[lag:], ref) if lag >= 0 else (x, ref[-lag:])
    n = min(len(a), len(b))
    return np.corrcoef(a[:n], b[:n])[0, 1]


@pytest.fixture(scope="module")
def odd_audio(tmp_path_factory):
    return {path.name: path for path in media.odd_audio(tmp_path_factory.mktemp("odd"))}


@pytest.mark.parametrize("name", [row[0] for row in media.ODD_AUDIO])
def test_any_channel_count_rate_and_sample_format_becomes_the_same_16k_mono_speech(tmp_path, odd_audio, name):
    source = odd_audio[name]
    info = extract_audio(source, tmp_path / "audio.wav")
    heard, ref = read_slice(tmp_path / "audio.wav"), read_slice(media.DEMO_WAV)
    print(name, info)
    assert abs(wav_seconds(tmp_path / "audio.wav") - 30.0) < 0.1
    assert _best_correlation(heard, ref) > 0.95  # the same speech, in time
    level_db = 20 * np.log10(np.sqrt(np.mean(heard ** 2)) / np.sqrt(np.mean(ref ** 2)))
    assert -12 < level_db < 1  # a 5.1 downmix is quieter, never silent


def test_the_track_in_the_asked_language_is_the_one_transcribed(tmp_path):
    speech = media.read_wav(media.DEMO_WAV)
    other = (np.sin(np.arange(len(speech)) * 2 * np.pi * 440 / 16000) * 3000).astype(np.int16)  # a tone
    film = media.encode_audio(tmp_path / "two tracks.mkv", [(other, "aac", 48000, "stereo", "eng"),
                                                           (speech, "aac", 48000, "stereo", "hin")], "matroska")
    ref = read_slice(media.DEMO_WAV)
    extract_audio(film, tmp_path / "hindi.wav", language="hi")
    assert _best_correlation(read_slice(tmp_path / "hindi.wav"), ref) > 0.95
    extract_audio(film, tmp_path / "first.wav")
    assert _best_correlation(read_slice(tmp_path / "first.wav"), ref) < 0.2  # the first track is the tone
    with pytest.raises(CinescribeError, match="has 2 audio track\\(s\\); audio.track=2 does not exist"):
        extract_audio(film, tmp_path / "none.wav", track=2)
