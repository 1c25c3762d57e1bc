"""The rules, one module per family (registry.FAMILIES); importing registers them."""

from . import arithmetic, codes, counts, wording  # noqa: F401
