"""Reading articles from files and streams into `Document`s."""

from rasd.ingest.decode import decode_bytes
from rasd.ingest.read import Record, article_from_text, document_from_record, read_path, read_stream

__all__ = ["Record", "article_from_text", "decode_bytes", "document_from_record", "read_path", "read_stream"]
