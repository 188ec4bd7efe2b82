"""Optional diarization with a pyannote.audio pipeline (a hub id with a token, or a local path).

pyannote.audio is not a dependency (its Linux torchaudio wheels are CUDA-linked and its pipelines come
from a hub), so everything here fails with one sentence when it is missing or the pipeline is gated.
"""

import os

from cinescribe.diarization.speaker_names import name_speakers
from cinescribe.runtime.errors import CinescribeError


def load_pipeline(name, device="cpu"):
    """The pipeline `name` on `device`, or one sentence saying what to install or set."""
    try:
        from pyannote.audio import Pipeline
    except ImportError:
        raise CinescribeError(
            "diarization.backend is pyannote but pyannote.audio is not installed; "
            "`pip install pyannote.audio` or set diarization.backend: campplus (offline)") from None
    token = os.environ.get("HF_TOKEN") or os.environ.get("HUGGINGFACE_TOKEN")
    try:
        try:
            pipeline = Pipeline.from_pretrained(name, token=token)
        except TypeError:  # pyannote.audio 3.x calls it use_auth_token
            pipeline = Pipeline.from_pretrained(name, use_auth_token=token)
    except Exception as err:  # noqa: BLE001 - hub, auth and file errors all end the same way for the user
        first_line = str(err).splitlines()[0] if str(err) else type(err).__name__
        raise CinescribeError(
            f"could not load the pyannote pipeline {name!r} ({first_line}); offline it must be a local path, "
            "online a hub id your HF_TOKEN may read") from None
    if pipeline is None:
        raise CinescribeError(f"the pyannote pipeline {name!r} is gated; accept its terms on the hub and set HF_TOKEN")
    import torch

    return pipeline.to(torch.device(device))


def annotation_of(output):
    """pyannote 3 returns an Annotation; pyannote 4 a result holding one."""
    return getattr(output, "speaker_diarization", output)


def turns_from_annotation(annotation):
    """pyannote.core Annotation → our turns, speakers renamed SPEAKER_00… by first appearance."""
    tracks = sorted(annotation.itertracks(yield_label=True), key=lambda t: (t[0].start, t[0].end))
    return name_speakers((segment.start, segment.end, label) for segment, _, label in tracks)


def diarize_with_pyannote(wav_path, pipeline, num_speakers=None, min_speakers=None, max_speakers=None):
    """Speaker turns of a whole file from a loaded pipeline."""
    bounds = {"num_speakers": num_speakers} if num_speakers else {"min_speakers": min_speakers,
                                                                  "max_speakers": max_speakers}
    return turns_from_annotation(annotation_of(pipeline(str(wav_path), **bounds)))
