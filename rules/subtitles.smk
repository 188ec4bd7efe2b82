# Words to subtitle files (cinescribe.subtitles): one set in the film's language, and a Latin-letter twin for
# Devanagari languages when subtitles.script is latin.


rule subtitles:
    input:
        unpack(speaker_names),
        transcript=TRANSCRIPT,
        vad=VAD,
        shots=SHOTS,
        songs=SONGS if is_on("songs") else [],  # keep: song detection never runs
        align=align_file(),  # align.text or align.subtitles: its words replace the transcript's
    output:
        **subtitle_outputs(SUBTITLES),
    params:
        style=cue_style(),
        align=config["align"],
        timing=config["subtitles"]["timing"],
        vad_pad_s=config["vad"]["pad_ms"] / 1000,
        names=config["diarization"]["names"],
        songs=config["songs"],
    log:
        log_file("subtitles-{lang}"),
    benchmark:
        benchmark_file("subtitles-{lang}")
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/subtitles.py"


rule romanize:
    input:
        unpack(speaker_names),
        **GLOSSARY_INPUTS,
        transcript=TRANSCRIPT,
        vad=VAD,
        shots=SHOTS,
        songs=SONGS if is_on("songs") else [],
    output:
        **subtitle_outputs(f"{SUBTITLES}-Latn"),
    params:
        style=cue_style(),
        timing=config["subtitles"]["timing"],
        vad_pad_s=config["vad"]["pad_ms"] / 1000,
        names=config["diarization"]["names"],
        songs=config["songs"],
        glossary=config["glossary"],
    log:
        log_file("romanize-{lang}"),
    benchmark:
        benchmark_file("romanize-{lang}")
    conda:
        "../envs/cinescribe.yaml"
    script:
        "../scripts/romanize.py"
