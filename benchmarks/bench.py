#!/usr/bin/env python
"""Speed and memory of the pipeline, next to what a toolkit user would run instead.

Prints figures (it is not a timed test).  On the same texts, in the same run:

* ``pipeline``       extractor.nlp.process on Articles (reading, tokenizer, every stage, Record)
* ``ner``            underthesea ``ner`` applied to every sentence (the pipeline's own sentence split)
* ``word_tokenize``  underthesea ``word_tokenize`` on every sentence alone: the floor under our tokenizer

Each contender runs in its own fresh subprocess, so start-up time and peak RSS
are per contender.  Start-up is import + pipeline build + first article (lazy
models and the gazetteer load by then).  Memory flatness is RSS after N/10 and
after N articles streamed (articles are built one at a time, never held).

``--only scaling`` times ``extractor run`` end to end (JSONL in, every output
written) with 1 and 2 worker processes and with Dask, and checks the outputs
are byte-identical.  ``--only profile`` times each stage and runs pyinstrument.

    .venv/bin/python benchmarks/bench.py                 # contenders + scaling
    .venv/bin/python benchmarks/bench.py --n 420 --repeats 2 --only contenders
    .venv/bin/python benchmarks/bench.py --only profile --profile-n 210
"""
from __future__ import annotations

import argparse
import filecmp
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED_CORPUS = ROOT.parent / "shared" / "corpus"
SEED_CORPUS = ROOT / "corpus"
CONTENDERS = ("pipeline", "ner", "word_tokenize")


def holdout() -> frozenset[str]:
    return frozenset(json.loads((ROOT / "tests" / "devsplit.json").read_text(encoding="utf-8"))["holdout"])


def corpus_paths() -> tuple[list[Path], str]:
    """The development articles minus the held-out ten (never read), else the seed corpus."""
    if SHARED_CORPUS.is_dir():
        held = holdout()
        paths = sorted(p for p in SHARED_CORPUS.glob("*.txt") if p.stem not in held)
        return paths, f"{SHARED_CORPUS} ({len(paths)} articles: the held-out ten are left out, never read)"
    paths = sorted(SEED_CORPUS.glob("*.txt"))
    return paths, f"{SEED_CORPUS} ({len(paths)} articles)"


# --------------------------------------------------------------------------- child side

def rss_mb() -> float:
    try:
        import psutil

        return psutil.Process().memory_info().rss / 2**20
    except ImportError:  # Linux without psutil
        with open("/proc/self/statm") as fh:
            return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_rss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def variant(text: str, c: int) -> str:
    """Pass ``c`` over the corpus: the same text with ``c`` extra spaces before every sentence's final mark.

    Without this the repeated texts would repeat every sentence, and per-sentence
    caches (e.g. a cached pos_tag) would make repeats nearly free: a real corpus
    does not repeat its sentences.  The extra spaces sit before the closing
    punctuation, where no rule looks, so every pass does the same work.
    """
    if c == 0:
        return text
    from extractor.tokenizer import split_sentences

    pad = " " * c
    out, cur = [], 0
    for _, e in split_sentences(text):
        if not text[e - 1].isalnum():
            out.append(text[cur:e - 1] + pad)
            cur = e - 1
    out.append(text[cur:])
    return "".join(out)


