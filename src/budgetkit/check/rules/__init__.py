"""The rules, one module per family (registry.FAMILIES); importing registers them."""

from . import arithmetic, codes, completeness, counts, forms, narrative, percentages, wording  # noqa: F401
