"""The soundtrack: the film's audio track as a 16 kHz WAV, where speech is (Silero VAD), and where songs are.

Modules: media (extract_audio, read_slice, iter_blocks, wav_seconds), vad (detect_speech), songs (detect_songs).
"""
