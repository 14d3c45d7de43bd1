"""``extractor evaluate``: predictions against gold, by the rules of GOLD_FORMAT.md.

Per article and per field, gold and predicted items are matched one-to-one on
the field's key; P/R/F1 are micro-averaged over articles per field, attribute
accuracies are over matched pairs whose gold attribute is not null, and the
headline is the macro F1 of ``record.HEADLINE_FIELDS``.

Decisions where the contract leaves a choice (documented in gold/README.md too):

* **Exact duplicates.** Two items of one field in one file are duplicates when
  they are equal on ``text`` and on every attribute the contract gives the
  field (``record.FIELDS``); anything else (``start``, ``end``, ``rule``,
  ``sentence``, ``reviewed``, ...) is ignored.  Values are compared as written
  (no folding), numbers as numbers.  Duplicates are counted once, in gold and
  in predictions alike.
* **Which pair wins.** The matching maximises, in this order: the number of
  matched pairs; the number of attributes the pairs agree on (an attribute
  agrees when the attribute rule below says equal; null agrees with null);
  the closeness of the key (Jaccard for sentences, |difference| for
  percentages).  It is an exact optimal assignment (Hungarian algorithm), not
  a greedy one.
* **Token overlap** (title, measure, trigger, by, to): the folded token sets A
  and B agree when ``|A ∩ B| / max(|A|, |B|) >= 0.5`` — at least half of the
  longer phrase is shared.  Recommendation and difficulty keys use Jaccard
  ``|A ∩ B| / |A ∪ B| >= 0.5`` as the contract says.
* Other string attributes agree when equal after ``folding.fold``; ``code``
  agrees as a number ("00070" = "70"); keys: dates by exact ``value`` string,
  counts by numeric ``value``, percentages by ``|g - p| <= 0.05``.
* P = tp/pred, R = tp/gold, F1 their harmonic mean; when both gold and pred
  are 0, P = R = F1 = 1 (nothing to find and nothing found), otherwise a zero
  denominator gives 0.
* **Intervals** (``--ci``): a percentile bootstrap over articles.  Articles
  are drawn with replacement, as many as were scored, and every field's F1 and
  the headline are recomputed (micro over the drawn articles); the interval is
  the middle 95% of 2,000 draws, with a fixed seed so that a run repeats.  It
  says how much a score on a few articles could move on others like them; it
  knows nothing of articles unlike them.
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from .folding import fold, tokens
from .record import FIELDS, HEADLINE_FIELDS

ROOT = Path(__file__).resolve().parent.parent
DEVSPLIT = ROOT / "tests" / "devsplit.json"

PERCENT_TOLERANCE = 0.05
JACCARD_MIN = 0.5
OVERLAP_MIN = 0.5

# field -> attributes scored on matched pairs (GOLD_FORMAT.md table), and how each is compared
SCORED: dict[str, tuple[str, ...]] = {
    "dates": (),
    "places": ("province", "code"),
    "officials": ("title", "honorific", "role"),
    "dossier_counts": ("status", "category", "place", "period"),
    "procedure_counts": ("kind", "place"),
    "percentages": ("measure", "place", "period"),
    "recommendations": ("trigger", "by", "to"),
    "difficulties": (),
}
OVERLAP_ATTRS = {("officials", "title"), ("percentages", "measure"), ("recommendations", "trigger"),
                 ("recommendations", "by"), ("recommendations", "to")}
NUMBER_ATTRS = {("places", "code")}


# ---------------------------------------------------------------- comparisons

def to_number(value: Any) -> float | None:
    """A number from a JSON number or a numeric string ("91,2", "00070"); None otherwise."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        s = value.strip().replace(",", ".")
        try:
            return float(s)
        except ValueError:
            return None
    return None


def token_set(text: Any) -> frozenset[str]:
    return frozenset(tokens(str(text))) if text is not None else frozenset()


def jaccard(a: Any, b: Any) -> float:
    sa, sb = token_set(a), token_set(b)
    if not sa and not sb:
        return 1.0
    return len(sa & sb) / len(sa | sb)


