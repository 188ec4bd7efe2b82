"""Snakemake adapter: one chunk of audio.wav → asr/chunk_NNNN.json (absolute times, words)."""
from cinescribe import SCHEMA_VERSION
from cinescribe.asr.prompts import with_prompt
from cinescribe.asr.worker import run_whisper
from cinescribe.runtime.atomic import read_json, write_json
from cinescribe.runtime.rule_script import run_rule
from cinescribe.shapes import ChunkTranscript


def main(sm):
    asr = dict(sm.params.asr, language=read_json(sm.input.language)["source"],
               repair=dict(sm.params.asr["repair"], max_compression_ratio=sm.params.loop_ratio))
    chunks = read_json(sm.input.plan)["chunks"]
    chunk = chunks[int(sm.wildcards.chunk) - 1]
    asr = with_prompt(asr, read_json(sm.input.prompts)["chunks"][str(chunk["index"])])
    work = dict(wav_path=sm.input.audio, chunk=chunk, speech=read_json(sm.input.vad)["speech"], options=asr,
                batch_size=sm.resources.batch_size, label=f"chunk {chunk['index']}/{len(chunks)}")
    segments, repaired = run_whisper("transcribe_chunk", work, asr, sm.threads, sm.params.strict, sm.params.cache_dir,
                           worker=sm.config["asr_worker"], log_path=sm.log[0])
    write_json(sm.output[0], ChunkTranscript(schema=SCHEMA_VERSION, chunk=chunk, language=asr["language"],
                                             segments=segments, repaired=repaired))


run_rule(snakemake, main)  # noqa: F821 - injected by Snakemake
