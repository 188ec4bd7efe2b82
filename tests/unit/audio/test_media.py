"""Test media are the same bytes every time they are made (sox is told not to dither): a check that flakes on
one machine and not another is a bug in the media, not in the workflow."""

import hashlib

from support import media


def _digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_every_kind_of_test_media_is_made_identically_twice(tmp_path):
    made = []
    for attempt in ("a", "b"):
        folder = tmp_path / attempt
        folder.mkdir()
        paths = [media.music(folder / "music.wav", 6), media.silence(folder / "quiet.wav", 2),
                 media.read_aloud(folder, media.SENTENCES[:2], "speech", voice="en-gb"),
                 media.hindi_speech(folder), media.mix(folder / "speech.wav", folder / "music.wav", folder / "mix.wav"),
                 media.mux(folder / "film.mkv", media.DEMO_WAV, language="hin"), *media.odd_audio(folder)]
        made.append({path.name: _digest(path) for path in paths})
    assert made[0] == made[1]
