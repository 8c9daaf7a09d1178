#!/usr/bin/env python3
"""Error analysis of attrib's predictions against PolNeAR gold attributions.

  polnear_diff.py --gold DIR --pred PRED.jsonl --doc STEM     one document, gold beside prediction
  polnear_diff.py --gold DIR --pred PRED.jsonl --all          error counts over every document
  polnear_diff.py --gold DIR --pred PRED.jsonl --worst N [--scores PER_DOC.json]

DIR is a PolNeAR split (text/<stem>.txt, attributions/<stem>_<annotator>.ann); PRED.jsonl is
`attrib extract --format jsonl` output. Gold reading, tokenisation and matching are the scorer's
own (shared/eval/polnear_score.py, imported, found via --scorer): the alphabetically first .ann of
a document is the gold; a prediction matches a gold attribution when their contents share a word
token (one-to-one, pairs whose sources agree first). Each gold attribution is then
  OK            matched, and the sources agree (both absent, or sharing a word token)
  WRONG-SOURCE  matched, sources disagree
  MISSED        not matched
and every unmatched prediction is SPURIOUS. --all groups these by the cue's head word (the cue
without auxiliaries, modals, negation and a few adverbs; --by-cue-text groups by the whole cue).
--worst lists the documents with the lowest attribution F1 (from the scorer's --per-doc --json
output when --scores is given, else computed the scorer's way), with their gold/predicted counts.
Standard library only. Prints text the corpus holds: keep its output out of the repository.
"""
import argparse
import collections
import importlib.util
import json
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_SCORER = os.path.join(os.path.dirname(os.path.dirname(HERE)), "shared", "eval", "polnear_score.py")

# Words skipped when naming a cue by its head word ("has not said" -> "said").
CUE_FILLER = set("""
a an the has have had having is are was were be been being am do does did will would shall should
can could may might must not n't never also just still then later again already repeatedly publicly
previously recently often first once further even only now
""".split()) | {"n’t", "’s", "'s"}


