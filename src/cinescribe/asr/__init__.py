"""Speech to words with Whisper (faster-whisper): where the film is cut into chunks, what each chunk is
prompted with, the film's language, and one chunk transcribed (in the job, or by the run's worker on a GPU).

Modules: chunk_plan (plan_chunks, group_windows), prompts (chunk_prompts, with_prompt), languages
(check_language, known_source_language), models (resolve_model, load_whisper), transcribe (transcribe_chunk,
detect_language), worker (run_whisper, stop_workers).
"""
