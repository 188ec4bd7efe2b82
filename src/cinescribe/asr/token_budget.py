"""A repair decode writes no more tokens than its window's speech could hold.

Whisper stuck in a loop on a stretch it cannot read ("I'm sorry, I'm sorry, …") writes on to its 224-token
limit, and the temperature fallback then samples five loops of that length at each of five temperatures: on the
held-out film one 1.2 s stretch took 17 s of CPU for one word, half the repair pass of its 30 minutes. Under a
budget a loop ends early; and since a loop cut short may read as plain text to the compression check, a
hypothesis that used up its budget is scored as failed, so the fallback goes on exactly as it did before.
"""

import copy
from dataclasses import dataclass

# CTranslate2's Whisper writes at most half of `max_length` new tokens (448 gives 224).
MAX_LENGTH_PER_TOKEN = 2
WHISPER_MAX_LENGTH = 448
FAILED_SCORE = -1e4  # far under faster-whisper's log_prob_threshold: the fallback goes on, and ranks it last


@dataclass(frozen=True)
class BudgetedResult:
    """What faster-whisper reads of a CTranslate2 WhisperGenerationResult, with the score of a hypothesis that ran
    out of tokens replaced."""

    sequences_ids: list
    scores: list
    no_speech_prob: float


class BudgetedWhisper:
    """CTranslate2's Whisper, generating at most `tokens` new tokens per hypothesis."""

    def __init__(self, whisper, tokens):
        self._whisper, self.tokens = whisper, tokens

    def __getattr__(self, name):
        return getattr(self._whisper, name)

    def generate(self, features, prompts, **options):
        wanted = options.get("max_length", WHISPER_MAX_LENGTH)
        options["max_length"] = min(wanted, MAX_LENGTH_PER_TOKEN * self.tokens)
        return [self._scored(result) for result in self._whisper.generate(features, prompts, **options)]

    def _scored(self, result):
        if not any(len(ids) >= self.tokens for ids in result.sequences_ids):
            return result
        scores = [FAILED_SCORE if len(ids) >= self.tokens else score
                  for ids, score in zip(result.sequences_ids, result.scores)]
        return BudgetedResult(result.sequences_ids, scores, result.no_speech_prob)


def token_budget(seconds, min_tokens, tokens_per_s):
    """Tokens a window of `seconds` may be given (0, no budget, when `tokens_per_s` is 0): people say 2-3 words
    (3-5 tokens) a second, so the budget is generous for speech and short for a loop."""
    return int(min_tokens + tokens_per_s * seconds) if tokens_per_s else 0


def budgeted(model, tokens):
    """A faster-whisper WhisperModel sharing `model`'s weights whose decodes stop at `tokens` (0: unbudgeted)."""
    if not tokens:
        return model
    limited = copy.copy(model)
    limited.model = BudgetedWhisper(model.model, tokens)
    return limited
