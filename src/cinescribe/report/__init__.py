"""What a finished job tells its user: done's checks (were the film's language and speech understood), the
review page and its soundtrack, and the tables of `snakemake --report`.

Modules: checks (assess), review (review_data, render_page; the page's files in review_page/), review_audio
(compress_audio), tables (runtime_table, lint_table).
"""
