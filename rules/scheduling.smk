# Who goes first when cores are short. Snakemake runs the ready job of highest priority first; films are
# long, so the order decides how long cores sit idle:
# - CRITICAL: the chain to the first chunk (VAD, language, plan, prompts) and merge: everything waits on them.
# - DIARIZE: one thread beside ASR, longest job first: on a film of DIARIZE_FIRST_FROM_CHUNKS chunks or more it is
#   longer than a chunk and starts with the first chunks; on a shorter film it waits for the first chunk to end
#   (the chunks' work is the longer, and a core left to the last chunk alone is what lengthens a run).
# - CHUNK: chunks, the costliest first (chunk_priority adds up to 1 by cost), so the last to finish are short.
# - Fillers, shots, songs and the review's audio copy (nothing waits long on them): on a short film they go last,
#   into the gaps the last chunks leave; on a film of FILLERS_FIRST_FROM_CHUNKS chunks or more they go before
#   the chunks, their time spread over the rounds instead of added at the end of the run. Without diarization
#   that holds from FILLERS_FIRST_ALONE_FROM_CHUNKS: chunks of equal work then end together and leave no gap,
#   and fillers run last hold the subtitles (song marks) and the page back; with it, diarization beside the
#   chunks leaves a core free at the end where they fit.
# Measured effects are in docs/benchmarks.md.
from cinescribe.asr.chunk_plan import chunk_cost

PRIORITY = {"critical": 50, "diarize": 30, "transcribe_chunk": 20, "diarize_after_chunks": 15, "shots": 11, "songs": 10,
            "review_audio": 0}
FILLERS_FIRST = {"shots": 27, "songs": 26, "review_audio": 25}  # above the chunks (20 + cost share < 21)
FILLERS_FIRST_FROM_CHUNKS = 10  # 50 minutes of film at asr.chunk_seconds 300
FILLERS_FIRST_ALONE_FROM_CHUNKS = 5  # without diarization: 30-minute film-like film 51.7-53.6 s → 50.6-51.0 s
MAX_CHUNK_COST = 9999  # seconds of speech: chunk costs are scaled into [0, 1) of priority
# Diarization (CAM++ over all speech, one thread) takes about a fifth of one chunk's time per chunk of film: 7.6 s
# beside chunks of 16-20 s on the 10-minute film-like film (2 chunks), 22.6 s beside chunks of 14-19 s at 30 minutes
# (6 chunks). From 5 chunks on it is the longest job.
DIARIZE_FIRST_FROM_CHUNKS = 5


def planned_chunks_at_least(job, count):
    """Whether the film's chunk plan exists and has `count` chunks or more (before it, the film counts as short)."""
    plan = of(CHUNK_PLAN, job)
    return os.path.exists(plan) and len(read_json(plan)["chunks"]) >= count


def filler_priority(rule_name):
    """A filler's priority, asked again by Snakemake once the plan exists (before it, the film counts as short)."""

    def priority(wildcards):
        first_from = FILLERS_FIRST_FROM_CHUNKS if is_on("diarization") else FILLERS_FIRST_ALONE_FROM_CHUNKS
        many = planned_chunks_at_least(wildcards.job, first_from)
        return (FILLERS_FIRST if many else PRIORITY)[rule_name]

    return priority


def diarize_priority(wildcards):
    """Diarization's priority: above the chunks where it is the longest job, else below them (asked again by
    Snakemake once the plan exists; diarization waits for the chunks' queue, QUEUED_AFTER_CHUNKS)."""
    long_film = planned_chunks_at_least(wildcards.job, DIARIZE_FIRST_FROM_CHUNKS)
    return PRIORITY["diarize" if long_film else "diarize_after_chunks"]


def chunk_priority(wildcards, input):
    """Costlier chunks start first, so the last ones to finish are short and no core waits long at the end."""
    chunk = read_json(input.plan)["chunks"][int(wildcards.chunk) - 1]
    cost = chunk_cost(chunk, read_json(input.vad)["speech"], config["asr"]["window_seconds"])
    return PRIORITY["transcribe_chunk"] + min(cost, MAX_CHUNK_COST) / (MAX_CHUNK_COST + 1)


# An order, not a need (ancient: its time stamp reruns nothing): the fillers become ready once the chunks are
# queued (the prompts file is the chunks' last input), so they cannot take a core before the first chunks have one.
QUEUED_AFTER_CHUNKS = ancient(CHUNK_PROMPTS)
