"""Snakemake adapter: one chunk of audio.wav → asr/chunk_NNNN.json (absolute times, words)."""
from cinescribe import SCHEMA_VERSION
from cinescribe.asr import transcribe_chunk
from cinescribe.atomic import read_json, write_json
from cinescribe.models import whisper_for
from cinescribe.glossary import with_bias
from cinescribe.runner import run


def main(sm):
    asr = dict(sm.params.asr, language=read_json(sm.input.language)["source"])
    chunks = read_json(sm.input.plan)["chunks"]
    chunk = chunks[int(sm.wildcards.chunk) - 1]
    bias = read_json(sm.input.bias)["chunks"][str(chunk["index"])]
    asr = with_bias(asr, bias)
    segments = transcribe_chunk(
        lambda: whisper_for(asr, sm.threads, sm.params.strict, sm.params.cache_dir),
        sm.input.audio, chunk, read_json(sm.input.vad)["speech"], asr,
        batch_size=sm.resources.batch_size, label=f"chunk {chunk['index']}/{len(chunks)}",
    )
    write_json(sm.output[0], {"schema": SCHEMA_VERSION, "chunk": chunk, "language": asr["language"],
                              "segments": segments})


run(snakemake, main)  # noqa: F821 - injected by Snakemake
