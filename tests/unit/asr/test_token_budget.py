"""The repair pass's token budget, run through faster-whisper's own temperature fallback with a stand-in for
CTranslate2's Whisper (a loop that real Whisper writes only on some film stretches)."""

import random
from types import SimpleNamespace

from faster_whisper.transcribe import WhisperModel

from cinescribe.asr.token_budget import budgeted, token_budget

# Distinct words: a run-on that reads as plain text to the compression check, like a loop cut short.
WORDS = [" " + "".join(random.Random(i).choices("abcdefghijklmnopqrstuvwxyz", k=6)) for i in range(300)]


class LoopingWhisper:
    """At temperature 0 a run-on of distinct words to the length limit (CTranslate2 writes half of max_length),
    sampled at 0.2 the one word the stretch holds."""

    def __init__(self):
        self.lengths = []

    def generate(self, features, prompts, max_length=448, sampling_temperature=None, **options):
        words = ["You"] if sampling_temperature else WORDS[:max_length // 2]
        self.lengths.append(len(words))
        return [SimpleNamespace(sequences_ids=[list(range(len(words)))], scores=[-0.1], no_speech_prob=0.01)]


class Tokens:
    def decode(self, ids):
        return "".join(WORDS[: len(ids)]) if len(ids) > 1 else "You"


def decode_with_fallback(model):
    options = SimpleNamespace(
        max_initial_timestamp=1.0, max_new_tokens=None, temperatures=[0.0, 0.2, 0.4], best_of=5, beam_size=5,
        patience=1, length_penalty=1, repetition_penalty=1, no_repeat_ngram_size=0, suppress_blank=True,
        suppress_tokens=[-1], compression_ratio_threshold=2.4, log_prob_threshold=-1.0, no_speech_threshold=None)
    result, _logprob, temperature, _ratio = WhisperModel.generate_with_fallback(
        model, None, [1, 2, 3], Tokens(), options)
    return len(result.sequences_ids[0]), temperature


def whisper_model(ct2):
    return SimpleNamespace(model=ct2, max_length=448, time_precision=0.02, logger=SimpleNamespace(debug=lambda *args: None))


def test_a_loop_on_a_short_stretch_stops_at_the_budget_and_the_fallback_finds_the_word():
    ct2 = LoopingWhisper()
    tokens = token_budget(1.5, min_tokens=16, tokens_per_s=12)
    length, temperature = decode_with_fallback(budgeted(whisper_model(ct2), tokens))
    assert (length, temperature) == (1, 0.2)  # the loop was not taken for the stretch's text
    assert ct2.lengths[0] == tokens < 224  # and it stopped where the budget ran out, not at Whisper's limit


def test_without_a_budget_the_loop_runs_to_whispers_limit():
    ct2 = LoopingWhisper()
    length, _temperature = decode_with_fallback(budgeted(whisper_model(ct2), 0))
    assert ct2.lengths[0] == length == 224


def test_a_decode_within_its_budget_is_left_as_it_came():
    ct2 = LoopingWhisper()
    length, temperature = decode_with_fallback(budgeted(whisper_model(ct2), 300))
    assert (length, temperature) == (224, 0.0)


def test_the_budget_grows_with_the_window():
    assert token_budget(1.0, 16, 12) < token_budget(10.0, 16, 12)
    assert token_budget(28.0, 16, 12) > 224  # a full window decodes as before
    assert token_budget(1.0, 16, 0) == 0  # tokens_per_s 0: no budget
