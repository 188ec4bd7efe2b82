"""The film with its subtitles inside: a Matroska with one subtitle track per language, and a burned-in preview."""
