"""The user's text files (glossary, cast list, bias windows, jobs table, earlier subtitles) as text, whatever
editor saved them: a UTF-8 byte-order mark and Windows line ends are fine, Excel's "Unicode text" (UTF-16 with a
mark) is read too, and anything else that is not UTF-8 is one sentence saying how to fix it."""

import codecs
import csv

from cinescribe.runtime.errors import CinescribeError


def read_text_file(path, what):
    """The file's text with the byte-order mark removed and line ends as `\\n`."""
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as err:
        raise CinescribeError(f"cannot read the {what} {path}: {err.strerror}") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as err:
            line = data[:err.start].count(b"\n") + 1
            raise CinescribeError(
                f"the {what} {path} is not UTF-8 text (byte 0x{data[err.start]:02x} on line {line}); "
                "save it as UTF-8 (in most editors: Save as… → Encoding: UTF-8)") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def tsv_rows(path, what):
    """The cells of a tab-separated file, row by row; blank lines and `#` comment lines are left out."""
    lines = [line for line in read_text_file(path, what).split("\n")
             if line.strip() and not line.lstrip().startswith("#")]
    return list(csv.reader(lines, delimiter="\t"))
