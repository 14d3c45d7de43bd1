"""Running the pipeline over many articles: one process, N processes, streaming.

``results(articles, workers=N)`` yields a ``Record`` or a ``Failure`` for every
input, in input order.  One article that fails (unreadable, or a stage raising)
becomes a ``Failure`` with its reason; the others still complete.
"""
from __future__ import annotations

import multiprocessing as mp
import traceback
from typing import Iterable, Iterator

from .reading import Article, Failure
from .record import Record

Result = Record | Failure


def process_one(article: Article | Failure) -> Result:
    """Article -> Record, or the Failure that says why not; never raises."""
    if isinstance(article, Failure):
        return article
    from .nlp import process

    try:
        return process(article)
    except Exception as exc:  # one bad article must not lose the others
        where = article.source or article.doc_id
        frame = traceback.extract_tb(exc.__traceback__)[-1]
        return Failure(article.doc_id, where, f"{where}: {type(exc).__name__}: {exc} "
                                              f"(at {frame.filename.rsplit('/', 1)[-1]}:{frame.lineno})")


def _init_worker() -> None:
    from .nlp import load

    load()  # the pipeline loads once per worker process


def results(articles: Iterable[Article | Failure], workers: int = 1, chunksize: int = 4) -> Iterator[Result]:
    """Records in input order; with ``workers > 1`` a process pool shares the work."""
    if workers <= 1:
        for article in articles:
            yield process_one(article)
        return
    ctx = mp.get_context("spawn")  # a clean interpreter per worker: no forked model state
    with ctx.Pool(workers, initializer=_init_worker) as pool:
        yield from pool.imap(process_one, articles, chunksize=chunksize)
