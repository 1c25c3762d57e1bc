"""budgetkit: read, check and compare Chinese government budget and final-account disclosures."""

__version__ = "0.1.0"
SCHEMA_VERSION = "1"
