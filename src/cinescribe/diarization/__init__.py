"""Who speaks when: CAM++ voice prints clustered into speakers, turns placed frame by frame, a second voice
where two speak at once (offline), or a pyannote pipeline; then each word gets its speaker.

Modules: pipeline (diarize, Options), clustering (cluster), local_speakers (quick turns and overlaps from
segmentation-3.0: local_speakers, overlap_turns), speaker_names
(name_speakers), pyannote_pipeline (load_pipeline, diarize_with_pyannote), assignment (assign_speakers);
models/ holds the networks apart from the pipeline that uses them.
"""
