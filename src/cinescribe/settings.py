"""Config validation at workflow start: snakemake's validator, with its verdict cut to one sentence."""

import jsonschema
import yaml

from .errors import CinescribeError


def _sentence(error):
    where = ".".join(str(p) for p in error.absolute_path) or "config"
    if error.validator == "additionalProperties":
        return f"Unknown config key in '{where}': {error.message}; see config/schema.yaml for the allowed keys."
    return f"Config value '{where}' is invalid: {error.message}; see config/schema.yaml."


def validate_config(config, schema_path):
    """Fill defaults and validate; a bad key or value raises one CinescribeError sentence."""
    from snakemake.exceptions import WorkflowError
    from snakemake.utils import validate

    try:
        validate(config, schema_path, set_default=True)
    except WorkflowError:
        with open(schema_path, encoding="utf-8") as fh:
            schema = yaml.safe_load(fh)
        error = jsonschema.exceptions.best_match(jsonschema.Draft202012Validator(schema).iter_errors(config))
        raise CinescribeError(_sentence(error)) from None
