"""One Whisper model per run on a GPU: a worker process loads it once and serves every ASR job.

On cuda each chunk job used to load the model again, and with large-v3 the load can cost more than the
chunk's decoding. With a worker, the first ASR job of a run starts it; later jobs (language detection, every
chunk) send their work over a Unix socket and still write their own output file, so one target per chunk and
every resume guarantee stay as they were. The worker ends with the run (onsuccess/onerror call
`stop_workers`), or after `idle_seconds` without work when the run was killed.
"""

import argparse
import contextlib
import fcntl
import hashlib
import logging
import os
import subprocess
import sys
import tempfile
import threading
import time
from multiprocessing import AuthenticationError
from multiprocessing.connection import Client, Listener
from pathlib import Path

from cinescribe.runtime.failures import RetryableFailure, failure_report, raise_reported

log = logging.getLogger(__name__)


def wants_worker(mode, device):
    """auto: a worker only on cuda, where the load is dear; on CPU parallel chunk jobs beat one shared model."""
    return mode == "always" or (mode == "auto" and device == "cuda")


def _run(op, load, kwargs):
    from cinescribe.asr import transcribe

    if op == "transcribe_chunk":
        return transcribe.transcribe_chunk(load, **kwargs)
    if op == "detect_language":
        return transcribe.detect_language(load(), **kwargs)
    raise ValueError(f"unknown ASR operation {op!r}")


def run_whisper(op, kwargs, asr, threads, strict=True, cache_dir=None, worker=None, log_path=None):
    """Run an ASR operation (transcribe_chunk, detect_language) on the model `asr` names, on the device chosen
    for CTranslate2: loaded here, or in the run's worker when `worker` ({use, idle_seconds}) asks for one."""
    from cinescribe.asr.models import load_whisper, resolve_model
    from cinescribe.runtime.devices import asr_device

    device, compute_type = asr_device(asr["device"], asr["compute_type"], strict)
    worker = worker or {"use": "never"}
    if not wants_worker(worker["use"], device):
        return _run(op, lambda: load_whisper(asr["model"], device, compute_type, threads, cache_dir), kwargs)
    path = resolve_model(asr["model"], cache_dir)  # a missing model is the user's sentence here, not the worker's
    spec = {"model": path, "device": device, "compute_type": compute_type, "threads": threads,
            "idle_seconds": worker["idle_seconds"]}
    return _ask(_address(Path.cwd(), spec), spec, op, kwargs, log_path)


# --- where a run's workers listen -------------------------------------------------------------------------

def _workers_folder(workdir):
    """Per user and per Snakemake working directory; short, since a Unix socket path holds ~100 bytes."""
    root = Path(os.environ.get("XDG_RUNTIME_DIR") or tempfile.gettempdir()) / f"cinescribe-{os.getuid()}"
    return root / hashlib.sha1(str(Path(workdir).resolve()).encode()).hexdigest()[:12]


def _address(workdir, spec):
    folder = _workers_folder(workdir)
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    os.chmod(folder.parent, 0o700)
    key = f"{spec['model']}|{spec['device']}|{spec['compute_type']}"
    return folder / f"{hashlib.sha1(key.encode()).hexdigest()[:12]}.sock"


