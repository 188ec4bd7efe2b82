# Who speaks when (cinescribe.diarization), beside ASR from the start, and who is who when a cast is given.


rule enroll_cast:
    input:
        **CAST_INPUTS,
        film=lambda wildcards: JOBS[wildcards.job]["input"],
    output:
        CAST,
    params:
        diarization=config["diarization"],
        vad=config["vad"],
        audio=job_options("audio"),
        cache_dir=config["models"]["cache_dir"],
    priority: PRIORITY["critical"]
    log:
        log_file("enroll_cast"),
    benchmark:
        benchmark_file("enroll_cast")
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/enroll_cast.py"


rule diarize:
    input:
        unpack(cast_voice_prints),
        audio=AUDIO,
        vad=VAD,
        queued_after=QUEUED_AFTER_CHUNKS,
    output:
        DIARIZATION,
    params:
        diarization=config["diarization"],
        strict=config["devices"]["strict"],
        cache_dir=config["models"]["cache_dir"],
    threads: 1  # beside one ASR chunk, never after the last one (it is a small share of ASR's work)
    priority: diarize_priority
    resources:
        **watchdog("diarize", piece_s=halved_after_oom("diarization", "piece_s")),
    retries: RETRIES
    log:
        log_file("diarize"),
    benchmark:
        benchmark_file("diarize")
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/diarize.py"
