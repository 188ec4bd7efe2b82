#!/usr/bin/env bash
# Debian packages the tests and benchmarks need: espeak-ng and sox synthesize speech and music with known
# text and timing; chromium and its driver open the review page headless (selenium drives them, nothing is
# downloaded); ffmpeg (built with libass) burns subtitles into the preview of deliver.burn. The workflow itself
# needs none of them by default (PyAV wheels carry ffmpeg's libraries).
set -euo pipefail
missing=()
for tool in espeak-ng sox chromium ffmpeg; do command -v "$tool" >/dev/null || missing+=("$tool"); done
command -v chromedriver >/dev/null || missing+=(chromium-driver)
[ ${#missing[@]} -eq 0 ] && exit 0
sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
