"""The command line: ``extractor run``, ``extractor evaluate``, ``extractor gold ...``.

Thin by design: it parses arguments and calls the rooms that do the work.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .reading import ReadError


def cmd_run(args: argparse.Namespace) -> int:
    from tqdm import tqdm

    from .reading import expand_inputs, iter_articles
    from .runner import results
    from .writers import OutputWriter

    if getattr(args, "dask", None):
        _dask_address_or_input(args)
    paths = expand_inputs(args.inputs)
    if not paths:
        print(f"extractor run: no .txt or .jsonl files in {', '.join(map(str, args.inputs))}", file=sys.stderr)
        return 2
    total = None if any(p.suffix == ".jsonl" for p in paths) else len(paths)
    if args.dask is not None:  # same reader, same writer, same order: only where the work runs differs
        from .distributed import dask_results

        stream = dask_results(iter_articles(paths), address=args.dask or None,
                              n_workers=args.workers if args.workers > 1 else None)
    else:
        stream = results(iter_articles(paths), workers=args.workers)
    with OutputWriter(Path(args.out)) as out:
        bar = tqdm(stream, total=total, unit="article", file=sys.stderr, disable=args.quiet)
        for result in bar:
            if hasattr(result, "reason"):
                out.fail(result.doc_id, result.source, result.reason)
                print(f"error: {result.reason}", file=sys.stderr)
            else:
                out.write(result)
    print(f"{out.n_ok} articles -> {out.pred_dir}, records.csv, documents.csv"
          f"{f'; {out.n_failed} failed (errors.csv)' if out.n_failed else ''}", file=sys.stderr)
    return 1 if out.n_failed and not out.n_ok else 0


def _dask_address_or_input(args: argparse.Namespace) -> None:
    """``--dask corpus/``: argparse took an input for the address; give it back to the inputs."""
    if args.dask and "://" not in args.dask and ":" not in args.dask and Path(args.dask).exists():
        args.inputs.append(args.dask)
        args.dask = ""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="extractor", description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="command", required=True)

    run = sub.add_parser("run", help="extract records from articles (.txt files, folders, .jsonl streams)")
    run.add_argument("inputs", nargs="+", help=".txt files, folders of them, or .jsonl files (id, text, published, url)")
    run.add_argument("--out", required=True, help="output folder: predictions/, records.csv, documents.csv, errors.csv")
    run.add_argument("--workers", type=int, default=1, help="processes to use (default 1)")
    run.add_argument("--quiet", action="store_true", help="no progress bar")
    run.add_argument("--dask", nargs="?", const="", default=None, metavar="ADDRESS",
                     help="run on Dask: the scheduler at ADDRESS (tcp://host:8786), or without ADDRESS a local "
                          "cluster of --workers processes (default one per core); needs the [dask] extra")
    run.set_defaults(func=cmd_run)

    from . import evaluate, gold

    evaluate.add_parser(sub)
    gold.add_parser(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.func(args) or 0)
    except ReadError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        # the reader went away (``extractor evaluate ... | head``): stop quietly, as Unix tools do
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 141


if __name__ == "__main__":
    sys.exit(main())
