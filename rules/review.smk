rule review_audio:
    input:
        "results/{job}/audio.wav",
        queued_after=QUEUED_AFTER_CHUNKS,
    output:
        "results/{job}/review.webm",
    params:
        kbps=config["review"]["audio_kbps"],
    priority: filler_priority("review_audio")
    log:
        "results/{job}/logs/review_audio.log",
    benchmark:
        "results/{job}/benchmarks/review_audio.tsv"
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/review_audio.py"


rule review:
    input:
        unpack(review_inputs),
    output:
        report(
            "results/{job}/review.html",
            caption="../report/review.rst",
            category="Review",
            subcategory="{job}",
        ),
    params:
        review=config["review"],
        limits=lint_limits(),
        names=config["diarization"]["names"],
    log:
        "results/{job}/logs/review.log",
    benchmark:
        "results/{job}/benchmarks/review.tsv"
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/review.py"


rule report_tables:
    input:
        unpack(report_table_inputs),
    output:
        lint=report(
            "results/{job}/report/lint.html",
            caption="../report/lint.rst",
            category="Lint",
            subcategory="{job}",
        ),
        runtimes=report(
            "results/{job}/report/runtimes.html",
            caption="../report/runtimes.rst",
            category="Runtime and memory",
            subcategory="{job}",
        ),
    log:
        "results/{job}/logs/report_tables.log",
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/report_tables.py"
