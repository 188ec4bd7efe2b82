from cinescribe.text.words import words_of
from cinescribe.transcript.seams import merge_chunks


def _seg(*words):
    return {"start": words[0][1], "end": words[-1][2], "text": "", "words": [
        {"word": f" {w}", "start": s, "end": e, "probability": 0.9} for w, s, e in words]}


def test_overlapping_chunks_keep_each_word_once():
    a = {"start": 0, "end": 10}
    b = {"start": 10, "end": 20}
    first = [_seg(("one", 7.0, 7.5), ("two", 8.0, 8.6), ("three", 9.7, 10.4), ("four", 10.8, 11.3))]
    second = [_seg(("three", 9.75, 10.35), ("four", 10.8, 11.2), ("five", 12.0, 12.5))]
    words = [w["word"].strip() for w in words_of(merge_chunks([(a, first), (b, second)]))]
    assert words == ["one", "two", "three", "four", "five"]


def test_a_word_timed_differently_by_two_chunks_is_not_doubled():
    a, b = {"start": 0, "end": 10}, {"start": 10, "end": 20}
    first = [_seg(("hello", 9.5, 9.95))]            # middle 9.725: chunk a owns it
    second = [_seg(("hello", 9.9, 10.3), ("there", 10.5, 11))]  # middle 10.1: chunk b thinks it owns it
    words = [w["word"].strip() for w in words_of(merge_chunks([(a, first), (b, second)]))]
    assert words == ["hello", "there"]


def test_repeated_words_that_are_really_spoken_twice_stay():
    a, b = {"start": 0, "end": 10}, {"start": 10, "end": 20}
    first = [_seg(("no", 9.0, 9.3))]
    second = [_seg(("no", 11.0, 11.3))]
    assert len(words_of(merge_chunks([(a, first), (b, second)]))) == 2


def test_segment_text_is_rebuilt_from_kept_words():
    a, b = {"start": 0, "end": 10}, {"start": 10, "end": 20}
    merged = merge_chunks([(a, [_seg(("x", 1, 2), ("y", 10.5, 11))]), (b, [_seg(("y", 10.5, 11))])])
    assert [s["text"] for s in merged] == ["x", "y"]
