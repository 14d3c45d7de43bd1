"""Structured facts from Vietnamese government news.

>>> from extractor import extract
>>> record = extract(" date 2025-09-09 Sáng 9/9, phường Rạch Dừa tiếp nhận 2.446 hồ sơ.")
>>> record.to_dict()["dossier_counts"][0]["value"]
2446
"""
from .nlp import build, extract, load, process
from .reading import Article, ReadError, from_text, iter_articles, read_file
from .record import FIELDS, HEADLINE_FIELDS, Item, Record

__all__ = ["extract", "load", "build", "process", "Article", "ReadError", "from_text", "iter_articles",
           "read_file", "FIELDS", "HEADLINE_FIELDS", "Item", "Record"]
__version__ = "0.1.0"