def overlap(a: Any, b: Any) -> float:
    """|A ∩ B| / max(|A|, |B|) over folded token sets."""
    sa, sb = token_set(a), token_set(b)
    if not sa and not sb:
        return 1.0
    return len(sa & sb) / max(len(sa), len(sb))


def attr_agrees(field_name: str, attr: str, gold: Any, pred: Any) -> bool:
    """The contract's equality for one scored attribute; null agrees only with null."""
    if gold is None or pred is None:
        return gold is None and pred is None
    if (field_name, attr) in OVERLAP_ATTRS:
        return overlap(gold, pred) >= OVERLAP_MIN
    if (field_name, attr) in NUMBER_ATTRS:
        g, p = to_number(gold), to_number(pred)
        if g is not None and p is not None:
            return g == p
    if isinstance(gold, (int, float)) and not isinstance(gold, bool):
        return to_number(pred) == float(gold)
    return fold(str(gold)) == fold(str(pred))


def key_quality(field_name: str, gold: dict, pred: dict) -> float | None:
    """None when the pair does not match on the field's key, else a closeness in [0, 1]."""
    if field_name == "dates":
        g, p = gold.get("value"), pred.get("value")
        return 1.0 if g is not None and p is not None and str(g).strip() == str(p).strip() else None
    if field_name == "places":
        gl, pl, gn, pn = gold.get("level"), pred.get("level"), gold.get("name"), pred.get("name")
        if None in (gl, pl, gn, pn):
            return None
        return 1.0 if fold(str(gl)) == fold(str(pl)) and fold(str(gn)) == fold(str(pn)) else None
    if field_name == "officials":
        gn, pn = gold.get("name"), pred.get("name")
        return 1.0 if gn is not None and pn is not None and fold(str(gn)) == fold(str(pn)) else None
    if field_name in ("dossier_counts", "procedure_counts"):
        g, p = to_number(gold.get("value")), to_number(pred.get("value"))
        return 1.0 if g is not None and p is not None and g == p else None
    if field_name == "percentages":
        g, p = to_number(gold.get("value")), to_number(pred.get("value"))
        if g is None or p is None:
            return None
        diff = abs(g - p)
        return 1.0 - diff / (2 * PERCENT_TOLERANCE) if diff <= PERCENT_TOLERANCE + 1e-9 else None
    if field_name in ("recommendations", "difficulties"):
        g, p = gold.get("text"), pred.get("text")
        if g is None or p is None:
            return None
        j = jaccard(g, p)
        return j if j >= JACCARD_MIN else None
    raise KeyError(field_name)


def agreement(field_name: str, gold: dict, pred: dict) -> int:
    return sum(attr_agrees(field_name, a, gold.get(a), pred.get(a)) for a in SCORED[field_name])


# ---------------------------------------------------------------- duplicates and matching

def contract_view(field_name: str, item: dict) -> dict:
    """The item restricted to ``text`` and the contract's attributes of the field."""
    keys = ("text",) + FIELDS[field_name] if field_name != "officials" else FIELDS[field_name]
    return {k: item.get(k) for k in keys}


def _freeze(value: Any) -> Any:
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return ("num", float(value))
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    if isinstance(value, dict):
        return tuple(sorted((k, _freeze(v)) for k, v in value.items()))
    return repr(value)


def dedupe(field_name: str, items: Iterable[dict]) -> list[dict]:
    """Exact duplicates (same text and same contract attributes) counted once; order kept."""
    seen: set = set()
    out: list[dict] = []
    for item in items:
        if not isinstance(item, dict):
            continue
        key = _freeze(contract_view(field_name, item))
        if key in seen:
            continue
        seen.add(key)
        out.append(item)
    return out


