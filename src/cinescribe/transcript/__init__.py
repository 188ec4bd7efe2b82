"""The chunks' words made one transcript: seams de-duplicated, hallucinations dropped (each with its reason),
glossary near-misses corrected (each listed); the merge rule then gives the words their speakers
(diarization.assignment).

Modules: seams (merge_chunks), hallucinations (drop_hallucinations, HallucinationFilter), corrections
(correct_terms).
"""
