"""budgetkit: read, check and compare Chinese government budget and final-account disclosures.

The library (docs/python-api.md): ``extract`` a document into records, ``check`` records
for findings, ``read_records`` from a JSON Lines stream; ``RECORD_TYPES``, the record
types ``extract`` writes, and ``json_schema()``, their contract (docs/schema.md).
"""

__version__ = "0.3.1"
SCHEMA_VERSION = "1"

__all__ = ["extract", "check", "read_records", "UnreadableInput", "RECORD_TYPES", "STREAM_TYPES", "json_schema",
           "record_problem", "__version__", "SCHEMA_VERSION"]

# Where each name lives; imported on first use, so that starting the command line (which
# imports this package) does not load the library behind every command.
_EXPORTS = {"extract": "api", "check": "api", "read_records": "api", "UnreadableInput": "api",
            "RECORD_TYPES": "records", "STREAM_TYPES": "records", "json_schema": "records",
            "record_problem": "records"}


def __getattr__(name: str):
    if name not in _EXPORTS:
        raise AttributeError(f"module 'budgetkit' has no attribute {name!r}")
    from importlib import import_module

    return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)


def __dir__() -> list[str]:
    return sorted(__all__)
