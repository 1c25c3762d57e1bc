"""The rules, one module per family (registry.FAMILIES); importing registers them."""

from . import arithmetic, counts, cross_table  # noqa: F401
