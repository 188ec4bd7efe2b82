"""Atomic writes: a crash or a kill never leaves a half-written output that looks complete — nor litter.

Each output is written to a hidden temporary file beside it and renamed into place. The temporary file is
named after its writer (`.{name}~{host}~{pid}~{random}.part`), so a later writer of the same output, or the
job's `done` step, can tell a file left by a writer killed with SIGKILL (no process with that pid on this
host) from one still being written by a live job (a chunk job joining the model cache beside another) and
remove only the former. Files from other hosts (a cluster's shared disk) are left to their own host.
"""

import contextlib
import json
import os
import re
import socket
import tempfile
from pathlib import Path

_PART = re.compile(r"^\.(?P<name>.+)~(?P<host>[^~]+)~(?P<pid>\d+)~[^~]+\.part$")


def _umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


def process_alive(pid):
    """Whether process `pid` runs on this machine (one owned by another user counts)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def _stale(part):
    """Whether `part` is a temporary file whose writer on this host is gone."""
    match = _PART.match(part.name)
    return bool(match and match["host"] == socket.gethostname() and not process_alive(int(match["pid"])))


def _remove_stale(parts):
    removed = []
    for part in parts:
        if _stale(part):
            with contextlib.suppress(FileNotFoundError):
                part.unlink()
            removed.append(part)
    return removed


def remove_stale_parts(folder):
    """Delete the temporary files of dead writers anywhere under `folder`; return them."""
    return _remove_stale(Path(folder).rglob(".*~*.part"))


@contextlib.contextmanager
def atomic_path(path):
    """Yield a temporary path beside `path`; it replaces `path` only if the block succeeds."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    _remove_stale(path.parent.glob(f".{glob_escape(path.name)}~*.part"))  # a killed writer's leftover
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}~{socket.gethostname()}~{os.getpid()}~", suffix=".part",
                               dir=path.parent)
    os.close(fd)
    os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; results should read like any other file
    try:
        yield Path(tmp)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def glob_escape(name):
    """A file name as a glob pattern that matches only itself ([, ] and * are literal)."""
    return re.sub(r"([\[\]*?])", r"[\1]", name)


def write_text(path, text):
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def write_json(path, obj):
    write_text(path, json.dumps(obj, ensure_ascii=False, indent=1) + "\n")


def read_json(path):
    with open(path, encoding="utf-8") as fh:
        return json.load(fh)