def load_scorer(path):
    if not os.path.isfile(path):
        sys.exit(f"polnear_diff.py: scorer not found at {path} (../shared is missing?); use --scorer")
    spec = importlib.util.spec_from_file_location("polnear_score", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


class Doc:
    """One document: its text, gold attributions and predictions, matched the scorer's way."""

    def __init__(self, ps, gold_dir, stem, ann_paths, pred_obj):
        self.stem = stem
        self.text = open(os.path.join(gold_dir, "text", stem + ".txt"), encoding="utf-8").read()
        self.ann = ann_paths[0]
        idx = ps.TokenIndex(self.text)
        mask = ps.quoted_mask(self.text, idx.tokens)

        def prep(a, raw):
            c = idx.ids(a["content"])
            return {"c": c, "s": idx.ids(a["source"]), "q": idx.ids(a["cue"]),
                    "kind": ps.kind_of(c, mask), "spans": a, "raw": raw}

        gold = [prep(a, None) for a in ps.read_brat(self.ann)]
        preds = []
        for raw in (pred_obj or {}).get("attributions", []):
            a = {k: ps.parse_span(raw.get(k)) for k in ("content", "source", "cue")}
            preds.append(prep(a, raw))
        # the scorer drops attributions whose content has no word token
        self.gold = sorted((g for g in gold if g["c"]), key=lambda g: min(g["spans"]["content"]))
        self.preds = [p for p in preds if p["c"]]
        self.pairs = {gi: (pi, ov) for gi, pi, ov in ps.match(self.gold, self.preds)}
        self.matched_preds = {pi for pi, _ in self.pairs.values()}
        self.source_agrees = ps.source_agrees

    def status(self, gi):
        if gi not in self.pairs:
            return "MISSED"
        pi, _ = self.pairs[gi]
        return "OK" if self.source_agrees(self.gold[gi], self.preds[pi]) else "WRONG-SOURCE"

    def spurious(self):
        return [pi for pi in range(len(self.preds)) if pi not in self.matched_preds]

    def span_text(self, spans, limit=None):
        if not spans:
            return "—"
        t = " … ".join(self.text[s:e] for s, e in sorted(spans))
        t = re.sub(r"\s+", " ", t).strip()
        if limit and len(t) > limit:
            t = t[: limit - 1] + "…"
        return t

    def line_of(self, spans):
        if not spans:
            return 0
        return self.text.count("\n", 0, min(s for s, _ in spans)) + 1


def cue_key(text, by_text):
    t = re.sub(r"\s+", " ", text.lower()).strip()
    if not t:
        return "<no cue>"
    if by_text:
        return t
    toks = re.findall(r"[’']\w+|\w+(?:[’'\-]\w+)*|[^\w\s]", t)
    words = [w for w in toks if w not in CUE_FILLER and re.match(r"\w", w)]
    if words:
        return words[0]
    return toks[0] if toks else "<no cue>"


def load_all(ps, gold_dir, pred_path):
    preds = {}
    with open(pred_path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as e:
                sys.exit(f"{pred_path}:{n}: not JSON: {e}")
            doc = obj.get("doc") or os.path.splitext(os.path.basename(obj.get("path", "")))[0]
            preds[doc] = obj
    return ps.gold_files(gold_dir), preds


def show_doc(ps, gold_dir, pred_path, stem, width):
    files, preds = load_all(ps, gold_dir, pred_path)
    if stem not in files:
        sys.exit(f"polnear_diff.py: no gold annotation for '{stem}' in {gold_dir}/attributions")
    if stem not in preds:
        print(f"warning: {pred_path} has no line for '{stem}': every gold attribution is missed", file=sys.stderr)
    d = Doc(ps, gold_dir, stem, files[stem], preds.get(stem))
    C = ps.Counts()
    ps.score_doc(d.text, ps.read_brat(d.ann), [p["spans"] for p in d.preds], [], C)
    p, r, f = ps.summarize(C)["attribution"]
    statuses = collections.Counter(d.status(gi) for gi in range(len(d.gold)))
    print(f"# {stem}   (gold: {os.path.basename(d.ann)})")
    print(f"gold {len(d.gold)}, predicted {len(d.preds)}: OK {statuses['OK']}, "
          f"WRONG-SOURCE {statuses['WRONG-SOURCE']}, MISSED {statuses['MISSED']}, "
          f"SPURIOUS {len(d.spurious())};  attribution P {p:.3f} R {r:.3f} F1 {f:.3f}")

    def row(label, a, extra=""):
        sp = a["spans"]
        print(f"  {label} S: {d.span_text(sp['source'], 50)}  |  Q: {d.span_text(sp['cue'], 40)}{extra}")
        print(f"        C: {d.span_text(sp['content'], width)}")

    def pred_extra(a):
        raw = a["raw"] or {}
        bits = [raw.get("kind") or a["kind"]]
        if raw.get("speaker"):
            bits.append(f"speaker={raw['speaker']}")
        if raw.get("via"):
            bits.append("via=" + ",".join(map(str, raw["via"])))
        return "  [" + "; ".join(bits) + "]"

    for gi, g in enumerate(d.gold):
        st = d.status(gi)
        print(f"\n{st:<13} line {d.line_of(g['spans']['content'])}  ({g['kind']})")
        row("gold", g)
        if gi in d.pairs:
            pi, ov = d.pairs[gi]
            pa = d.preds[pi]
            match = "exact" if pa["c"] == g["c"] else f"{ov} shared of {len(g['c'])} gold / {len(pa['c'])} pred words"
            row("pred", pa, pred_extra(pa) + f"  content {match}")
    sp = d.spurious()
    if sp:
        print(f"\n## spurious predictions ({len(sp)})")
        for pi in sp:
            pa = d.preds[pi]
            line = (pa["raw"] or {}).get("line") or d.line_of(pa["spans"]["content"])
            print(f"\nSPURIOUS      line {line}")
            row("pred", pa, pred_extra(pa))


def show_all(ps, gold_dir, pred_path, top, by_text):
    files, preds = load_all(ps, gold_dir, pred_path)
    groups = {k: collections.Counter() for k in ("MISSED", "SPURIOUS", "WRONG-SOURCE", "OK")}
    examples = collections.defaultdict(list)
    kinds = collections.Counter()
    totals = collections.Counter()
    for stem, anns in files.items():
        d = Doc(ps, gold_dir, stem, anns, preds.get(stem))
        totals["gold"] += len(d.gold)
        totals["pred"] += len(d.preds)
        for gi, g in enumerate(d.gold):
            st = d.status(gi)
            totals[st] += 1
            kinds[(st, g["kind"])] += 1
            key = cue_key(d.span_text(g["spans"]["cue"]), by_text) if g["spans"]["cue"] else "<no cue>"
            groups[st][key] += 1
            if len(examples[(st, key)]) < 2:
                examples[(st, key)].append(f"{stem}:{d.line_of(g['spans']['content'])}")
        for pi in d.spurious():
            pa = d.preds[pi]
            totals["SPURIOUS"] += 1
            kinds[("SPURIOUS", pa["kind"])] += 1
            key = cue_key(d.span_text(pa["spans"]["cue"]), by_text) if pa["spans"]["cue"] else "<no cue>"
            groups["SPURIOUS"][key] += 1
            if len(examples[("SPURIOUS", key)]) < 2:
                line = (pa["raw"] or {}).get("line") or d.line_of(pa["spans"]["content"])
                examples[("SPURIOUS", key)].append(f"{stem}:{line}")
    print(f"# {len(files)} documents in {gold_dir}, predictions {pred_path}")
    print(f"gold {totals['gold']}, predicted {totals['pred']}: OK {totals['OK']}, "
          f"WRONG-SOURCE {totals['WRONG-SOURCE']}, MISSED {totals['MISSED']}, SPURIOUS {totals['SPURIOUS']}")
    print("by content form (direct / mixed / indirect):")
    for st in ("OK", "WRONG-SOURCE", "MISSED", "SPURIOUS"):
        print(f"  {st:<13}" + "".join(f"{kinds[(st, k)]:>8}" for k in ("direct", "mixed", "indirect")))
    what = "cue text" if by_text else "cue head word"
    for st, title in (("MISSED", f"missed gold attributions by gold {what}"),
                      ("SPURIOUS", f"spurious predictions by predicted {what}"),
                      ("WRONG-SOURCE", f"wrong-source matches by gold {what}")):
        c = groups[st]
        print(f"\n## {title} ({min(top, len(c))} of {len(c)} groups; {sum(c.values())} in all)")
        for key, n in c.most_common(top):
            ok = groups["OK"][key]
            note = f"  (OK {ok})" if st != "SPURIOUS" else ""
            print(f"{n:6d}  {key:<24}{note:<12}  e.g. {', '.join(examples[(st, key)])}")


def show_worst(ps, gold_dir, pred_path, n, scores_path):
    files, preds = load_all(ps, gold_dir, pred_path)
    if scores_path:
        per_doc = json.load(open(scores_path, encoding="utf-8"))["per_doc"]
    else:
        per_doc = {}
        for stem, anns in files.items():
            C = ps.Counts()
            text = open(os.path.join(gold_dir, "text", stem + ".txt"), encoding="utf-8").read()
            obj = preds.get(stem) or {}
            atts = [{k: ps.parse_span(a.get(k)) for k in ("content", "source", "cue")}
                    for a in obj.get("attributions", [])]
            ps.score_doc(text, ps.read_brat(anns[0]), atts, [], C)
            per_doc[stem] = ps.summarize(C)["attribution"]
    rows = []
    for stem, (p, r, f) in per_doc.items():
        d = Doc(ps, gold_dir, stem, files[stem], preds.get(stem))
        if not d.gold and not d.preds:
            continue  # nothing to find and nothing found: not an error
        st = collections.Counter(d.status(gi) for gi in range(len(d.gold)))
        rows.append((f, -len(d.gold), stem, p, r, len(d.gold), len(d.preds), st, len(d.spurious())))
    rows.sort()
    print(f"# {min(n, len(rows))} worst documents by attribution F1")
    print(f"{'F1':>6} {'P':>6} {'R':>6} {'gold':>5} {'pred':>5} {'miss':>5} {'wsrc':>5} {'spur':>5}  document")
    for f, _, stem, p, r, ng, np_, st, nsp in rows[:n]:
        print(f"{f:6.3f} {p:6.3f} {r:6.3f} {ng:5d} {np_:5d} {st['MISSED']:5d} {st['WRONG-SOURCE']:5d} {nsp:5d}  {stem}")


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", required=True, help="PolNeAR split directory")
    ap.add_argument("--pred", required=True, help="attrib extract --format jsonl output")
    mode = ap.add_mutually_exclusive_group(required=True)
    mode.add_argument("--doc", help="document stem (file name without .txt)")
    mode.add_argument("--all", action="store_true", help="aggregate error counts over all documents")
    mode.add_argument("--worst", type=int, metavar="N", help="the N documents with the lowest attribution F1")
    ap.add_argument("--scores", help="with --worst: the scorer's --per-doc --json output")
    ap.add_argument("--top", type=int, default=40, help="with --all: rows per table (default 40)")
    ap.add_argument("--by-cue-text", action="store_true", help="with --all: group by the whole cue, not its head word")
    ap.add_argument("--width", type=int, default=120, help="with --doc: characters of content shown (default 120)")
    ap.add_argument("--scorer", default=DEFAULT_SCORER, help=f"path of polnear_score.py (default {DEFAULT_SCORER})")
    a = ap.parse_args()
    ps = load_scorer(a.scorer)
    if not os.path.isdir(os.path.join(a.gold, "attributions")):
        sys.exit(f"polnear_diff.py: {a.gold} has no attributions/ folder")
    if not os.path.isfile(a.pred):
        sys.exit(f"polnear_diff.py: no prediction file {a.pred}")
    try:
        if a.doc:
            show_doc(ps, a.gold, a.pred, os.path.splitext(os.path.basename(a.doc))[0], a.width)
        elif a.all:
            show_all(ps, a.gold, a.pred, a.top, a.by_cue_text)
        else:
            show_worst(ps, a.gold, a.pred, a.worst, a.scores)
    except BrokenPipeError:
        sys.stderr.close()


if __name__ == "__main__":
    main()
