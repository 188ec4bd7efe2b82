"""The one exception a user can cause: its message is the single sentence they see."""


class CinescribeError(Exception):
    """Bad input, bad config or a missing model: printed as one sentence, never a traceback."""
