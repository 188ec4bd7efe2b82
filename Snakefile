# cinescribe: a long film in, subtitles out. Stages live in rules/; this file only wires them.
from snakemake.utils import min_version

min_version("9.0")


configfile: f"{workflow.basedir}/config/config.yaml"


report: "report/workflow.rst"


include: "rules/common.smk"
include: "rules/audio.smk"
include: "rules/vad.smk"
include: "rules/chunks.smk"
include: "rules/asr.smk"
include: "rules/diarize.smk"
include: "rules/songs.smk"
include: "rules/subtitles.smk"
include: "rules/translate.smk"
include: "rules/review.smk"


localrules:
    all,
    bias,
    done,
    review,
    report_tables,


rule all:
    input:
        [target for job in JOBS for target in job_targets(job)],
        planned_chunks,
    default_target: True
