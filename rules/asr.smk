checkpoint detect_language:
    input:
        audio="results/{job}/audio.wav",
        vad="results/{job}/vad.json",
    output:
        "results/{job}/language.json",
    params:
        asr=job_options("asr"),
        strict=config["devices"]["strict"],
        cache_dir=config["models"]["cache_dir"],
        min_probability=config["checks"]["min_language_probability"],
    threads: language_threads()
    priority: PRIORITY["critical"]
    resources:
        attempt=attempt_number,
        timeout_s=timeout_s("detect_language"),
        runtime=runtime_minutes("detect_language"),
    retries: RETRIES
    log:
        "results/{job}/logs/detect_language.log",
    benchmark:
        "results/{job}/benchmarks/detect_language.tsv"
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/detect_language.py"


rule transcribe_chunk:
    input:
        audio="results/{job}/audio.wav",
        vad="results/{job}/vad.json",
        plan="results/{job}/chunks/plan.json",
        language="results/{job}/language.json",
        bias="results/{job}/chunks/bias.json",
    output:
        "results/{job}/asr/chunk_{chunk}.json",
    params:
        asr=job_options("asr"),
        strict=config["devices"]["strict"],
        cache_dir=config["models"]["cache_dir"],
    threads: config["asr"]["threads"]
    priority: chunk_priority
    resources:
        attempt=attempt_number,
        timeout_s=timeout_s("transcribe_chunk"),
        runtime=runtime_minutes("transcribe_chunk"),
        batch_size=batch_size("asr"),
    retries: RETRIES
    log:
        "results/{job}/logs/transcribe_chunk-{chunk}.log",
    benchmark:
        "results/{job}/benchmarks/transcribe_chunk-{chunk}.tsv"
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/transcribe_chunk.py"


rule merge:
    input:
        unpack(glossary_inputs),
        plan="results/{job}/chunks/plan.json",
        vad="results/{job}/vad.json",
        language="results/{job}/language.json",
        chunks=chunk_files,
        diarization=diarization_file,
    output:
        "results/{job}/transcript.json",
    params:
        guard=config["guard"],
        glossary=config["glossary"],
    priority: PRIORITY["critical"]
    log:
        "results/{job}/logs/merge.log",
    benchmark:
        "results/{job}/benchmarks/merge.tsv"
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/merge.py"
