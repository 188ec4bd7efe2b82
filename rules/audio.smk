rule extract_audio:
    input:
        job_input,
    output:
        "results/{job}/audio.wav",
    params:
        audio=job_options("audio"),
    resources:
        attempt=attempt_number,
        timeout_s=timeout_s("extract_audio"),
        runtime=runtime_minutes("extract_audio"),
    retries: RETRIES
    log:
        "results/{job}/logs/extract_audio.log",
    benchmark:
        "results/{job}/benchmarks/extract_audio.tsv"
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/extract_audio.py"
