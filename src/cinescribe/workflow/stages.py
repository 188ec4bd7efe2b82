"""Which optional stages a config turns on, asked by name (the rules' `is_on`, as the snakemake-workflows'
`is_activated`): one place says what "on" means for each."""

ON = {
    "diarization": lambda config: config["diarization"]["enabled"],
    "songs": lambda config: config["songs"]["mode"] != "keep",
    "review": lambda config: config["review"]["enabled"],
    "review_audio": lambda config: config["review"]["enabled"] and config["review"]["audio"],
    "mux": lambda config: config["deliver"]["mux"],
    "burn": lambda config: config["deliver"]["burn"],
}


def is_on(config, stage):
    """Whether `stage` (a key of ON) runs with this config."""
    return bool(ON[stage](config))
