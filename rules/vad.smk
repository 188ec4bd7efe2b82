rule vad:
    input:
        "results/{job}/audio.wav",
    output:
        "results/{job}/vad.json",
    params:
        vad=config["vad"],
        strict=config["devices"]["strict"],
    threads: 2
    priority: PRIORITY["critical"]
    resources:
        attempt=attempt_number,
        timeout_s=timeout_s("vad"),
        runtime=runtime_minutes("vad"),
    retries: RETRIES
    log:
        "results/{job}/logs/vad.log",
    benchmark:
        "results/{job}/benchmarks/vad.tsv"
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/vad.py"
