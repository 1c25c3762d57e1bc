"""The rules, one module per family (registry.FAMILIES); importing registers them."""

from . import arithmetic, completeness, counts, forms  # noqa: F401
