"""Songs: music found from the audio with known precision and recall, and song cues marked, dropped or kept."""

import numpy as np
import pysubs2
import pytest

from cinescribe.audio.songs import detect_songs
from cinescribe.subtitles.cues import build_cues
from cinescribe.subtitles.lint import lint_file
from cinescribe.subtitles.song_marks import mark_song_words
from cinescribe.subtitles.writers import write_subtitles
from support import media, music_kinds


@pytest.fixture(scope="module")
def soundtrack(tmp_path_factory):
    """Speech, silence, music, speech over soft music, music, speech; returns the WAV and the music spans."""
    d = tmp_path_factory.mktemp("soundtrack")
    speech = [media.concat([media.speak(s, d / f"s{k}{i}.wav", voice=("en-us", "en-gb")[i % 2])
                            for i, s in enumerate(media.SENTENCES[k * 3:k * 3 + 3])], d / f"speech{k}.wav")
              for k in range(3)]
    song, score = media.music(d / "song.wav", 20), media.music(d / "score.wav", 40)
    parts = [speech[0], media.silence(d / "quiet.wav", 3), song, media.mix(speech[1], score, d / "under.wav"),
             media.music(d / "song2.wav", 14), speech[2]]
    spans, clock = [], 0.0
    for part in parts:
        seconds = media.read_wav(part).shape[0] / 16000
        if part.stem.startswith("song"):
            spans.append((clock, clock + seconds))
        clock += seconds
    return media.concat(parts, d / "soundtrack.wav"), spans, clock


def seconds_mask(spans, total, step=0.1):
    t = np.arange(0, total, step)
    return np.any([(t >= s) & (t < e) for s, e in spans], axis=0) if spans else np.zeros(len(t), bool)


def test_music_is_found_with_high_precision_and_recall(soundtrack):
    wav, truth, total = soundtrack
    found = detect_songs(str(wav))
    hit, want = seconds_mask(found, total), seconds_mask(truth, total)
    precision = (hit & want).sum() / max(hit.sum(), 1)
    recall = (hit & want).sum() / want.sum()
    print(f"songs: precision {precision:.2f}, recall {recall:.2f}; found {found}, truth {truth}")
    assert len(found) == 2  # speech over soft music between the songs is not a song
    assert precision >= 0.9 and recall >= 0.85


def test_the_lines_either_side_of_a_song_are_not_sung(soundtrack):
    """Windows are whole seconds and rhythm is read over 6 s, so a song reached into the line after it: the
    line's first words were marked as lyrics and its sentence split at the song's edge."""
    from cinescribe.audio.vad import VadOptions, detect_speech

    wav, truth, _ = soundtrack
    speech = detect_speech(str(wav), VadOptions())
    found = detect_songs(str(wav), speech=speech)
    into_lines = [max(0.0, found_end - true_end) for (_, found_end), (_, true_end) in zip(found, truth)]
    print(f"songs {found}, truth {truth}, seconds into the lines after them {into_lines}")
    assert len(found) == 2 and all(seconds <= 0.05 for seconds in into_lines)
    assert all(abs(s - t) <= 1.0 for (s, _), (t, _) in zip(found, truth))


@pytest.fixture(scope="module")
def music_track(tmp_path_factory):
    """Each kind of music alone, under a voice at its level, and 12 dB under dialogue; speech, effects, room tone."""
    path, blocks, total = music_kinds.build(tmp_path_factory.mktemp("music_kinds"), seed=3, short=True)
    found = detect_songs(str(path))
    edge = 3.5  # a song's edge may run this far into its neighbour (cues are smoothed over 7 s)
    inner = {block: music_kinds.frame_mask([(block[0] + edge, block[1] - edge)], total) for block in blocks}
    marked = {block: (music_kinds.frame_mask(found, total) & inner[block]).sum() / inner[block].sum()
              for block in blocks}
    return blocks, found, marked


@pytest.mark.parametrize("kind", music_kinds.KINDS)
def test_every_kind_of_music_is_a_song_alone_and_under_a_voice(music_track, kind):
    blocks, found, marked = music_track
    for block in blocks:
        if block[2] == kind and block[4]:
            assert marked[block] >= 0.8, (block, found)


def test_dialogue_over_a_music_bed_stays_dialogue(music_track):
    blocks, found, marked = music_track
    beds = [b for b in blocks if b[3].startswith("bed")]
    assert len(beds) == len(music_kinds.KINDS)
    assert sum(marked[b] for b in beds) / len(beds) <= 0.05 and all(marked[b] <= 0.15 for b in beds), found


def test_speech_effects_and_room_tone_are_not_songs(music_track):
    blocks, found, marked = music_track
    assert all(marked[b] == 0 for b in blocks if b[2] in ("speech", "sfx", "quiet")), found


def test_blocks_give_the_features_of_the_whole_file(tmp_path):
    from cinescribe.audio.songs import _frames

    wav = media.music(tmp_path / "m.wav", 8)
    whole, blocked = _frames(wav), _frames(wav, block_seconds=1.1)
    assert whole.shape == blocked.shape
    np.testing.assert_allclose(whole[:, 1:], blocked[:, 1:], rtol=1e-3, atol=1e-4)


def words(texts, start, step=0.5):
    return [{"word": f" {w}", "start": start + i * step, "end": start + i * step + 0.4, "probability": 0.9}
            for i, w in enumerate(texts.split())]


SPOKEN = words("We should leave before the music starts.", 0.0)
SUNG = words("Tere bina zindagi se koi shikwa to nahi shikwa nahi shikwa nahi", 10.0)


def test_song_cues_get_notes_in_every_format_and_meet_the_line_rules(tmp_path):
    marked = mark_song_words(SPOKEN + SUNG, [[9.5, 20.0]], "mark")
    cues = build_cues(marked)
    song_cues = [c for c in cues if c["song"]]
    assert song_cues and all(c["lines"][0].startswith("♪ ") and c["lines"][-1].endswith(" ♪") for c in song_cues)
    assert not any("♪" in " ".join(c["lines"]) for c in cues if not c["song"])
    paths = {fmt: tmp_path / f"film.{fmt}" for fmt in ("srt", "ass", "json")}
    write_subtitles(cues, paths)
    ass = [e.text for e in pysubs2.load(str(paths["ass"]))]
    assert sum(text.startswith(r"{\i1}♪") for text in ass) == len(song_cues)
    shares = lint_file(paths["srt"])
    assert shares["line length"] == 1.0 and shares["line count"] == 1.0


def test_drop_removes_sung_words_and_keep_leaves_them():
    assert mark_song_words(SPOKEN + SUNG, [[9.5, 20.0]], "drop") == SPOKEN
    assert mark_song_words(SPOKEN + SUNG, [[9.5, 20.0]], "keep") == SPOKEN + SUNG
    assert all("song" not in w for w in mark_song_words(SPOKEN, [[9.5, 20.0]], "mark"))
