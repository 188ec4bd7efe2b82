"""Config validation at workflow start: snakemake's validator, with its verdict cut to one sentence."""

import jsonschema
import yaml

from cinescribe.runtime.errors import CinescribeError


def _sentence(error):
    where = ".".join(str(p) for p in error.absolute_path) or "config"
    if error.validator == "additionalProperties":
        return f"Unknown config key in '{where}': {error.message}; see config/schema.yaml for the allowed keys."
    return f"Config value '{where}' is invalid: {error.message}; see config/schema.yaml."


def _typed(value, schema):
    """`--config asr='{chunk_seconds: 20}'` reaches us as strings (YAML BaseLoader): give them their types."""
    if isinstance(value, dict):
        props = schema.get("properties", {})
        return {k: _typed(v, props.get(k, {})) for k, v in value.items()}
    types = schema.get("type", [])
    types = [types] if isinstance(types, str) else types
    if isinstance(value, str) and "string" not in types and types:
        try:
            return yaml.safe_load(value)
        except yaml.YAMLError:
            return value
    return value


def validate_config(config, schema_path):
    """Fill defaults and validate; a bad key or value raises one CinescribeError sentence."""
    from snakemake.exceptions import WorkflowError
    from snakemake.utils import validate

    with open(schema_path, encoding="utf-8") as fh:
        schema = yaml.safe_load(fh)
    config.update(_typed(config, schema))
    try:
        validate(config, schema_path, set_default=True)
    except WorkflowError:
        error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(schema).iter_errors(config))
        raise CinescribeError(_sentence(error)) from None
    speakers = config["diarization"]
    if speakers["min_speakers"] > speakers["max_speakers"]:
        raise CinescribeError(f"diarization.min_speakers ({speakers['min_speakers']}) is more than "
                              f"diarization.max_speakers ({speakers['max_speakers']})")
