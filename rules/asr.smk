# Speech to words (cinescribe.asr): the film cut into chunks, each chunk's prompt, the film's language once,
# then one Whisper job and one output file per chunk (a crash loses at most one chunk).


checkpoint plan_chunks:
    input:
        VAD,
    output:
        plan=CHUNK_PLAN,
    params:
        asr=job_options("asr"),
    priority: PRIORITY["critical"]
    log:
        log_file("plan_chunks"),
    benchmark:
        benchmark_file("plan_chunks")
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/plan_chunks.py"


rule prompts:
    input:
        **GLOSSARY_INPUTS,
        plan=CHUNK_PLAN,
        language=LANGUAGE,
    output:
        CHUNK_PROMPTS,
    params:
        glossary=config["glossary"],
    priority: PRIORITY["critical"]
    log:
        log_file("prompts"),
    benchmark:
        benchmark_file("prompts")
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/prompts.py"


checkpoint detect_language:
    input:
        audio=AUDIO,
        vad=VAD,
    output:
        LANGUAGE,
    params:
        asr=job_options("asr"),
        strict=config["devices"]["strict"],
        cache_dir=config["models"]["cache_dir"],
        min_probability=config["checks"]["min_language_probability"],
    threads: language_threads()
    priority: PRIORITY["critical"]
    resources:
        **watchdog("detect_language"),
    retries: RETRIES
    log:
        log_file("detect_language"),
    benchmark:
        benchmark_file("detect_language")
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/detect_language.py"


rule transcribe_chunk:
    input:
        audio=AUDIO,
        vad=VAD,
        plan=CHUNK_PLAN,
        language=LANGUAGE,
        prompts=CHUNK_PROMPTS,
    output:
        CHUNK_TRANSCRIPT,
    params:
        asr=job_options("asr"),
        loop_ratio=config["hallucinations"]["max_compression_ratio"],
        strict=config["devices"]["strict"],
        cache_dir=config["models"]["cache_dir"],
    threads: config["asr"]["threads"]
    priority: chunk_priority
    resources:
        **watchdog("transcribe_chunk", batch_size=halved_after_oom("asr")),
    retries: RETRIES
    log:
        log_file("transcribe_chunk-{chunk}"),
    benchmark:
        benchmark_file("transcribe_chunk-{chunk}")
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/transcribe_chunk.py"
