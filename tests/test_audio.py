import numpy as np
import pytest

import media
from cinescribe.audio import extract_audio, read_slice, wav_seconds
from cinescribe.errors import CinescribeError


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
