"""The chunks' words made one transcript: seams de-duplicated, hallucinations dropped (each with its reason),
glossary near-misses corrected (each listed), and speakers given to the words.

Modules: seams (merge_chunks), hallucinations (drop_hallucinations, HallucinationFilter), corrections
(correct_terms).
"""
