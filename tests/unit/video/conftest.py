"""Films with known cuts and speech at the three rates subtitles are made for (built once per session)."""

import pytest

from support import cut_video


@pytest.fixture(scope="session")
def cut_films(tmp_path_factory):
    """{"23.976": info, "25": info, "29.97": info}: 30 s of 320x180 H.264 with AAC speech; info["path"] is the
    film and info["cuts"] its exact cut times (MP4 at 23.976 and 29.97, MKV at 25: millisecond timestamps)."""
    folder = tmp_path_factory.mktemp("cut_films")
    suffix = {"23.976": "mp4", "25": "mkv", "29.97": "mp4"}
    return {name: cut_video.build(folder / f"film {name}.{suffix[name]}", rate, seconds=30)
            for name, rate in cut_video.RATES.items()}
