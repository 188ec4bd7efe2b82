"""Snakemake adapter: one chunk of audio.wav → asr/chunk_NNNN.json (absolute times, words)."""
from cinescribe import SCHEMA_VERSION
from cinescribe.asr import transcribe_chunk
from cinescribe.atomic import read_json, write_json
from cinescribe.devices import asr_device
from cinescribe.models import load_whisper
from cinescribe.runner import run


def main(sm):
    asr = dict(sm.params.asr, language=read_json(sm.input.language)["source"])
    chunks = read_json(sm.input.plan)["chunks"]
    chunk = chunks[int(sm.wildcards.chunk) - 1]
    device, compute_type = asr_device(asr["device"], asr["compute_type"], sm.params.strict)
    segments = transcribe_chunk(
        lambda: load_whisper(asr["model"], device, compute_type, sm.threads, sm.params.cache_dir),
        sm.input.audio, chunk, read_json(sm.input.vad)["speech"], asr,
        batch_size=sm.resources.batch_size, label=f"chunk {chunk['index']}/{len(chunks)}",
    )
    write_json(sm.output[0], {"schema": SCHEMA_VERSION, "chunk": chunk, "language": asr["language"],
                              "segments": segments})


run(snakemake, main)  # noqa: F821 - injected by Snakemake
