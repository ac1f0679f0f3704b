"""rasd (رصد): Arabic news to structured, queryable knowledge.

    >>> import rasd
    >>> doc = rasd.analyze(text, published="2010-12-11")
    >>> doc.to_dict()["events"]
"""

from rasd.document import Document
from rasd.pipeline import Pipeline, analyze

__version__ = "0.1.0"
__all__ = ["Document", "Pipeline", "__version__", "analyze"]
