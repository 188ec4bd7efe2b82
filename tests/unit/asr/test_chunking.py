from cinescribe.asr.chunk_plan import WINDOW_COST_S, ChunkPlanOptions, best_cut, group_windows, plan_chunks
from cinescribe.spans import clipped


def test_chunks_get_equal_work_so_side_by_side_jobs_finish_together():
    # dense dialogue for 500 s, then a long quiet stretch with a few lines: cut by film time, the first two
    # chunks would hold nearly all the speech and the last would finish long before them
    speech = [[i * 5.0, i * 5.0 + 4.5] for i in range(100)] + [[520.0 + i * 40, 523.0 + i * 40] for i in range(10)]
    chunks = plan_chunks(speech, 900.0, ChunkPlanOptions(chunk_seconds=300, cut_search_seconds=30))
    windows = [group_windows(clipped(speech, c["start"], c["end"])) for c in chunks]
    work = [sum(e - s + WINDOW_COST_S for s, e in w) for w in windows]
    assert len(chunks) == 3 and max(work) - min(work) <= 30 + WINDOW_COST_S  # at most one window apart
    assert sum(map(len, windows)) == len(group_windows(speech))  # cut between windows: none split or added
    for c in chunks[:-1]:  # every cut lies in a pause, so no overlap is needed
        assert not any(s < c["end"] < e for s, e in speech) and c["audio_end"] == c["end"]


def test_cut_inside_speech_only_when_no_silence_and_then_overlaps():
    speech = [[0, 900.0]]
    chunks = plan_chunks(speech, 900.0, ChunkPlanOptions(chunk_seconds=300, cut_search_seconds=30, seam_overlap_seconds=2))
    assert [c["start"] for c in chunks] == [0.0, 300.0, 600.0]
    assert chunks[0]["audio_end"] == 302.0 and chunks[1]["audio_start"] == 298.0
    assert chunks[-1]["end"] == 900.0


def test_a_film_without_speech_is_cut_evenly_and_no_chunk_outgrows_twice_the_length():
    assert [c["start"] for c in plan_chunks([], 900.0, ChunkPlanOptions(chunk_seconds=300))] == [0.0, 300.0, 600.0]
    # all the speech at the very end: equal speech shares would make the first chunk most of the film
    speech = [[1700.0 + i * 5, 1704.0 + i * 5] for i in range(20)]
    chunks = plan_chunks(speech, 1800.0, ChunkPlanOptions(chunk_seconds=300))
    assert all(150 <= c["end"] - c["start"] <= 600 for c in chunks)


def test_chunks_tile_the_film_without_gaps():
    speech = [[i * 7.0, i * 7.0 + 5.5] for i in range(400)]
    chunks = plan_chunks(speech, 2800.0, ChunkPlanOptions(chunk_seconds=300, cut_search_seconds=30))
    assert chunks[0]["start"] == 0 and chunks[-1]["end"] == 2800.0
    assert all(a["end"] == b["start"] for a, b in zip(chunks, chunks[1:]))
    assert all(240 <= c["end"] - c["start"] <= 360 for c in chunks[:-1])
    for c in chunks[:-1]:  # every cut lies in a pause
        assert not any(s < c["end"] < e for s, e in speech)


def test_chunking_modes():
    speech = [[0, 400.0]]
    assert len(plan_chunks(speech, 400.0, ChunkPlanOptions(300, chunking="auto"))) == 1  # < 1.5 chunks: one model load
    assert len(plan_chunks(speech, 400.0, ChunkPlanOptions(300, chunking="always"))) == 2
    assert len(plan_chunks([[0, 5000.0]], 5000.0, ChunkPlanOptions(300, chunking="never"))) == 1


def test_best_cut_reports_speech():
    assert best_cut([[0, 100]], 100, 40, 60) == (50, True)
    assert best_cut([[0, 45], [55, 100]], 100, 40, 60) == (50, False)
    # the silence nearest the target wins over a longer one further away
    assert best_cut([[0, 45], [46, 70], [80, 100]], 100, 30, 90, target=44) == (45.5, False)


def test_windows_end_at_pauses_and_fit_whisper():
    speech = [[0, 8], [9, 20], [21, 29], [30, 41], [50, 95]]
    windows = group_windows(speech, 30)
    assert windows[0] == [0, 29]  # closes at the pause before 30 s, not in the middle of a word
    assert all(e - s <= 30 for s, e in windows)
    starts_and_ends = {x for seg in speech for x in seg}
    assert all(s in starts_and_ends or (s - 50) % 30 == 0 for s, _ in windows)


def test_speech_in_clips_to_the_chunk():
    assert clipped([[0, 10], [20, 30], [40, 50]], 5, 45) == [[5, 10], [20, 30], [40, 45]]
