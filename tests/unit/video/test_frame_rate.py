"""The frame rate subtitles are timed on: exact from the film, or from config; bad pictures only warn."""

from fractions import Fraction

import pytest

from cinescribe.runtime.errors import CinescribeError
from cinescribe.video.frame_rate import film_frame_rate
from support import cut_video, media


@pytest.mark.parametrize("name", ["23.976", "25", "29.97"])
def test_the_film_s_rate_is_read_exactly(cut_films, name):
    rate = film_frame_rate(cut_films[name]["path"])
    assert rate.exact == cut_video.RATES[name]
    assert (rate.source, rate.variable, rate.has_picture, rate.warnings) == ("video", False, True, [])


def test_a_configured_rate_that_agrees_is_the_film_s_exact_one(cut_films):
    rate = film_frame_rate(cut_films["23.976"]["path"], configured=23.976)
    assert (rate.exact, rate.source) == (Fraction(24000, 1001), "video")


@pytest.mark.parametrize(("name", "configured"), [("23.976", 25), ("25", 24), ("29.97", 30)])
def test_a_configured_rate_that_contradicts_the_film_is_one_sentence(cut_films, name, configured):
    with pytest.raises(CinescribeError) as err:
        film_frame_rate(cut_films[name]["path"], configured=configured)
    said = str(err.value)
    assert said.count(". ") == 0 and "\n" not in said
    assert f"video.frame_rate is {configured} fps" in said and f"runs at {name} fps" in said
    assert "set video.frame_rate to 0" in said


def test_audio_only_inputs_are_timed_on_the_configured_or_default_rate(tmp_path):
    wav = media.DEMO_WAV
    default = film_frame_rate(wav)
    assert (default.exact, default.source, default.has_picture) == (24, "default", False)
    assert film_frame_rate(wav, audio_only=25).exact == 25
    configured = film_frame_rate(wav, configured=29.97)
    assert (configured.exact, configured.source) == (Fraction(30000, 1001), "config")
    audio_in_mkv = media.encode_audio(tmp_path / "sound.mkv", [(media.read_wav(wav)[:16000], "aac", 48000,
                                                                 "mono", None)], "matroska")
    assert film_frame_rate(audio_in_mkv).source == "default"


def test_cover_art_is_not_a_picture(tmp_path):
    rate = film_frame_rate(cut_video.with_cover(tmp_path / "song with cover.mp4"), audio_only=25)
    assert (rate.exact, rate.source, rate.has_picture, rate.warnings) == (25, "default", False, [])


def test_variable_frame_rate_warns_and_times_on_the_nominal_rate(tmp_path):
    rate = film_frame_rate(cut_video.variable_rate(tmp_path / "phone.mkv"))
    assert rate.variable and rate.source == "video" and rate.exact == 24
    assert len(rate.warnings) == 1 and "variable frame rate" in rate.warnings[0]


def test_a_picture_that_cannot_be_decoded_warns_and_times_like_audio(cut_films, tmp_path):
    bad = cut_video.undecodable(cut_films["25"]["path"], tmp_path / "bad picture.mkv")
    rate = film_frame_rate(bad, configured=25)
    assert (rate.exact, rate.source, rate.has_picture) == (25, "config", False)
    assert len(rate.warnings) == 1 and "cannot be decoded" in rate.warnings[0]
    assert film_frame_rate(bad).source == "default"


def test_the_old_test_films_tiny_mpeg4_picture_is_read(tmp_path):
    rate = film_frame_rate(media.mux(tmp_path / "tiny.mkv", seconds=2))
    assert (rate.exact, rate.source, rate.variable) == (10, "video", False)
