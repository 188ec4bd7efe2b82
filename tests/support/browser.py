"""Debian's chromium, headless, driven by selenium through chromium-driver (no browser is downloaded)."""

import json
import shutil
import time
from pathlib import Path

from selenium import webdriver
from selenium.webdriver.chrome.service import Service


class Browser:
    """One headless chromium; downloads land in `downloads`, console messages are kept for the tests."""

    def __init__(self, downloads):
        self.downloads = Path(downloads)
        options = webdriver.ChromeOptions()
        options.binary_location = shutil.which("chromium")
        for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                    "--window-size=1400,900", "--autoplay-policy=no-user-gesture-required", "--mute-audio"):
            options.add_argument(arg)
        options.add_experimental_option("prefs", {"download.default_directory": str(self.downloads),
                                                  "download.prompt_for_download": False})
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        self.driver = webdriver.Chrome(options=options, service=Service(shutil.which("chromedriver")))
        self.driver.execute_cdp_cmd("Browser.setDownloadBehavior",
                                    {"behavior": "allow", "downloadPath": str(self.downloads)})

    def open(self, page):
        """Open a page from disk and wait until its script has run.

        Storage is never cleared here (a clear reaches the browser asynchronously and can land after the next
        edit): a page keeps its edits under its own path, so a test that edits opens a page of its own.
        """
        self.driver.get(Path(page).resolve().as_uri())
        self.wait(lambda: self.js("return document.body.dataset.ready === 'true'"))
        return self

    def reload(self):
        """Open the page again in this tab, as a user reloading it does, until it reads back the storage entries
        this page holds now.

        A text typed key by key is stored in steps, and a check for one word can see an earlier step; so the
        whole of this page's entries must come back, not one word. Only this page's entries are compared: pages
        of earlier tests share the file:// origin. Under load in CI, headless Chromium has lost a page's writes
        outright: a fresh document, in this tab or another, read nothing of an edit for 30 s while the editing
        document held it, and writes made again from that document were lost too. So a fresh document that
        reads nothing of them after 5 s writes the entries the editing document held, and the page is opened
        again. What is tested stays the page's part: the edit it stored, and what it makes of it when opened.
        """
        url = self.driver.current_url
        expected = self.page_storage()
        assert expected, "this page has stored no edit to read back after a reload"
        seen, start = {}, time.monotonic()

        def reads_it_back():
            self.driver.get(url)
            self.wait(lambda: self.js("return document.body.dataset.ready === 'true'"))
            seen.update(now=self.page_storage())
            if seen["now"] == expected:
                return True
            if not seen["now"] and time.monotonic() - start > 5:  # lost, not behind: hand them over again
                self.js("for (const [k, v] of Object.entries(arguments[0])) localStorage.setItem(k, v);", expected)
            return False

        try:
            self.wait(reads_it_back, timeout=30)
        except AssertionError as error:
            raise AssertionError(f"{error}: this page's storage reads {seen.get('now')}, "
                                 f"before the reload it held {expected}") from None

    def page_storage(self):
        """This page's entries in localStorage (the review page keys its edits by the page's path)."""
        path = self.js("return location.pathname")
        return {key: value for key, value in self.storage().items() if f":{path}:" in key}

    def storage(self):
        return json.loads(self.js("return JSON.stringify(localStorage)") or "{}")

    def js(self, script, *args):
        return self.driver.execute_script(script, *args)

    def console_errors(self):
        return [entry for entry in self.driver.get_log("browser") if entry["level"] == "SEVERE"]

    def wait(self, condition, timeout=10.0):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            result = condition()
            if result:
                return result
            time.sleep(0.05)
        raise AssertionError(f"the page did not get there in {timeout:.0f} s ({condition.__name__})")

    def download(self, button_id, name):
        """Click a download button and return the file's text once it is complete."""
        target = self.downloads / name
        target.unlink(missing_ok=True)
        self.driver.find_element("id", button_id).click()
        self.wait(lambda: target.exists() and not list(self.downloads.glob("*.crdownload")))
        return target.read_text(encoding="utf-8")

    def quit(self):
        self.driver.quit()
