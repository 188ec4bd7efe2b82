"""The time map from old subtitle times to this film's: an offset, a frame-rate change, a scene cut."""

import numpy as np
import pytest

from cinescribe.alignment.time_map import fit_map, refine_offsets

FPS = {"23.976": 24000 / 1001, "24": 24.0, "25": 25.0, "29.97": 30000 / 1001}


def _pairs(truth, seed=0, noise=0.2, wrong=0.1, minutes=10):
    """Word pairs (old time, film time) by `truth` (None: the word is not in the film), with Whisper-like
    noise and a share of wrong pairs (a common word matched elsewhere)."""
    rng = np.random.default_rng(seed)
    old = np.sort(rng.uniform(0, minutes * 60, 150 * minutes))
    pairs = []
    for t in old:
        film = truth(t)
        if film is None:
            continue
        pairs.append((t, rng.uniform(0, minutes * 60) if rng.random() < wrong else film + rng.normal(0, noise)))
    return pairs


def test_a_constant_offset_is_one_piece():
    fitted = fit_map(_pairs(lambda t: t + 2.5))
    assert fitted.slope == 1.0 and len(fitted.pieces) == 1
    assert fitted.pieces[0].offset == pytest.approx(2.5, abs=0.05)


@pytest.mark.parametrize("old_fps, film_fps", [("25", "23.976"), ("23.976", "25"), ("24", "25"), ("29.97", "24")])
def test_a_frame_rate_change_is_found_as_its_ratio(old_fps, film_fps):
    """Subtitles timed for a release at old_fps, played against the film at film_fps: t × old/film."""
    ratio = FPS[old_fps] / FPS[film_fps]
    fitted = fit_map(_pairs(lambda t: t * ratio + 1.0))
    assert fitted.slope == pytest.approx(ratio, rel=1e-6)
    assert len(fitted.pieces) == 1 and fitted.pieces[0].offset == pytest.approx(1.0, abs=0.1)
    assert fitted(300.0) == pytest.approx(300 * ratio + 1.0, abs=0.1)


def test_a_scene_cut_from_the_film_is_a_jump_of_its_length():
    fitted = fit_map(_pairs(lambda t: t if t < 300 else None if t < 320 else t - 20))
    assert fitted.slope == 1.0 and len(fitted.pieces) == 2
    before, after = fitted.pieces
    assert before.offset == pytest.approx(0, abs=0.05) and after.offset == pytest.approx(-20, abs=0.05)
    assert before.old_end < 300 < 320 < after.old_start + 1.0
    assert fitted(100.0) == pytest.approx(100, abs=0.1) and fitted(500.0) == pytest.approx(480, abs=0.1)


def test_a_scene_inserted_and_a_speed_change_together():
    ratio = 25 / (24000 / 1001)
    fitted = fit_map(_pairs(lambda t: t * ratio + (0 if t < 200 else 45)))
    assert fitted.slope == pytest.approx(ratio) and [round(p.offset) for p in fitted.pieces] == [0, 45]


def test_a_few_wrong_pairs_make_no_piece():
    pairs = _pairs(lambda t: t + 2.5, wrong=0.0) + [(100.0 + k, 400.0 + k) for k in range(3)]
    assert len(fit_map(pairs).pieces) == 1


def test_onsets_set_the_offset_on_the_voice():
    """Whisper's word starts run early by 0.1 s; the VAD onsets near the mapped in-times put that right."""
    fitted = fit_map(_pairs(lambda t: t + 2.4, noise=0.05, wrong=0.0))
    starts = list(np.arange(10.0, 590.0, 7.0))
    refined = refine_offsets(fitted, starts, [s + 2.5 for s in starts], window_s=0.3)
    assert refined.pieces[0].offset == pytest.approx(2.5, abs=0.01)
