# What a finished film tells its user (cinescribe.report): done.json with its checks, the review page and its
# soundtrack, and the tables of `snakemake --report`.


def subtitle_files(wildcards):
    """The film's subtitles in its own language (and in Latin letters), then one set per translation target."""
    job, lang = wildcards.job, subtitle_language(wildcards.job)
    stems = [of(SUBTITLES, job, lang=lang)] + ([of(f"{SUBTITLES}-Latn", job, lang=lang)] if has_latin_twin(lang) else [])
    files = [f"{stem}.{fmt}" for stem in stems for fmt in SUBTITLE_FORMATS]
    for target in config["translation"]["targets"]:
        files += [f"{of(TRANSLATION, job, target=target)}.{fmt}" for fmt in SUBTITLE_FORMATS]
        if config["translation"]["bilingual"]:
            files.append(f"{of(TRANSLATION, job, target=target)}.bilingual.srt")
    return files


def done_inputs(wildcards):
    """Every subtitle file, and what done's checks read: speech, language, songs, the source cues."""
    job = wildcards.job
    inputs = {"subtitles": subtitle_files(wildcards), "cues": source_subtitles_json(wildcards),
              "vad": of(VAD, job), "language": of(LANGUAGE, job)}
    if is_on("songs"):
        inputs["songs"] = of(SONGS, job)
    return inputs


def review_inputs(wildcards):
    """What the review page shows: subtitle JSONs (the film's language first), transcript, speech, chunk seams,
    and speaker turns, songs and the audio copy when those stages run."""
    job, lang = wildcards.job, subtitle_language(wildcards.job)
    tracks = [source_subtitles_json(wildcards)]
    if has_latin_twin(lang):
        tracks.append(f"{of(SUBTITLES, job, lang=lang)}-Latn.json")
    tracks += [f"{of(TRANSLATION, job, target=target)}.json" for target in config["translation"]["targets"]]
    inputs = {"tracks": tracks, "transcript": of(TRANSCRIPT, job), "vad": of(VAD, job), "plan": of(CHUNK_PLAN, job)}
    optional = {"diarization": (DIARIZATION, "diarization"), "songs": (SONGS, "songs"),
                "audio": (REVIEW_AUDIO, "review_audio")}
    inputs.update({key: of(pattern, job) for key, (pattern, stage) in optional.items() if is_on(stage)})
    return inputs


def report_table_inputs(wildcards):
    """The tables wait for the whole film (and its review page), so every benchmark file is there."""
    inputs = {"done": of(DONE, wildcards.job)}
    if is_on("review"):
        inputs["review"] = of(REVIEW, wildcards.job)
    return inputs


rule done:
    input:
        unpack(done_inputs),
    output:
        DONE,
    params:
        limits=lint_limits(),
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
        limits=lint_limits(),
        names=config["diarization"]["names"],
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
