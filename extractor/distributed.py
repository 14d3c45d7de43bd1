"""Running the pipeline on a Dask cluster: a laptop's LocalCluster or many machines.

``run_dask(inputs, out_dir)`` writes exactly what ``extractor run`` writes with
one process (same files, same order, byte for byte):

* the client reads the inputs with the same reader as ``extractor run``
  (``reading.iter_articles``: .txt files, folders, JSONL streams), so failures
  and ``doc_id``\\ s are the same, and workers need no access to the files;
* articles travel to the workers in small batches; each worker process builds
  the pipeline once (``extractor.nlp.load`` is cached per process) and turns a
  batch into ``Record``\\ s (or ``Failure``\\ s) with ``runner.process_one``;
* results come back in input order and go through the same ``OutputWriter``.

Only a bounded window of batches is in flight, so memory on the client stays
flat however long the input stream is (a ``dask.bag`` would need the whole
input list up front and gathers its results at the end).

    from extractor.distributed import run_dask
    run_dask(["corpus/"], "out/")                       # LocalCluster, one process per core
    run_dask(["big.jsonl"], "out/", address="tcp://scheduler:8786")
"""
from __future__ import annotations

import logging
import os
import threading
from collections import deque
from contextlib import contextmanager
from itertools import chain, islice
from pathlib import Path
from typing import Iterable, Iterator

from .reading import Article, Failure, iter_articles
from .runner import Result, process_one
from .writers import OutputWriter

_LOAD_LOCK = threading.Lock()


def _pipeline():
    """This worker process's pipeline, built once even if the worker runs several threads."""
    from .nlp import load

    with _LOAD_LOCK:
        return load()


def process_batch(batch: list[Article | Failure]) -> list[Result]:
    """Runs on a worker: a batch of articles -> their Records / Failures, in order."""
    _pipeline()
    return [process_one(article) for article in batch]


def _warm() -> bool:
    _pipeline()
    return True


@contextmanager
def dask_client(address: str | None = None, n_workers: int | None = None):
    """A distributed Client: to the scheduler at ``address``, or to a fresh LocalCluster of processes."""
    from dask.distributed import Client, LocalCluster

    if address:
        client = Client(address)
        try:
            yield client
        finally:
            client.close()
        return
    cluster = LocalCluster(n_workers=n_workers or os.cpu_count() or 1, threads_per_worker=1, processes=True,
                           dashboard_address=None, silence_logs=logging.ERROR)
    client = Client(cluster)
    try:
        yield client
    finally:
        client.close()
        cluster.close()


def _batches(items: Iterable, size: int) -> Iterator[list]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch


def dask_results(articles: Iterable[Article | Failure], client=None, address: str | None = None,
                 n_workers: int | None = None, batch_size: int = 8, window: int | None = None) -> Iterator[Result]:
    """Records / Failures in input order, computed on a Dask cluster (``runner.results`` for Dask)."""
    if client is None:
        with dask_client(address, n_workers) as own:
            yield from dask_results(articles, own, batch_size=batch_size, window=window)
        return
    client.run(_warm)  # every worker builds its pipeline now, not inside the first batches
    if window is None:
        threads = sum(client.nthreads().values()) or 1
        window = 4 * threads
    pending: deque = deque()
    for batch in _batches(articles, batch_size):
        pending.append(client.submit(process_batch, batch, pure=False))
        if len(pending) >= window:
            yield from pending.popleft().result()
    while pending:
        yield from pending.popleft().result()


def _as_articles(inputs: Iterable) -> Iterable[Article | Failure]:
    """Articles as given (streamed, never listed), or read from paths the way ``extractor run`` reads them."""
    it = iter([inputs] if isinstance(inputs, (str, Path)) else inputs)
    first = next(it, None)
    if first is None:
        return []
    if isinstance(first, (Article, Failure)):
        return chain([first], it)
    return iter_articles(chain([first], it))


def run_dask(inputs: Iterable, out_dir: str | Path, client=None, address: str | None = None,
             n_workers: int | None = None, batch_size: int = 8) -> tuple[int, int]:
    """Extract every input (paths, folders, .jsonl files, or Article objects) into ``out_dir``.

    ``client``: an existing ``dask.distributed.Client``; else ``address`` of a
    scheduler (``tcp://host:8786``); else a LocalCluster of ``n_workers``
    processes (default: one per core).  Returns (articles written, failures).
    """
    with OutputWriter(Path(out_dir)) as out:
        for result in dask_results(_as_articles(inputs), client, address, n_workers, batch_size):
            if isinstance(result, Failure):
                out.fail(result.doc_id, result.source, result.reason)
            else:
                out.write(result)
    return out.n_ok, out.n_failed
