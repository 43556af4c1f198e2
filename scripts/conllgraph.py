#!/usr/bin/python3
"""Score cograph *as a graph* against CoNLL-2003 gold, document by document.

Each CoNLL document is turned back into newspaper text (headline as title,
one sentence per line), all of them go through one `cograph extract` run, and
each document's predicted entities (label + aliases) are compared with the
distinct gold entity names of that document:

  gold       distinct normalized PER/ORG/LOC names (person/organization/place)
  found      some predicted label or alias normalizes to the gold name
  type ok    such a predicted entity has the gold type
  false pos. a predicted entity none of whose names is a gold name of the
             document (MISC names count: predicting them is not an error)

Counts are summed over documents. Usage:
  scripts/conllgraph.py [--bin ./cograph] [--conll dev.txt] [-v [--top N]] [--keep DIR]
"""
import argparse
import collections
import json
import os
import signal
import subprocess
import sys
import tempfile
import unicodedata

TYPES = {"PER": "person", "ORG": "organization", "LOC": "place"}
REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_CONLL = os.path.join(REPO, "..", "shared", "data", "ner", "conll2003", "dev.txt")

# Detokenization: tokens glued to the previous / next token.
NO_SPACE_BEFORE = {",", ".", ";", ":", ")", "]", "}", "?", "!", "...", "..", "%", "/",
                   "'s", "'m", "'d", "'ve", "'ll", "'re", "n't"}
NO_SPACE_AFTER = {"(", "[", "{", "/"}
OPEN, CLOSE = "\x01", "\x02"  # internal marks for a quote's role, printed as the quote itself


def read_conll(path):
    """Return the documents of a CoNLL file: lists of sentences of (token, tag)."""
    docs, sent = [], []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            parts = line.split()
            if not parts:
                if sent and docs:
                    docs[-1].append(sent)
                sent = []
            elif parts[0] == "-DOCSTART-":
                docs.append([])
            elif len(parts) < 2:
                raise ValueError(f"{path}:{n}: want 'token POS chunk NER'")
            else:
                if not docs:  # a file without -DOCSTART- is one document
                    docs.append([])
                sent.append((parts[0], parts[-1]))
    if sent and docs:
        docs[-1].append(sent)
    return [d for d in docs if d]


def mark_quotes(sents):
    """Decide for every straight quote whether it opens or closes.

    Double quotes alternate over the whole document, because CoNLL splits
    quoted speech into several sentences, but one that starts a sentence
    always opens (a quoted paragraph reopens without closing the last). An
    opening quote left at the end of a sentence (`said Eyles . "`) moves to
    the start of the next one, or is dropped if that one starts with its own.
    A single quote after a word in s is a plural possessive (`players '`),
    before a digit an elision (`' 91`); others alternate, ` always opens.
    """
    out, dq, sq, carry = [], False, False, []
    for toks in sents:
        toks = list(toks)
        if carry and toks[:1] != ['"']:
            toks = ['"'] + toks
        marked, carry = [], []
        for i, t in enumerate(toks):
            prev = marked[-1] if marked else ""
            nxt = toks[i + 1] if i + 1 < len(toks) else ""
            if t == '"':
                dq = True if i == 0 else not dq
                t = (OPEN if dq else CLOSE) + t
            elif t[:1] == "`":  # `LOST PASSPORT ' EXCUSE
                sq = True
                t = OPEN + t if t == "`" else t
            elif t == "'" and prev[-1:] in ("s", "S"):
                t = CLOSE + t
            elif t == "'" and nxt[:1].isdigit():
                t = OPEN + t
            elif t == "'":
                sq = not sq
                t = (OPEN if sq else CLOSE) + t
            marked.append(t)
        if len(marked) > 1 and marked[-1] == OPEN + '"':
            carry = [marked.pop()]
        out.append(marked)
    return out


