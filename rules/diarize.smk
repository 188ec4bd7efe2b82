rule diarize:
    input:
        audio="results/{job}/audio.wav",
        vad="results/{job}/vad.json",
    output:
        "results/{job}/diarization.json",
    params:
        diarization=config["diarization"],
        strict=config["devices"]["strict"],
        cache_dir=config["models"]["cache_dir"],
    threads: 1  # beside one ASR chunk from the start, not after the last one (it is ~10 % of ASR's work)
    priority: PRIORITY["diarize"]
    resources:
        attempt=attempt_number,
        timeout_s=timeout_s("diarize"),
        runtime=runtime_minutes("diarize"),
        piece_s=batch_size("diarization", "piece_s"),
    retries: RETRIES
    log:
        "results/{job}/logs/diarize.log",
    benchmark:
        "results/{job}/benchmarks/diarize.tsv"
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/diarize.py"
