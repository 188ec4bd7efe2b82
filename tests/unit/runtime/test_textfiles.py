"""Glossary, cast list and jobs table as editors save them: a BOM, Windows line ends and Excel's UTF-16 are
read as they were meant; a file in another encoding is one sentence."""

import codecs

import pytest

from cinescribe.runtime.errors import CinescribeError
from cinescribe.text.glossary import load_cast, load_glossary
from cinescribe.workflow.jobs import load_jobs
from support import media

GLOSSARY = "term\tpreferred\taliases\ttranslation\nRathore\tRathore\tRathor; Ratore\t\nCafé Leela\t\t\tCafé Leela\n"
SAVED_AS = {
    "utf-8": lambda text: text.encode("utf-8"),
    "utf-8 with BOM and CRLF": lambda text: codecs.BOM_UTF8 + text.replace("\n", "\r\n").encode("utf-8"),
    "utf-16 (Excel Unicode text)": lambda text: text.replace("\n", "\r\n").encode("utf-16"),
}


@pytest.mark.parametrize("saved_as", SAVED_AS)
def test_glossary_and_cast_read_alike_however_saved(tmp_path, saved_as):
    path = tmp_path / "glossary.tsv"
    path.write_bytes(SAVED_AS[saved_as](GLOSSARY))
    terms = load_glossary(path)
    assert [(t.term, t.aliases) for t in terms] == [("Rathore", ["Rathor", "Ratore"]), ("Café Leela", [])]
    cast = tmp_path / "cast.txt"
    cast.write_bytes(SAVED_AS[saved_as]("Anjali Deshpande\tAnjli\nVasudha\n"))
    assert [(t.preferred, t.aliases) for t in load_cast(cast)] == [("Anjali Deshpande", ["Anjli"]), ("Vasudha", [])]


@pytest.mark.parametrize("saved_as", SAVED_AS)
def test_jobs_table_reads_alike_however_saved(tmp_path, saved_as):
    table = tmp_path / "jobs.tsv"
    table.write_bytes(SAVED_AS[saved_as](f"job\tinput\tlanguage\nclip é\t{media.DEMO_WAV}\ten\n"))
    config = {"jobs": str(table), "input": "", "asr": {"language": "auto"}, "audio": {}}
    jobs = load_jobs(config)
    assert list(jobs) == ["clip é"] and jobs["clip é"]["asr"]["language"] == "en"


@pytest.mark.parametrize("loader, what", [(load_glossary, "glossary"), (load_cast, "cast list"),
                                          (lambda path: load_jobs({"jobs": str(path)}), "jobs table")])
def test_a_file_in_another_encoding_is_one_sentence(tmp_path, loader, what):
    path = tmp_path / "latin1.tsv"
    path.write_bytes("term\tinput\nCafé Leela\tfilm.mkv\n".encode("latin-1"))
    with pytest.raises(CinescribeError, match=f"the {what} .*latin1.tsv is not UTF-8 text \\(byte 0xe9 on line 2\\); "
                                              "save it as UTF-8") as err:
        loader(path)
    assert "\n" not in str(err.value)
