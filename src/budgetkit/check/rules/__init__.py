"""The rules, one module per family (registry.FAMILIES); importing registers them."""

from . import arithmetic, counts, narrative, percentages  # noqa: F401