def _hungarian_max(weights: list[list[int]]) -> list[tuple[int, int]]:
    """Maximum-weight assignment on a rectangular matrix of non-negative ints; pairs (row, col).

    Pairs of weight 0 are not edges and are dropped from the answer.
    """
    n_rows = len(weights)
    n_cols = len(weights[0]) if n_rows else 0
    if not n_rows or not n_cols:
        return []
    n = max(n_rows, n_cols)
    top = max(max(r) for r in weights)
    # square cost matrix (minimisation), padding with cost `top` (weight 0)
    cost = [[top - (weights[i][j] if i < n_rows and j < n_cols else 0) for j in range(n)] for i in range(n)]
    INF = float("inf")
    u = [0] * (n + 1)
    v = [0] * (n + 1)
    p = [0] * (n + 1)
    way = [0] * (n + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [INF] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[j0] = True
            i0 = p[j0]
            delta = INF
            j1 = 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j] = cur
                        way[j] = j0
                    if minv[j] < delta:
                        delta = minv[j]
                        j1 = j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    pairs = []
    for j in range(1, n + 1):
        i = p[j]
        if i and i <= n_rows and j <= n_cols and weights[i - 1][j - 1] > 0:
            pairs.append((i - 1, j - 1))
    return sorted(pairs)


