# The soundtrack: the film's audio track as WAV, where speech is, and where songs are (cinescribe.audio).


rule extract_audio:
    input:
        lambda wildcards: JOBS[wildcards.job]["input"],
        unpack(cast_first),
    output:
        AUDIO,
    params:
        audio=job_options("audio"),
    resources:
        **watchdog("extract_audio"),
    retries: RETRIES
    log:
        log_file("extract_audio"),
    benchmark:
        benchmark_file("extract_audio")
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/extract_audio.py"


rule vad:
    input:
        AUDIO,
    output:
        VAD,
    params:
        vad=config["vad"],
        strict=config["devices"]["strict"],
    threads: 2
    priority: PRIORITY["critical"]
    resources:
        **watchdog("vad"),
    retries: RETRIES
    log:
        log_file("vad"),
    benchmark:
        benchmark_file("vad")
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/vad.py"


rule songs:
    input:
        audio=AUDIO,
        vad=VAD,
        queued_after=QUEUED_AFTER_CHUNKS,
    output:
        SONGS,
    params:
        songs=config["songs"],
    priority: filler_priority("songs")
    log:
        log_file("songs"),
    benchmark:
        benchmark_file("songs")
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/songs.py"
