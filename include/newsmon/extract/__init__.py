"""The extractor: enforcement figures and entity mentions of one text, each with its evidence.

Pure: no I/O except reading its own package data, and it imports nothing of newsmon but the shared
records (:mod:`newsmon.models`, :mod:`newsmon.errors`). ``extract`` is the entry point; ``to_gold``,
``read_documents``/``read_gold`` and ``evaluate`` score it against gold under FIGURES.md.
"""
from __future__ import annotations

from newsmon.extract.documents import Document, read_documents, read_gold
from newsmon.extract.evaluation import Report, evaluate, format_report
from newsmon.extract.extractor import EXTRACTOR_VERSION, Extraction, extract, to_gold

__all__ = ["EXTRACTOR_VERSION", "Document", "Extraction", "Report", "evaluate", "extract", "format_report",
           "read_documents", "read_gold", "to_gold"]