def detok(toks):
    """Join (quote-marked) tokens the way a newspaper prints them."""
    s, glue = "", True
    for i, t in enumerate(toks):
        low = t.lower()
        if t[0] in (OPEN, CLOSE):
            before = t[0] == CLOSE
            after = t[0] == OPEN
            t = t[1:]
        else:
            before = low in NO_SPACE_BEFORE
            # "$ 387.00" -> "$387.00", also C$ and A$
            after = low in NO_SPACE_AFTER or (t.endswith("$") and i + 1 < len(toks) and toks[i + 1][:1].isdigit())
        s += t if glue or before else " " + t
        glue = after
    return s


def gold_entities(sents):
    """Yield (CoNLL type, detokenized name) for every IOB2 entity span."""
    for toks in sents:
        span, typ = [], None
        for tok, tag in toks + [("", "O")]:
            if span and not (tag.startswith("I-") and tag[2:] == typ):
                yield typ, detok(mark_quotes([span])[0])
                span, typ = [], None
            if tag != "O" and not span:  # B-X, or a stray I-X opening a span
                span, typ = [tok], tag[2:]
            elif tag != "O":
                span.append(tok)


def strip_punct(s):
    i, j = 0, len(s)
    while i < j and unicodedata.category(s[i]).startswith("P"):
        i += 1
    while j > i and unicodedata.category(s[j - 1]).startswith("P"):
        j -= 1
    return s[i:j].strip()


def norm(s):
    """NFKC, casefold, collapse whitespace, strip surrounding punctuation and a trailing 's."""
    s = " ".join(unicodedata.normalize("NFKC", s).casefold().replace("\u2019", "'").split())
    s = strip_punct(s)
    if s.endswith("'s"):
        s = strip_punct(s[:-2])
    return s


def to_article(i, sents):
    lines = [detok(t) for t in mark_quotes([[tok for tok, _ in s] for s in sents])]
    if len(lines) == 1:  # cograph refuses an article without body text
        return {"id": f"doc{i:04d}", "title": "", "text": lines[0]}
    return {"id": f"doc{i:04d}", "title": lines[0], "text": "\n".join(lines[1:])}


def run_cograph(binary, path):
    """Run cograph extract once; return {article id: [entity, ...]}."""
    p = subprocess.run([binary, "extract", "--no-text", "-q", path],
                       capture_output=True, text=True)
    if p.returncode == 3:  # some articles skipped: they score as predicting nothing
        sys.stderr.write(p.stderr)
    elif p.returncode != 0:
        raise RuntimeError(f"{binary} extract exited {p.returncode}: {p.stderr.strip()}")
    return {r["id"]: r["entities"] for r in map(json.loads, p.stdout.splitlines())}


def ratio(a, b):
    return a / b if b else 0.0