def child(contender: str, paths: list[str], n: int, repeats: int) -> dict:
    """One contender in this fresh process: start-up, a cold pass, then ``repeats`` timed streams of n."""
    t0 = time.perf_counter()
    import unicodedata

    raws = [Path(p).read_text(encoding="utf-8").lstrip("\ufeff") for p in paths]
    if contender == "pipeline":
        from extractor.nlp import load, process
        from extractor.reading import from_text

        nlp = load()
        t_build = time.perf_counter() - t0

        def run(i: int, raw: str) -> object:
            return process(from_text(raw, f"a{i}"), nlp)
    else:
        from extractor.tokenizer import split_sentences

        if contender == "ner":
            from underthesea import ner as fn
        elif contender == "word_tokenize":
            from underthesea import word_tokenize

            def fn(sentence: str) -> list:
                return word_tokenize(sentence, use_token_normalize=False)
        else:
            raise SystemExit(f"unknown contender {contender}")
        t_build = time.perf_counter() - t0

        def run(i: int, raw: str) -> object:
            text = unicodedata.normalize("NFC", raw)
            return [fn(text[s:e]) for s, e in split_sentences(text)]

    run(-1, "Ngày 9/9/2024, UBND tỉnh Bình Thuận tiếp nhận 1.234 hồ sơ.")  # lazy models load here
    out: dict = {"contender": contender, "build_s": t_build, "startup_s": time.perf_counter() - t0,
                 "rss_startup_mb": rss_mb()}
    if n <= 0:
        return out
    k = len(raws)
    t = time.perf_counter()
    for i, raw in enumerate(raws):  # every text once, caches cold
        run(i, raw)
    out["cold_ms"] = (time.perf_counter() - t) / k * 1000
    times = []
    rss_tenth = None
    passes = -(-n // k)
    for r in range(repeats):
        spent = 0.0
        for i in range(n):
            text = variant(raws[i % k], r * passes + i // k + 1)  # every repeat, every pass: new sentences
            t = time.perf_counter()
            run(i, text)
            spent += time.perf_counter() - t
            if r == 0 and i + 1 == max(1, n // 10):
                rss_tenth = rss_mb()
        times.append(spent)
        if r == 0:
            out["rss_n_mb"] = rss_mb()
    out.update(n=n, repeats=repeats, times_s=times, rss_tenth_mb=rss_tenth, peak_rss_mb=peak_rss_mb())
    return out


# --------------------------------------------------------------------------- parent side

def spawn(contender: str, paths: list[Path], n: int, repeats: int) -> dict:
    with tempfile.NamedTemporaryFile("w", suffix=".json", delete=False) as fh:
        json.dump([str(p) for p in paths], fh)
    try:
        t = time.perf_counter()
        proc = subprocess.run([sys.executable, __file__, "--child", contender, "--paths-file", fh.name,
                               "--n", str(n), "--repeats", str(repeats)],
                              cwd=ROOT, capture_output=True, text=True)
        wall = time.perf_counter() - t
    finally:
        os.unlink(fh.name)
    if proc.returncode:
        raise SystemExit(f"{contender} failed:\n{proc.stderr[-3000:]}")
    result = json.loads(proc.stdout.strip().splitlines()[-1])
    result["wall_s"] = wall
    return result


def fmt_spread(values: list[float]) -> str:
    return f"{statistics.median(values):8.1f} [{min(values):.1f}-{max(values):.1f}]"


def contenders(args, paths: list[Path], k: int) -> None:
    ner_n = args.ner_n or args.n
    print(f"\n== Throughput: {args.n} articles streamed x {args.repeats} repeats "
          f"(the {k} texts in turn; ner on the first {ner_n} of the same sequence: "
          f"{'same N' if ner_n == args.n else 'a smaller N, per-article rates compare directly'})")
    print("Start-up: median of", args.startup_runs, "fresh processes: import + build + first article "
          "(interpreter start-up excluded; 'process' = whole child wall time, python start included)\n")
    rows = []
    for name in CONTENDERS:
        starts = [spawn(name, paths, 0, 0) for _ in range(args.startup_runs)]
        res = spawn(name, paths, ner_n if name == "ner" else args.n, args.repeats)
        res["startups"] = [s["startup_s"] for s in starts]
        res["process_s"] = [s["wall_s"] for s in starts]
        res["build"] = [s["build_s"] for s in starts]
        rows.append(res)
        print(f"  ran {name}: {res['n']} articles x {res['repeats']} in {sum(res['times_s']):.1f}s", file=sys.stderr)
    ner_ms = statistics.median(t / r["n"] * 1000 for r in rows if r["contender"] == "ner" for t in r["times_s"])
    hdr = (f"{'contender':<14}{'N':>6}  {'ms/article median [min-max]':<28}{'articles/s':>11}{'x ner speed':>12}"
           f"{'cold ms':>9}  {'start-up s (import+build)':<26}{'process s':>10}{'peak RSS':>10}"
           f"{'RSS N/10 -> N (MB)':>22}")
    print(hdr)
    print("-" * len(hdr))
    for r in rows:
        ms = [t / r["n"] * 1000 for t in r["times_s"]]
        med = statistics.median(ms)
        startup = f"{statistics.median(r['startups']):5.2f} ({statistics.median(r['build']):.2f})"
        print(f"{r['contender']:<14}{r['n']:>6}  {fmt_spread(ms):<28}{1000 / med:>11.1f}{ner_ms / med:>11.2f}x"
              f"{r['cold_ms']:>9.1f}  {startup:<26}{statistics.median(r['process_s']):>10.2f}{r['peak_rss_mb']:>8.0f}MB"
              f"{r['rss_tenth_mb']:>13.0f} -> {r['rss_n_mb']:.0f}")
    print("\n'x ner speed' = articles/s of the contender / articles/s of underthesea ner per sentence "
          "(>1 is faster than ner).\n'cold ms' = ms/article on the first pass over the distinct texts, "
          "caches empty.\nRepeated passes widen the space before each sentence's final mark (1, 2, 3... spaces) "
          "so that no sentence repeats\nand per-sentence caches cannot make repeats free; the time to build "
          "these variants is not counted.")


def _run_cli(extra: list[str], jsonl: Path, out: Path) -> float:
    t = time.perf_counter()
    proc = subprocess.run([sys.executable, "-m", "extractor.cli", "run", str(jsonl), "--out", str(out), "--quiet",
                           *extra], cwd=ROOT, capture_output=True, text=True)
    if proc.returncode:
        raise SystemExit(f"extractor run {' '.join(extra)} failed:\n{proc.stderr[-3000:]}")
    return time.perf_counter() - t


def same_outputs(a: Path, b: Path) -> bool:
    names = ["records.csv", "documents.csv", "errors.csv"]
    if sorted(os.listdir(a / "predictions")) != sorted(os.listdir(b / "predictions")):
        return False
    names += [f"predictions/{n}" for n in os.listdir(a / "predictions")]
    return all(filecmp.cmp(a / n, b / n, shallow=False) for n in names)


def scaling(args, paths: list[Path], k: int) -> None:
    n = args.scaling_n or args.n
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        jsonl = tmp / "articles.jsonl"
        raws = [p.read_text(encoding="utf-8").lstrip("\ufeff") for p in paths]
        with open(jsonl, "w", encoding="utf-8") as fh:
            for i in range(n):
                fh.write(json.dumps({"id": f"a{i:05d}_{paths[i % k].stem[:12]}", "text": raws[i % k]},
                                    ensure_ascii=False) + "\n")
        print(f"\n== Scaling: `extractor run articles.jsonl --out OUT --quiet [...]`, {n} articles, "
              f"wall time of the whole command (start-up and writing included); {os.cpu_count()} cores\n")
        modes = [("--workers 1", []), ("--workers 2", ["--workers", "2"])]
        if not args.no_dask:
            modes.append(("--dask (LocalCluster, 2 procs)", ["--dask", "--workers", "2"]))
        base = ref = None
        print(f"{'mode':<32}{'wall s':>8}{'articles/s':>12}{'speed-up':>10}  outputs")
        for label, extra in modes:
            out = tmp / f"out{len(os.listdir(tmp))}"
            wall = _run_cli(extra, jsonl, out)
            if ref is None:
                base, ref, same = wall, out, "reference"
            else:
                same = "identical to --workers 1" if same_outputs(ref, out) else "DIFFERENT from --workers 1"
            print(f"{label:<32}{wall:>8.1f}{n / wall:>12.1f}{base / wall:>9.2f}x  {same}")


def profile(args, paths: list[Path], k: int) -> None:
    """Per-stage time over profile_n articles, then pyinstrument's call tree."""
    from extractor.nlp import load, to_record
    from extractor.reading import from_text

    nlp = load()
    raws = [p.read_text(encoding="utf-8").lstrip("\ufeff") for p in paths]
    n = args.profile_n
    from extractor.nlp import process

    process(from_text(raws[0], "warm"), nlp)
    spent: dict[str, float] = {}

    def add(name: str, t: float) -> None:
        spent[name] = spent.get(name, 0.0) + time.perf_counter() - t

    for i in range(n):
        t = time.perf_counter()
        article = from_text(variant(raws[i % k], i // k + 1), f"a{i}")
        add("reading (NFC, furniture)", t)
        t = time.perf_counter()
        from extractor.nlp import make_doc

        doc = make_doc(article, nlp)
        add("tokenizer (sentences + underthesea word_tokenize)", t)
        for name, proc in nlp.pipeline:
            t = time.perf_counter()
            doc = proc(doc)
            add(f"stage {name}", t)
        t = time.perf_counter()
        to_record(doc)
        add("to_record", t)
    total = sum(spent.values())
    print(f"\n== Where the time goes: {n} articles, {total / n * 1000:.1f} ms/article\n")
    for name, s in sorted(spent.items(), key=lambda kv: -kv[1]):
        print(f"  {name:<52}{s / n * 1000:8.2f} ms/article {100 * s / total:6.1f}%")
    try:
        from pyinstrument import Profiler
    except ImportError:
        print("\n(pyinstrument not installed: pip install -e '.[bench]')")
        return
    profiler = Profiler()
    texts = [variant(raws[i % k], n // k + 2 + i // k) for i in range(n)]  # sentences not seen above
    profiler.start()
    for i, text in enumerate(texts):
        process(from_text(text, f"a{i}"), nlp)
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=0, help="articles per run (default: the corpus repeated to ~2,000)")
    parser.add_argument("--ner-n", type=int, default=0,
                        help="articles for the slow ner baseline (default: 10 passes over the corpus)")
    parser.add_argument("--scaling-n", type=int, default=0, help="articles for the scaling runs (default: --n)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--startup-runs", type=int, default=3)
    parser.add_argument("--profile-n", type=int, default=0, help="articles to profile (default: 5 passes)")
    parser.add_argument("--only", choices=("contenders", "scaling", "profile"), action="append",
                        help="run only these sections (repeatable; default contenders and scaling)")
    parser.add_argument("--no-dask", action="store_true", help="leave Dask out of the scaling runs")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--paths-file", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        paths = json.loads(Path(args.paths_file).read_text(encoding="utf-8"))
        print(json.dumps(child(args.child, paths, args.n, args.repeats)))
        return 0
    sys.path.insert(0, str(ROOT))
    paths, where = corpus_paths()
    k = len(paths)
    args.n = args.n or max(1, round(2000 / k)) * k
    args.ner_n = min(args.ner_n or 10 * k, args.n)
    args.profile_n = args.profile_n or 5 * k
    sections = args.only or ["contenders", "scaling"]
    import platform

    print(f"corpus: {where}; python {platform.python_version()}, {os.cpu_count()} cores, {platform.machine()}")
    if "contenders" in sections:
        contenders(args, paths, k)
    if "scaling" in sections:
        scaling(args, paths, k)
    if "profile" in sections:
        profile(args, paths, k)
    return 0


if __name__ == "__main__":
    sys.exit(main())
