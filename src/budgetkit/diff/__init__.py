"""``diff``: what changed between two documents (two years, or a budget and its final account).

``compare`` gives ``change`` records: the headline figures (headline.py), then each
table both documents print, rows and columns paired by align.py.
"""

from .changes import FIELDS, STATUSES, Threshold
from .compare import Comparison, compare, execution_side

__all__ = ["FIELDS", "STATUSES", "Threshold", "Comparison", "compare", "execution_side"]
