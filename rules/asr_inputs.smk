# Input functions and output helpers of rules/asr.smk (Snakemake's linter keeps functions and rules apart).


def language_threads():
    """Language detection holds up every chunk (and diarization, which waits for the chunks' queue), so it takes
    two cores: twice as fast as one, and a 2-core machine or cluster node has that."""
    return max(config["asr"]["threads"], 2)


def subtitle_language(job):
    """The language the film's subtitles are written in (known once the language checkpoint has run)."""
    return read_json(checkpoints.detect_language.get(job=job).output[0])["subtitle_language"]


def chunk_files(wildcards, job=None):
    """Every chunk's transcript of a film, as its plan (a checkpoint) lists them."""
    job = job or wildcards.job
    plan = read_json(checkpoints.plan_chunks.get(job=job).output.plan)
    return [of(CHUNK_TRANSCRIPT, job, chunk=f"{chunk['index']:04d}") for chunk in plan["chunks"]]