def score(docs, articles, pred):
    """Compare each document's gold names with its predicted entities.

    Returns the counts (c["gold"], c["found", "person"], ...) and counters of
    missed gold names, false-positive labels and (gold, predicted) type errors.
    """
    c = collections.Counter()  # totals and per-type counts
    misses, fps, wrong = collections.Counter(), collections.Counter(), collections.Counter()
    for doc, art in zip(docs, articles):
        gold, names = {}, set()  # gold: name -> Counter of types; names: every gold name incl. MISC
        for typ, name in gold_entities(doc):
            n = norm(name)
            if not n:
                continue
            names.add(n)
            if typ in TYPES:
                gold.setdefault(n, collections.Counter())[TYPES[typ]] += 1
        ents = [(e["type"], {norm(x) for x in [e["label"]] + (e.get("aliases") or [])} - {""}, e["label"])
                for e in pred.get(art["id"], [])]
        for n, types in gold.items():
            # an entity tagged with several types keeps its most frequent for per-type counts;
            # predicting any of them counts as the right type
            t = types.most_common(1)[0][0]
            hit = [pt for pt, pn, _ in ents if n in pn]
            c["gold"] += 1
            c["gold", t] += 1
            if not hit:
                misses[n, t] += 1
                continue
            c["found"] += 1
            c["found", t] += 1
            if any(pt in types for pt in hit):
                c["typed"] += 1
                c["typed", t] += 1
            else:
                wrong[t, hit[0]] += 1
        for pt, pn, label in ents:
            c["pred"] += 1
            c["pred", pt] += 1
            if not pn & names:
                c["fp"] += 1
                c["fp", pt] += 1
                fps[norm(label), pt] += 1
    return c, misses, fps, wrong


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", default="./cograph", help="cograph binary (default ./cograph)")
    ap.add_argument("--conll", default=DEFAULT_CONLL, help="CoNLL-2003 file (default: CoNLL dev)")
    ap.add_argument("-v", action="store_true", help="list the most frequent misses and false positives")
    ap.add_argument("--top", type=int, default=20, help="how many to list with -v (default 20)")
    ap.add_argument("--keep", metavar="DIR", help="write the generated articles.jsonl into DIR and keep it")
    a = ap.parse_args()
    if not os.path.isfile(a.conll):
        sys.exit(f"conllgraph: CoNLL file {a.conll} not found; give one with --conll FILE")
    binary = a.bin if os.sep in a.bin else os.path.join(".", a.bin)
    if not os.access(binary, os.X_OK):
        sys.exit(f"conllgraph: no cograph binary at {a.bin}; build one (go build -o /tmp/cograph ./cmd/cograph) and pass --bin")

    try:
        docs = read_conll(a.conll)
        articles = [to_article(i, d) for i, d in enumerate(docs, 1)]
        outdir = a.keep or tempfile.mkdtemp(prefix="conllgraph")
        os.makedirs(outdir, exist_ok=True)
        path = os.path.join(outdir, "articles.jsonl")
        with open(path, "w", encoding="utf-8") as f:
            for art in articles:
                f.write(json.dumps(art, ensure_ascii=False) + "\n")
        try:
            pred = run_cograph(binary, path)
        finally:
            if not a.keep:
                os.remove(path)
                os.rmdir(outdir)
    except (OSError, ValueError, RuntimeError) as e:
        sys.exit(f"conllgraph: {e}")

    c, misses, fps, wrong = score(docs, articles, pred)
    rec, prec = ratio(c["found"], c["gold"]), ratio(c["pred"] - c["fp"], c["pred"])
    print(f"cograph vs {os.path.basename(a.conll)}: {len(docs)} documents, "
          f"{c['gold']} gold entities, {c['pred']} predicted")
    print(f"recall     {rec:.3f}  ({c['found']}/{c['gold']} gold names found)")
    print(f"type acc.  {ratio(c['typed'], c['found']):.3f}  ({c['typed']}/{c['found']} found with the gold type)")
    print(f"precision  {prec:.3f}  ({c['pred'] - c['fp']}/{c['pred']} predicted entities match a gold name)")
    print(f"F1         {ratio(2 * rec * prec, rec + prec):.3f}")
    print(f"\n{'type':<13}{'gold':>6}{'found':>7}{'recall':>8}{'typed':>7}   {'pred':>6}{'fp':>6}{'precision':>10}")
    for t in ["person", "organization", "place", "event"]:
        print(f"{t:<13}{c['gold', t]:>6}{c['found', t]:>7}{ratio(c['found', t], c['gold', t]):>8.3f}"
              f"{c['typed', t]:>7}   {c['pred', t]:>6}{c['fp', t]:>6}"
              f"{ratio(c['pred', t] - c['fp', t], c['pred', t]):>10.3f}")
    if a.v:
        for title, counter in [("misses (gold type)", misses), ("false positives (predicted type)", fps)]:
            print(f"\ntop {title}:")
            for (n, t), k in counter.most_common(a.top):
                print(f"{k:5d}  {n}  [{t}]")
        print("\nwrong types (gold -> predicted):")
        for (g, p), k in wrong.most_common():
            print(f"{k:5d}  {g} -> {p}")
    return 0


if __name__ == "__main__":
    signal.signal(signal.SIGPIPE, signal.SIG_DFL)  # quiet when piped into head
    sys.exit(main())
