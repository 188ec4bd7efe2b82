"""The picture: the film's frame rate and its shot changes, so subtitles can be timed on frames and cuts.

Modules: streams (which stream is the picture), frame_rate (film_frame_rate), shots (find_cuts, the frame
detector), packets (the packet detector).
Audio-only inputs never decode anything here: the rate comes from config and there are no cuts.
"""