def _authkey(address):
    key_file = address.with_suffix(".key")
    if not key_file.exists():
        with open(os.open(key_file, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb") as out:
            out.write(os.urandom(32))
    return key_file.read_bytes()


# --- client: a chunk job ----------------------------------------------------------------------------------

def _connect(address):
    """A connection to a live worker, or None (no socket, a stale one, or a worker on its way out)."""
    if not address.exists():
        return None
    try:
        return Client(str(address), family="AF_UNIX", authkey=_authkey(address))
    except (OSError, EOFError, AuthenticationError):  # AuthenticationError: a key file from another worker
        address.unlink(missing_ok=True)
        return None


def _start(address, spec, log_path):
    """Start the worker in its own session (a killed job must not take it along) and wait until it listens."""
    command = [sys.executable, "-m", "cinescribe.asr.worker", "--address", str(address),
               "--model", spec["model"], "--device", spec["device"], "--compute-type", spec["compute_type"],
               "--threads", str(spec["threads"]), "--idle-seconds", str(spec["idle_seconds"])]
    log_file = Path(log_path).with_name("asr_worker.log") if log_path else address.with_suffix(".log")
    with open(log_file, "a", encoding="utf-8") as out:
        process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=out, stderr=subprocess.STDOUT,
                                   start_new_session=True)
    log.info("started the ASR worker (pid %d, log %s)", process.pid, log_file)
    while True:
        connection = _connect(address)
        if connection is not None:
            return connection
        if process.poll() is not None:
            lines = Path(log_file).read_text(encoding="utf-8", errors="replace").strip().splitlines()
            raise RuntimeError(f"the ASR worker stopped while loading the model: {lines[-1] if lines else '?'}")
        time.sleep(0.05)


def _ask(address, spec, op, kwargs, log_path):
    with open(address.with_suffix(".lock"), "w") as lock:  # one job starts the worker, the others wait
        fcntl.flock(lock, fcntl.LOCK_EX)
        connection = _connect(address) or _start(address, spec, log_path)
    with connection:
        connection.send((op, kwargs))
        try:
            kind, payload, records, worker = connection.recv()
        except (EOFError, OSError):
            raise RetryableFailure("the ASR worker died during this job (out of memory?)") from None
    for name, level, message in records:
        logging.getLogger(name).log(level, "%s", message)
    log.info("%s by the run's ASR worker (pid %d; model loaded once in %.2f s; operation #%d)",
             op, worker["pid"], worker["load_s"], worker["served"])
    raise_reported(kind, payload if kind == "user" else f"the ASR worker failed: {payload}")
    return payload


def stop_workers(workdir="."):
    """End the workers a run in `workdir` started (called when the run ends, well or not)."""
    folder = _workers_folder(workdir)
    for address in folder.glob("*.sock") if folder.is_dir() else ():
        connection = _connect(address)
        if connection is not None:
            with connection, contextlib.suppress(OSError, EOFError):
                connection.send(("stop", None))
                connection.recv()


# --- server: the worker ------------------------------------------------------------------------------------

class _Capture(logging.Handler):
    """The log lines of one operation, sent back so they land in the job's own log."""

    def __init__(self):
        super().__init__(logging.INFO)
        self.records = []

    def emit(self, record):
        self.records.append((record.name, record.levelno, record.getMessage()))


class Worker:
    def __init__(self, address, model, idle_seconds, load_s):
        self.address, self.model, self.idle_seconds, self.load_s = address, model, idle_seconds, load_s
        self.model_lock = threading.Lock()  # one operation on the model at a time
        self.state = threading.Lock()
        self.open_connections, self.last_active, self.served = 0, time.monotonic(), 0

    def _operate(self, op, kwargs):
        capture = _Capture()
        logging.getLogger("cinescribe").addHandler(capture)
        try:
            return ("ok", _run(op, lambda: self.model, kwargs), capture.records)
        except Exception as err:  # noqa: BLE001 - reported to the job, which decides
            kind, message = failure_report(err)
            if kind != "user":
                log.exception("%s failed", op)
            return kind, message, capture.records
        finally:
            logging.getLogger("cinescribe").removeHandler(capture)

    def _serve(self, connection):
        with connection:
            try:
                op, kwargs = connection.recv()
                with self.model_lock:
                    if op == "stop":
                        self._exit("the run ended")
                    started = time.monotonic()
                    reply = self._operate(op, kwargs)
                    self.served += 1
                    log.info("%s #%d done in %.1f s", op, self.served, time.monotonic() - started)
                    info = {"pid": os.getpid(), "load_s": self.load_s, "served": self.served}
                connection.send((*reply, info))
            except (EOFError, OSError):
                log.warning("a job went away before its answer (killed by its watchdog or by the user)")
            finally:
                with self.state:
                    self.open_connections -= 1
                    self.last_active = time.monotonic()

    def _exit(self, why):
        self.address.unlink(missing_ok=True)
        self.address.with_suffix(".key").unlink(missing_ok=True)
        log.info("stopping (%s) after %d operations", why, self.served)
        logging.shutdown()
        os._exit(0)

    def _watch_idle(self):
        while True:
            time.sleep(min(1.0, self.idle_seconds))
            with self.state:
                if self.open_connections == 0 and time.monotonic() - self.last_active > self.idle_seconds:
                    self._exit(f"idle for {self.idle_seconds:g} s")

    def serve_forever(self):
        listener = Listener(str(self.address), family="AF_UNIX", authkey=_authkey(self.address))
        log.info("listening on %s", self.address)
        threading.Thread(target=self._watch_idle, daemon=True).start()
        while True:
            try:
                connection = listener.accept()
            except (OSError, EOFError, AuthenticationError):  # a client that failed the handshake
                continue
            with self.state:
                self.open_connections += 1
            threading.Thread(target=self._serve, args=(connection,), daemon=True).start()


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    for name in ("--address", "--model", "--device", "--compute-type"):
        parser.add_argument(name, required=True)
    parser.add_argument("--threads", type=int, default=0)
    parser.add_argument("--idle-seconds", type=float, default=120)
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format=f"%(asctime)s asr_worker[{os.getpid()}] %(message)s")
    from cinescribe.asr.models import load_whisper

    started = time.monotonic()
    model = load_whisper(args.model, args.device, args.compute_type, args.threads)
    load_s = time.monotonic() - started
    log.info("model loaded once for the run in %.2f s", load_s)
    Worker(Path(args.address), model, args.idle_seconds, load_s).serve_forever()


if __name__ == "__main__":
    main()
