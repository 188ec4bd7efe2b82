# Input functions and output helpers of rules/report.smk (Snakemake's linter keeps functions and rules apart).


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
    """Every subtitle file, and what done's checks read: speech, language, songs, the source cues, and the
    speakers the cast named or left unnamed."""
    job = wildcards.job
    inputs = {"subtitles": subtitle_files(wildcards), "cues": source_subtitles_json(wildcards),
              "vad": of(VAD, job), "language": of(LANGUAGE, job), "shots": of(SHOTS, job)}
    if is_on("songs"):
        inputs["songs"] = of(SONGS, job)
    return {**inputs, **speaker_names(wildcards)}


def review_inputs(wildcards):
    """What the review page shows: subtitle JSONs (the film's language first), transcript, speech, chunk seams,
    and speaker turns, songs and the audio copy when those stages run."""
    job, lang = wildcards.job, subtitle_language(wildcards.job)
    tracks = [source_subtitles_json(wildcards)]
    if has_latin_twin(lang):
        tracks.append(f"{of(SUBTITLES, job, lang=lang)}-Latn.json")
    tracks += [f"{of(TRANSLATION, job, target=target)}.json" for target in config["translation"]["targets"]]
    inputs = {"tracks": tracks, "transcript": of(TRANSCRIPT, job), "vad": of(VAD, job), "plan": of(CHUNK_PLAN, job),
              "shots": of(SHOTS, job)}
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
