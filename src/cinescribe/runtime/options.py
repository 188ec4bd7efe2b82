"""A stage's tunables as one object (as faster-whisper's options are), filled from its config section."""

from dataclasses import dataclass, fields


@dataclass
class StageOptions:
    """Base of every stage's options. The workflow always passes its config section, whose defaults and
    descriptions live in config/schema.yaml; the dataclass's own defaults serve calls from Python."""

    @classmethod
    def from_config(cls, section, **overrides):
        """Options from a config section; keys of other concerns (enabled, mode, device …) are left out."""
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in {**section, **overrides}.items() if k in known})
