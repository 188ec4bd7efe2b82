"""Where models are kept once made: the embedded Whisper base joined, networks exported to ONNX."""

import os
from pathlib import Path


def default_cache_dir():
    """`~/.cache/cinescribe/models` (or under $XDG_CACHE_HOME): used when `models.cache_dir` is empty."""
    root = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(root) / "cinescribe" / "models"


def cache_folder(cache_dir, name):
    """`name`'s folder in the model cache (`models.cache_dir`, or the user's default cache)."""
    return Path(cache_dir or default_cache_dir()) / name
