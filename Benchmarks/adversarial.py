#!/usr/bin/env python3
"""Writes the adversarial inputs of attrib's speed benchmark, one file each, into --out.

  python3 Benchmarks/adversarial.py --out DIR [--seed 1]

  no-sentence-end.txt    a 2 MB paragraph (one line) of words, commas, names, "said" and
                         "according to", with no . ! ? anywhere
  unbalanced-quotes.txt  50,000 opening quotation marks (“ and ") that are never closed,
                         in one paragraph of short "said" sentences
  one-word-lines.txt     100,000 lines of one word each
  repeated-name.txt      1 MB of "Mohammed Shia al-Sudani " repeated, on one line
  recurring-title.txt    1 MB of one governor and ever new senators, each line a "said"
                         (role holders pile up: resolution must not go quadratic)
  pronoun-transcript.txt 1 MB of "Name spoke. She said …. He said …." (pronoun antecedents)
  nested-quotes.txt      quotes nested 1,000 deep (“ ‘ " ' “ ‘ ... ' " ’ ”), a word at each
                         level and a speech verb after the outermost close; the paragraph is
                         repeated (one per line) until the file reaches about 1 MB so that
                         start-up time does not hide the per-byte cost

All text is made here from a small word list; the same --seed gives the same bytes.
Standard library only.
"""
import argparse
import os
import random
import sys

WORDS = """the council minister plan vote talks workers city port budget water power border
government officials families police report statement week year region people court law
election strike prices schools hospital army troops deal agreement money aid""".split()
NAMES = ["Haddad", "Novak", "Okafor", "Mohammed Shia al-Sudani", "Lena Moreau", "Dr. Kaya"]
LINKS = ["said", "told reporters", "according to", "and", "but", "while", "as", "after"]


def no_sentence_end(r, size):
    parts, n = [], 0
    while n < size:
        k = r.random()
        if k < 0.08:
            w = r.choice([n for n in NAMES if "." not in n]) + " " + r.choice(LINKS)
        elif k < 0.12:
            w = r.choice(WORDS) + ","
        elif k < 0.14:
            w = f"{r.randint(2, 99000):,}"
        else:
            w = r.choice(WORDS)
        parts.append(w)
        n += len(w) + 1
    return " ".join(parts) + "\n"


def unbalanced_quotes(r, count):
    out = []
    for i in range(count):
        mark = "“" if i % 2 == 0 else '"'
        w = " ".join(r.choice(WORDS) for _ in range(r.randint(2, 5)))
        out.append(f"{mark}{w.capitalize()} {r.choice(WORDS)}, {r.choice(NAMES)} said.")
    return " ".join(out) + "\n"


def one_word_lines(r, count):
    return "".join(r.choice(WORDS) + "\n" for _ in range(count))


def repeated_name(size):
    unit = "Mohammed Shia al-Sudani "
    return unit * (size // len(unit.encode())) + "\n"


def nested_quotes(r, depth, size):
    opens = ["“", "‘", '"', "'"]
    closes = {"“": "”", "‘": "’", '"': '"', "'": "'"}
    marks = [opens[i % 4] for i in range(depth)]
    para = ("".join(f"{m}{r.choice(WORDS)} " for m in marks)
            + "".join(closes[m] for m in reversed(marks))
            + f" {r.choice(NAMES)} said.\n")
    reps = max(1, size // len(para.encode()))
    return para * reps


def recurring_title(r, size):
    lines, n = ["Gov. Mike Pence spoke first."], 0
    while n < size:
        line = f"The governor said the {r.choice(WORDS)} plan would work, and Senator {r.choice(NAMES)} said it would not."
        lines.append(line)
        n += len(line) + 1
    return "\n".join(lines) + "\n"


def pronoun_transcript(r, size):
    lines, n = [], 0
    while n < size:
        line = f"{r.choice(NAMES)} spoke at the {r.choice(WORDS)}. She said the plan would work. He said it would not."
        lines.append(line)
        n += len(line) + 1
    return "\n".join(lines) + "\n"


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True, help="folder to write the files into")
    ap.add_argument("--seed", type=int, default=1)
    a = ap.parse_args()
    r = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    files = {
        "no-sentence-end.txt": no_sentence_end(r, 2_000_000),
        "unbalanced-quotes.txt": unbalanced_quotes(r, 50_000),
        "one-word-lines.txt": one_word_lines(r, 100_000),
        "repeated-name.txt": repeated_name(1_000_000),
        "nested-quotes.txt": nested_quotes(r, 1000, 1_000_000),
        "recurring-title.txt": recurring_title(r, 1_000_000),
        "pronoun-transcript.txt": pronoun_transcript(r, 1_000_000),
    }
    for name, text in files.items():
        with open(os.path.join(a.out, name), "w", encoding="utf-8") as fh:
            fh.write(text)
        print(f"wrote {os.path.join(a.out, name)}: {len(text.encode())} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
