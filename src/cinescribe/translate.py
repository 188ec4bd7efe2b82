"""Cue translation into other languages through a pluggable backend; bilingual cues for learners and checkers.

Whisper itself only translates into English (`asr.task: translate`). For any other target, the `translate`
stage hands the cue texts to a backend: `transformers` (a local MarianMT or NLLB model directory), or any
class named as `package.module:Class` with a `translate(texts, source, target) -> list[str]` method.
Timing stays the source cue's; the text is re-wrapped to the line rules.
"""

import importlib
import logging

from .errors import CinescribeError
from .cues import SONG, with_song_marks
from .linebreak import wrap

log = logging.getLogger(__name__)


class TransformersBackend:
    """A local MarianMT/NLLB directory through transformers (not a dependency: install it to use this)."""

    def __init__(self, model, device="cpu", batch_size=16, **_):
        try:
            from transformers import AutoModelForSeq2SeqLM, AutoTokenizer
        except ImportError:
            raise CinescribeError(
                "translation.backend transformers needs the transformers package (`pip install transformers "
                "sentencepiece`) and a local MarianMT or NLLB model directory in translation.model") from None
        if not model:
            raise CinescribeError("translation.model is empty; give a local MarianMT or NLLB model directory "
                                  "(or a hub id when online)")
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(model)
            self.model = AutoModelForSeq2SeqLM.from_pretrained(model).to(device)
        except OSError as err:
            first_line = str(err).splitlines()[0]
            raise CinescribeError(f"cannot load the translation model {model!r} ({first_line}); offline it "
                                  "must be a local directory") from None
        self.device, self.batch_size = device, batch_size

    def translate(self, texts, source, target):
        import torch

        out = []
        for i in range(0, len(texts), self.batch_size):
            batch = self.tokenizer(texts[i:i + self.batch_size], return_tensors="pt", padding=True, truncation=True)
            with torch.inference_mode():
                tokens = self.model.generate(**batch.to(self.device), **self._target_kwargs(target))
            out += self.tokenizer.batch_decode(tokens, skip_special_tokens=True)
        return out

    def _target_kwargs(self, target):
        """NLLB needs the target language as the first token; Marian models are one language pair each."""
        codes = getattr(self.tokenizer, "lang_code_to_id", None) or {}
        matches = [code for code in codes if code.startswith(f"{target}_") or code == target]
        return {"forced_bos_token_id": codes[matches[0]]} if matches else {}


BACKENDS = {"transformers": TransformersBackend}


def load_backend(name, **options):
    """A backend by short name or `package.module:Class`; one sentence when it cannot be had."""
    if name in BACKENDS:
        return BACKENDS[name](**options)
    module_name, _, class_name = name.partition(":")
    try:
        backend_class = getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError, ValueError):
        raise CinescribeError(f"no translation backend {name!r}: use transformers or package.module:Class") from None
    return backend_class(**options)


def translate_cues(cues, backend, source, target, max_line_chars=42, max_lines=2):
    """The cues with their text in `target`, same times; a translation too long to wrap keeps one line."""
    texts = [" ".join(line.removeprefix("- ") for line in cue["lines"]).replace(SONG, "").strip() for cue in cues]
    translated = backend.translate(texts, source, target) if texts else []
    if len(translated) != len(texts):
        raise CinescribeError(f"the translation backend returned {len(translated)} texts for {len(texts)} cues")
    out = []
    for cue, text in zip(cues, translated):
        room = max_line_chars - 2 if cue.get("song") else max_line_chars
        lines = wrap(text.strip(), room, max_lines) or [text.strip()]
        if cue.get("song"):
            lines = with_song_marks(lines)
        out.append({**cue, "lines": lines, "source_lines": cue["lines"], "words": cue.get("words", [])})
    return out


def bilingual_cues(cues):
    """One cue per source cue: the translation above, the original below (as learners' subtitles do)."""
    return [{**cue, "lines": cue["lines"] + cue["source_lines"]} for cue in cues]
