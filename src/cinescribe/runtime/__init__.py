"""What every stage runs on: one-sentence errors, atomic files, retries and the watchdog, devices, model files.

Modules: errors (CinescribeError), atomic (write_json, write_text, read_json, atomic_path), textfiles
(read_text_file, tsv_rows), packages (package_file), failures (which failures a retry can fix), watchdog
(run_with_deadline), rule_script (run_rule: what every Snakemake script shares), devices (torch_device,
asr_device, vad_device), model_cache (default_cache_dir, cache_folder), onnx (on_device, export_to_onnx,
cpu_session), options (StageOptions: a stage's tunables as one object).
"""
