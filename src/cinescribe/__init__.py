"""cinescribe: long films in, subtitles out (library behind the Snakemake workflow)."""

__version__ = "0.1.0"
SCHEMA_VERSION = 1
