"""The `time` stage's building blocks: dates, times and durations (TIMEX3), and quantities.

`find_times(text, published)` and `find_quantities(text, exclude)` work on raw
text and return offsets into it; `evaluate_times` scores `find_times` (or any
function like it) against a hand-annotated JSON-lines file.
"""

from rasd.time.evaluate import evaluate_times, format_report
from rasd.time.quantities import find_quantities
from rasd.time.times import find_times

__all__ = ["evaluate_times", "find_quantities", "find_times", "format_report"]
