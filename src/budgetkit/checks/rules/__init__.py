"""The rules, one module per family (registry.FAMILIES); importing registers them."""

from . import (arithmetic, codes, completeness, counts, cross_table, forms, narrative, percentages,  # noqa: F401
               wording)
