"""Screenshot of a review page in headless chromium (the README's docs/review.png).

Usage: .venv/bin/python tools/review-screenshot.py results/sample/review.html docs/review.png
"""
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
from support.browser import Browser  # noqa: E402


def main(page, png):
    chrome = Browser(tempfile.mkdtemp())
    try:
        chrome.open(page)
        chrome.js("const row = document.querySelectorAll('.cue')[2]; if (row) row.querySelector('.time').click();"
                  "document.getElementById('audio').pause();")
        chrome.driver.save_screenshot(str(png))
    finally:
        chrome.quit()


if __name__ == "__main__":
    main(*sys.argv[1:3])
