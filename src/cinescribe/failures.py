"""Which failures a retry can fix: out-of-memory (with a smaller batch) and a hung stage. Nothing else."""

OOM_MARKERS = ("out of memory", "outofmemory", "cannot allocate memory", "bad_alloc", "failed to allocate")


class RetryableFailure(Exception):
    """A failure worth another attempt."""


class StageTimeout(RetryableFailure):
    """The watchdog ended a stage that ran past its time budget."""


def is_out_of_memory(error):
    """torch (CUDA/MPS), CTranslate2 and Python all say 'out of memory' in their own words."""
    if isinstance(error, MemoryError):
        return True
    text = f"{type(error).__name__} {error}".lower().replace(" ", "")
    return any(marker.replace(" ", "") in text for marker in OOM_MARKERS)


def batch_for_attempt(batch_size, attempt):
    """Halve the batch on each retry: after out-of-memory, the only change that can help."""
    return max(1, batch_size // 2 ** (attempt - 1))
