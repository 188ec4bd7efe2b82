# What a finished film tells its user (cinescribe.report): done.json with its checks, the review page and its
# soundtrack, and the tables of `snakemake --report`.


rule done:
    input:
        unpack(done_inputs),
    output:
        done=DONE,
        qc=QC,
    params:
        limits=lint_limits(),
        timing=config["subtitles"]["timing"],
        checks=config["checks"],
        model=job_options("asr"),
    log:
        log_file("done"),
    benchmark:
        benchmark_file("done")
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/done.py"


rule review_audio:
    input:
        AUDIO,
        queued_after=QUEUED_AFTER_CHUNKS,
    output:
        REVIEW_AUDIO,
    params:
        kbps=config["review"]["audio_kbps"],
    priority: filler_priority("review_audio")
    log:
        log_file("review_audio"),
    benchmark:
        benchmark_file("review_audio")
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/review_audio.py"


rule review:
    input:
        unpack(review_inputs),
    output:
        report(REVIEW, caption="../report/review.rst", category="Review", subcategory="{job}"),
    params:
        review=config["review"],
        checks=config["checks"],
        limits=lint_limits(),
        timing=config["subtitles"]["timing"],
        names=config["diarization"]["names"],
        source=lambda wildcards: JOBS[wildcards.job]["input"],  # the film, for the rows of "Export cast"
    log:
        log_file("review"),
    benchmark:
        benchmark_file("review")
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/review.py"


rule report_tables:
    input:
        unpack(report_table_inputs),
    output:
        lint=report(of(REPORT_TABLE, "{job}", table="lint"), caption="../report/lint.rst", category="Lint",
                    subcategory="{job}"),
        runtimes=report(of(REPORT_TABLE, "{job}", table="runtimes"), caption="../report/runtimes.rst",
                        category="Runtime and memory", subcategory="{job}"),
    log:
        log_file("report_tables"),
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/report_tables.py"