def match(field_name: str, gold: list[dict], pred: list[dict]) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, pred index): most pairs, then most agreeing attributes,
    then the closest keys."""
    cand: dict[tuple[int, int], tuple[int, float]] = {}
    for i, g in enumerate(gold):
        for j, p in enumerate(pred):
            q = key_quality(field_name, g, p)
            if q is not None:
                cand[(i, j)] = (agreement(field_name, g, p), q)
    if not cand:
        return []
    # lexicographic weights as exact integers: cardinality >> agreement >> key closeness
    n_pairs = min(len(gold), len(pred))
    q_scale = 1000
    m_agree = q_scale * (n_pairs + 1)
    m_pair = (len(SCORED[field_name]) * m_agree + q_scale) * (n_pairs + 1) + 1
    rows = sorted({i for i, _ in cand})
    cols = sorted({j for _, j in cand})
    weights = [[0] * len(cols) for _ in rows]
    for (i, j), (agree, q) in cand.items():
        weights[rows.index(i)][cols.index(j)] = m_pair + agree * m_agree + int(round(q * q_scale))
    return sorted((rows[r], cols[c]) for r, c in _hungarian_max(weights))


# ---------------------------------------------------------------- scores

def prf(tp: int, n_gold: int, n_pred: int) -> tuple[float, float, float]:
    if n_gold == 0 and n_pred == 0:
        return 1.0, 1.0, 1.0
    p = tp / n_pred if n_pred else 0.0
    r = tp / n_gold if n_gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


@dataclass
class FieldScore:
    gold: int = 0
    pred: int = 0
    tp: int = 0
    # attribute -> [correct, n] over matched pairs whose gold attribute is not null
    attrs: dict[str, list[int]] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return prf(self.tp, self.gold, self.pred)[0]

    @property
    def recall(self) -> float:
        return prf(self.tp, self.gold, self.pred)[1]

    @property
    def f1(self) -> float:
        return prf(self.tp, self.gold, self.pred)[2]

    def accuracy(self, attr: str) -> float | None:
        correct, n = self.attrs.get(attr, [0, 0])
        return correct / n if n else None

    def add(self, other: "FieldScore") -> None:
        self.gold += other.gold
        self.pred += other.pred
        self.tp += other.tp
        for a, (c, n) in other.attrs.items():
            acc = self.attrs.setdefault(a, [0, 0])
            acc[0] += c
            acc[1] += n

    def to_dict(self) -> dict[str, Any]:
        return {"gold": self.gold, "pred": self.pred, "tp": self.tp, "precision": self.precision,
                "recall": self.recall, "f1": self.f1,
                "attributes": {a: {"correct": c, "n": n, "accuracy": (c / n if n else None)}
                               for a, (c, n) in self.attrs.items()}}


@dataclass
class ErrorItem:
    doc_id: str
    field: str
    kind: str  # "missed", "spurious", "attribute"
    gold: dict | None
    pred: dict | None
    attrs: tuple[str, ...] = ()  # the attributes that disagree (kind "attribute")

    def to_dict(self) -> dict[str, Any]:
        return {"doc_id": self.doc_id, "field": self.field, "kind": self.kind,
                "gold": _clean(self.field, self.gold), "pred": _clean(self.field, self.pred),
                "attributes": list(self.attrs)}


def _clean(field_name: str, item: dict | None) -> dict | None:
    return None if item is None else contract_view(field_name, item)


@dataclass
class Scores:
    fields: dict[str, FieldScore]
    by_doc: dict[str, dict[str, FieldScore]]
    errors: list[ErrorItem]

    @property
    def headline(self) -> float:
        return sum(self.fields[f].f1 for f in HEADLINE_FIELDS) / len(HEADLINE_FIELDS)

    def doc_score(self, doc_id: str, fields: Iterable[str] = HEADLINE_FIELDS) -> FieldScore:
        total = FieldScore()
        for f in fields:
            if f in self.by_doc.get(doc_id, {}):
                total.add(self.by_doc[doc_id][f])
        return total

    def to_dict(self) -> dict[str, Any]:
        return {"headline_macro_f1": self.headline, "headline_fields": list(HEADLINE_FIELDS),
                "documents": len(self.by_doc),
                "fields": {f: s.to_dict() for f, s in self.fields.items()},
                "by_doc": {d: {f: s.to_dict() for f, s in fs.items()} for d, fs in self.by_doc.items()},
                "errors": [e.to_dict() for e in self.errors]}


def score_field(doc_id: str, field_name: str, gold_items: list, pred_items: list) -> tuple[FieldScore, list[ErrorItem]]:
    gold = dedupe(field_name, gold_items or [])
    pred = dedupe(field_name, pred_items or [])
    pairs = match(field_name, gold, pred)
    fs = FieldScore(gold=len(gold), pred=len(pred), tp=len(pairs), attrs={a: [0, 0] for a in SCORED[field_name]})
    errors: list[ErrorItem] = []
    for i, j in pairs:
        wrong = []
        for a in SCORED[field_name]:
            g = gold[i].get(a)
            if g is None:
                continue
            fs.attrs[a][1] += 1
            if attr_agrees(field_name, a, g, pred[j].get(a)):
                fs.attrs[a][0] += 1
            else:
                wrong.append(a)
        if wrong:
            errors.append(ErrorItem(doc_id, field_name, "attribute", gold[i], pred[j], tuple(wrong)))
    gi = {i for i, _ in pairs}
    pj = {j for _, j in pairs}
    errors += [ErrorItem(doc_id, field_name, "missed", g, None) for i, g in enumerate(gold) if i not in gi]
    errors += [ErrorItem(doc_id, field_name, "spurious", None, p) for j, p in enumerate(pred) if j not in pj]
    return fs, errors


def score(gold: dict[str, dict], pred: dict[str, dict]) -> Scores:
    """Score predictions against gold: both map doc_id -> a gold-format dict.

    Only the gold documents are scored; a document or field missing from the
    predictions counts as predicting nothing; a field the gold file leaves out
    (or sets to null) is not scored for that document.
    """
    totals = {f: FieldScore(attrs={a: [0, 0] for a in SCORED[f]}) for f in FIELDS}
    by_doc: dict[str, dict[str, FieldScore]] = {}
    errors: list[ErrorItem] = []
    for doc_id in sorted(gold):
        g_doc = gold[doc_id] or {}
        p_doc = pred.get(doc_id) or {}
        by_doc[doc_id] = {}
        for f in FIELDS:
            if not isinstance(g_doc.get(f), list):
                continue
            p_items = p_doc.get(f)
            fs, errs = score_field(doc_id, f, g_doc[f], p_items if isinstance(p_items, list) else [])
            by_doc[doc_id][f] = fs
            totals[f].add(fs)
            errors += errs
    return Scores(fields=totals, by_doc=by_doc, errors=errors)


BOOTSTRAP_DRAWS = 2000
BOOTSTRAP_SEED = 0


def bootstrap(scores: Scores, draws: int = BOOTSTRAP_DRAWS, level: float = 0.95, seed: int = BOOTSTRAP_SEED
              ) -> dict[str, tuple[float, float]]:
    """Percentile bootstrap over articles: field (and "headline") -> (low, high) of F1.

    Each draw takes len(articles) articles with replacement and sums their
    per-field counts, so an article's items stay together (they are not
    independent).  A field no drawn article scores is left out of that draw.
    """
    docs = sorted(scores.by_doc)
    if not docs:
        return {}
    rng = random.Random(seed)
    samples: dict[str, list[float]] = {f: [] for f in FIELDS}
    samples["headline"] = []
    for _ in range(draws):
        drawn = [docs[rng.randrange(len(docs))] for _ in docs]
        totals: dict[str, FieldScore] = {}
        for d in drawn:
            for f, fs in scores.by_doc[d].items():
                totals.setdefault(f, FieldScore()).add(fs)
        for f, fs in totals.items():
            samples[f].append(fs.f1)
        if all(f in totals for f in HEADLINE_FIELDS):
            samples["headline"].append(sum(totals[f].f1 for f in HEADLINE_FIELDS) / len(HEADLINE_FIELDS))
    tail = (1.0 - level) / 2
    out: dict[str, tuple[float, float]] = {}
    for f, xs in samples.items():
        if not xs:
            continue
        xs.sort()
        lo = xs[min(len(xs) - 1, int(tail * len(xs)))]
        hi = xs[min(len(xs) - 1, int((1.0 - tail) * len(xs)))]
        out[f] = (lo, hi)
    return out


# ---------------------------------------------------------------- loading

class EvaluateError(Exception):
    pass


def load_dir(path: Path) -> dict[str, dict]:
    """doc_id (file stem) -> parsed JSON, for every *.json in the folder."""
    path = Path(path)
    if not path.is_dir():
        raise EvaluateError(f"{path}: no such folder")
    out: dict[str, dict] = {}
    for p in sorted(path.glob("*.json")):
        try:
            out[p.stem] = json.loads(p.read_text(encoding="utf-8"))
        except (json.JSONDecodeError, UnicodeDecodeError) as exc:
            raise EvaluateError(f"{p}: not valid JSON: {exc}") from exc
        if not isinstance(out[p.stem], dict):
            raise EvaluateError(f"{p}: must hold a JSON object")
    return out


def unreviewed(doc: dict) -> list[str]:
    """'field[i]' of every item marked "reviewed": false (and 'file' for a file-level flag)."""
    found = ["file"] if doc.get("reviewed") is False else []
    for f in FIELDS:
        for i, item in enumerate(doc.get(f) or []):
            if isinstance(item, dict) and item.get("reviewed") is False:
                found.append(f"{f}[{i}]")
    return found


def split_ids(name: str, gold_ids: Iterable[str]) -> set[str]:
    holdout = set(json.loads(DEVSPLIT.read_text(encoding="utf-8"))["holdout"])
    if name == "holdout":
        return holdout
    if name == "tune":
        return set(gold_ids) - holdout
    raise EvaluateError(f"unknown split {name!r}: use holdout or tune")


def doc_filter(spec: str, gold_ids: Iterable[str]) -> set[str]:
    """A split name (holdout, tune), or a file of doc ids (JSON list / {"holdout": [...]} or one per line)."""
    if spec in ("holdout", "tune"):
        return split_ids(spec, gold_ids)
    p = Path(spec)
    if not p.is_file():
        raise EvaluateError(f"--docs {spec}: neither a split (holdout, tune) nor a file")
    text = p.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        return {line.strip().removesuffix(".json").removesuffix(".txt") for line in text.splitlines()
                if line.strip() and not line.startswith("#")}
    if isinstance(data, dict):
        data = data.get("doc_ids") or data.get("holdout") or []
    return {str(d) for d in data}


def predict_corpus(corpus: Path, doc_ids: Iterable[str]) -> dict[str, dict]:
    """Run the pipeline on corpus/<doc_id>.txt for every gold document that has one."""
    from .nlp import load, process
    from .reading import read_file

    nlp = None
    out: dict[str, dict] = {}
    for doc_id in sorted(doc_ids):
        path = Path(corpus) / f"{doc_id}.txt"
        if not path.is_file():
            print(f"warning: {path} not found: {doc_id} scored as predicting nothing", file=sys.stderr)
            continue
        nlp = nlp or load()
        out[doc_id] = process(read_file(path), nlp).to_dict()
    return out


# ---------------------------------------------------------------- report

def _fmt(x: float | None) -> str:
    return "   -" if x is None else f"{x:.3f}"


def _brief(field_name: str, item: dict | None) -> str:
    if item is None:
        return "-"
    view = contract_view(field_name, item)
    text = view.pop("text", None)
    if text is not None and len(text) > 90:
        text = text[:87] + "..."
    attrs = ", ".join(f"{k}={v!r}" for k, v in view.items() if v is not None)
    return (f"{text!r} " if text is not None else "") + f"{{{attrs}}}"


def _interval(ci: dict[str, tuple[float, float]] | None, key: str) -> str:
    if ci is None:
        return ""
    lo, hi = ci.get(key, (None, None))
    return " [   -    -  ]" if lo is None else f" [{lo:.2f}-{hi:.2f}]"


def report(scores: Scores, fields: Iterable[str] = tuple(FIELDS), errors: bool = False, by_doc: bool = False,
           out=None, ci: dict[str, tuple[float, float]] | None = None) -> None:
    out = out or sys.stdout
    fields = list(fields)
    w = max(len(f) for f in fields) + 1
    ci_head = "  95% CI    " if ci is not None else ""
    print(f"{'field':<{w}} {'gold':>5} {'pred':>5} {'tp':>5} {'P':>6} {'R':>6} {'F1':>6}{ci_head}  "
          f"attributes (accuracy, n)", file=out)
    for f in fields:
        s = scores.fields[f]
        attrs = "  ".join(f"{a} {_fmt(s.accuracy(a))} ({s.attrs[a][1]})" for a in SCORED[f])
        print(f"{f:<{w}} {s.gold:>5} {s.pred:>5} {s.tp:>5} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}"
              f"{_interval(ci, f)}  {attrs}", file=out)
    print(f"headline macro-F1 ({len(HEADLINE_FIELDS)} fields): {scores.headline:.3f}{_interval(ci, 'headline')}  "
          f"[{len(scores.by_doc)} documents]", file=out)
    if ci is not None:
        print(f"95% CI: percentile bootstrap over articles ({BOOTSTRAP_DRAWS:,} draws, seed {BOOTSTRAP_SEED})",
              file=out)
    if by_doc:
        scope = fields if len(fields) == 1 else list(HEADLINE_FIELDS)
        rows = [(d, scores.doc_score(d, scope)) for d in scores.by_doc]
        rows.sort(key=lambda r: (r[1].f1, r[0]))
        label = scope[0] if len(scope) == 1 else "headline fields, micro"
        print(f"\nper article ({label}), worst first:", file=out)
        print(f"{'doc_id':<48} {'gold':>5} {'pred':>5} {'tp':>5} {'P':>6} {'R':>6} {'F1':>6}", file=out)
        for d, s in rows:
            print(f"{d[:48]:<48} {s.gold:>5} {s.pred:>5} {s.tp:>5} {s.precision:6.3f} {s.recall:6.3f} {s.f1:6.3f}",
                  file=out)
    if errors:
        print("\nerrors:", file=out)
        for e in scores.errors:
            if e.field not in fields:
                continue
            if e.kind == "missed":
                print(f"{e.doc_id}  {e.field}  MISSED    {_brief(e.field, e.gold)}", file=out)
            elif e.kind == "spurious":
                print(f"{e.doc_id}  {e.field}  SPURIOUS  {_brief(e.field, e.pred)}", file=out)
            else:
                diffs = "; ".join(f"{a}: gold {e.gold.get(a)!r} pred {e.pred.get(a)!r}" for a in e.attrs)
                key = _brief(e.field, e.gold)
                print(f"{e.doc_id}  {e.field}  ATTRIBUTE {key}  -> {diffs}", file=out)


def cmd_evaluate(args: argparse.Namespace) -> int:
    try:
        gold = load_dir(Path(args.gold))
        if not gold:
            raise EvaluateError(f"{args.gold}: no gold .json files")
        selector = args.split or args.docs
        if selector:
            keep = doc_filter(selector, gold)
            gold = {d: g for d, g in gold.items() if d in keep}
            if not gold:
                raise EvaluateError(f"no gold document of {args.gold} is in {selector}")
        bad = {d: unreviewed(g) for d, g in gold.items()}
        bad = {d: where for d, where in bad.items() if where}
        if bad and not args.allow_unreviewed:
            for d, where in sorted(bad.items()):
                shown = ", ".join(where[:6]) + (f" and {len(where) - 6} more" if len(where) > 6 else "")
                print(f"error: {Path(args.gold) / (d + '.json')}: items not reviewed (\"reviewed\": false): {shown}",
                      file=sys.stderr)
            print("error: review them (set \"reviewed\": true or drop the flag) or pass --allow-unreviewed",
                  file=sys.stderr)
            return 2
        if args.pred:
            pred = load_dir(Path(args.pred))
            missing = sorted(set(gold) - set(pred))
            if missing:
                print(f"warning: {len(missing)} gold documents have no prediction (scored as predicting nothing): "
                      f"{', '.join(missing[:5])}{' ...' if len(missing) > 5 else ''}", file=sys.stderr)
        else:
            pred = predict_corpus(Path(args.corpus), gold)
    except EvaluateError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if args.field and args.field not in FIELDS:
        print(f"error: unknown field {args.field!r}; one of {', '.join(FIELDS)}", file=sys.stderr)
        return 2
    scores = score(gold, pred)
    fields = [args.field] if args.field else list(FIELDS)
    ci = bootstrap(scores) if args.ci else None
    report(scores, fields, errors=args.errors, by_doc=args.by_doc, ci=ci)
    if args.json:
        data = scores.to_dict()
        if ci is not None:
            data["bootstrap_95"] = {k: list(v) for k, v in ci.items()}
        Path(args.json).parent.mkdir(parents=True, exist_ok=True)
        Path(args.json).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


def add_parser(sub) -> None:
    p = sub.add_parser("evaluate", help="score predictions against gold (GOLD_FORMAT.md rules)",
                       description="Score predictions against gold files by the rules of GOLD_FORMAT.md.")
    p.add_argument("--gold", required=True, help="folder of gold <doc_id>.json files")
    src = p.add_mutually_exclusive_group(required=True)
    src.add_argument("--pred", help="folder of prediction <doc_id>.json files")
    src.add_argument("--corpus", help="folder of <doc_id>.txt articles: run the pipeline on the gold documents")
    p.add_argument("--json", help="write every number (fields, attributes, per document, errors) to this file")
    p.add_argument("--errors", action="store_true", help="list every missed, spurious and wrong-attribute item")
    p.add_argument("--by-doc", action="store_true", help="per-article P/R/F1, worst first")
    p.add_argument("--field", help="show only this field")
    p.add_argument("--ci", action="store_true",
                   help=f"add a 95%% interval to every F1: a bootstrap over articles ({BOOTSTRAP_DRAWS:,} draws, fixed seed)")
    sel = p.add_mutually_exclusive_group()
    sel.add_argument("--docs", help="restrict to a split (holdout, tune) or a file of doc ids")
    sel.add_argument("--split", choices=("holdout", "tune"),
                     help="holdout: tests/devsplit.json's list; tune: every other gold document")
    p.add_argument("--allow-unreviewed", action="store_true", help="score gold items marked \"reviewed\": false")
    p.set_defaults(func=cmd_evaluate)
