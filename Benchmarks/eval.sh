#!/usr/bin/env bash
# Accuracy of attrib on PolNeAR (news attributions, BRAT standoff), scored by shared/eval/polnear_score.py.
#
#   Benchmarks/eval.sh [--split dev|train|annotator-training] [--worst N] [--doc STEM]
#                      [--no-build] [--pred FILE] [--agreement]
#
#   --split S     the PolNeAR split to run on (default dev)
#   --worst N     also list the N documents with the lowest attribution F1
#   --doc STEM    instead of the table, show gold vs predicted attributions of one document
#                 (Benchmarks/polnear_diff.py)
#   --no-build    do not run `swift build` first; use the existing .build/release/attrib
#   --pred FILE   score this JSON Lines file instead of running attrib (implies --no-build)
#   --agreement   print the human inter-annotator agreement table (annotator-training unless
#                 --split is given) and exit: the ceiling to compare attrib's numbers with
#
# The data and the scorer are read from ../shared next to the repository (never copied into it).
# Predictions are kept in Benchmarks/out/<split>.jsonl (ignored by git) for polnear_diff.py.
# Environment: ATTRIB_BIN overrides the binary (default .build/release/attrib).
# Exit status: 0 scored, 1 build/extract failed, 2 bad usage or unknown split, 3 ../shared missing.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
shared="$(dirname "$root")/shared"
scorer="$shared/eval/polnear_score.py"
corpus="$shared/corpora/polnear"

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }
die() { echo "eval.sh: $1" >&2; exit "${2:-2}"; }

split=dev split_given=0 worst=0 doc="" build=1 pred="" agreement=0
while [ $# -gt 0 ]; do
  case "$1" in
    --split) [ $# -ge 2 ] || die "--split needs a value"; split=$2; split_given=1; shift 2 ;;
    --split=*) split=${1#*=}; split_given=1; shift ;;
    --worst) [ $# -ge 2 ] || die "--worst needs a number"; worst=$2; shift 2 ;;
    --worst=*) worst=${1#*=}; shift ;;
    --doc) [ $# -ge 2 ] || die "--doc needs a document stem"; doc=$2; shift 2 ;;
    --doc=*) doc=${1#*=}; shift ;;
    --pred) [ $# -ge 2 ] || die "--pred needs a file"; pred=$2; build=0; shift 2 ;;
    --pred=*) pred=${1#*=}; build=0; shift ;;
    --no-build) build=0; shift ;;
    --agreement) agreement=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
case "$worst" in ''|*[!0-9]*) die "--worst needs a whole number, not '$worst'" ;; esac
doc=$(basename "$doc" .txt)

if [ ! -d "$shared" ]; then
  echo "../shared is missing: PolNeAR data and the scorer live there; nothing to evaluate" >&2
  exit 3
fi
if [ ! -f "$scorer" ] || [ ! -d "$corpus" ]; then
  echo "../shared has no PolNeAR data or scorer ($scorer, $corpus): nothing to evaluate" >&2
  exit 3
fi
command -v python3 >/dev/null || die "python3 is needed for the scorer" 1

if [ "$agreement" = 1 ]; then
  [ "$split_given" = 1 ] || split=annotator-training
  [ -d "$corpus/$split/attributions" ] || die "no split '$split' in $corpus"
  exec python3 "$scorer" --gold "$corpus/$split" --agreement
fi

gold="$corpus/$split"
if [ ! -d "$gold/text" ] || [ ! -d "$gold/attributions" ]; then
  die "no split '$split' in $corpus (try dev, train or annotator-training)"
fi
if [ -n "$doc" ] && [ ! -f "$gold/text/$doc.txt" ]; then
  die "no document '$doc' in $gold/text"
fi

if [ -z "$pred" ]; then
  bin=${ATTRIB_BIN:-$root/.build/release/attrib}
  if [ "$build" = 1 ]; then
    echo "building: make build (swift build -c release, static runtime)" >&2
    make -s -C "$root" build >&2 || die "swift build failed" 1
  fi
  [ -x "$bin" ] || die "no binary at $bin (build it, or drop --no-build)" 1

  mkdir -p "$here/out"
  pred="$here/out/$split.jsonl"
  errlog="$here/out/$split.stderr"
  start=$(date +%s.%N)
  rc=0
  "$bin" extract --format jsonl --jobs 1 "$gold/text" >"$pred" 2>"$errlog" || rc=$?
  if [ "$rc" != 0 ] && grep -qiE -- 'jobs|unknown option|unrecognized|unexpected argument' "$errlog"; then
    echo "attrib rejected --jobs; running without it" >&2
    rc=0
    "$bin" extract --format jsonl "$gold/text" >"$pred" 2>"$errlog" || rc=$?
  fi
  end=$(date +%s.%N)
  if [ "$rc" != 0 ]; then
    # Killed by a signal (a crash, 128 + N): its partial output would score as a recall collapse.
    if [ "$rc" -ge 128 ]; then
      sed -n '1,20p' "$errlog" >&2
      die "attrib extract crashed (exit $rc) after $(wc -l <"$pred") documents (stderr in $errlog)" 1
    fi
    if [ ! -s "$pred" ]; then
      sed -n '1,20p' "$errlog" >&2
      die "attrib extract exited $rc with no output (stderr in $errlog)" 1
    fi
    echo "warning: attrib extract exited $rc (stderr in $errlog); scoring its output anyway" >&2
  fi
  # The scorer keys documents by "doc", else by the basename of "path": make sure "doc" is the stem.
  python3 - "$pred" <<'PY'
import json, os, sys
path = sys.argv[1]
lines, fixed = [], 0
for line in open(path, encoding="utf-8"):
    if not line.strip():
        continue
    obj = json.loads(line)
    stem = os.path.splitext(os.path.basename(obj.get("path") or ""))[0]
    if stem and obj.get("doc") != stem:
        obj["doc"] = stem
        fixed += 1
        line = json.dumps(obj, ensure_ascii=False) + "\n"
    lines.append(line)
if fixed:
    open(path, "w", encoding="utf-8").writelines(lines)
    print(f"note: set 'doc' to the file stem in {fixed} lines", file=sys.stderr)
PY
  ndocs=$(grep -c . "$pred" || true)
  awk -v a="$start" -v b="$end" -v n="$ndocs" \
    'BEGIN { printf "attrib extracted %d documents in %.2f s\n", n, b - a }' >&2
fi
[ -f "$pred" ] || die "no prediction file $pred"

if [ -n "$doc" ]; then
  exec python3 "$here/polnear_diff.py" --gold "$gold" --pred "$pred" --doc "$doc" --scorer "$scorer"
fi

python3 "$scorer" --gold "$gold" --pred "$pred"
if [ "$worst" -gt 0 ]; then
  scores=$(mktemp)
  trap 'rm -f "$scores"' EXIT
  python3 "$scorer" --gold "$gold" --pred "$pred" --per-doc --json >"$scores" 2>/dev/null
  echo
  python3 "$here/polnear_diff.py" --gold "$gold" --pred "$pred" --scorer "$scorer" \
    --worst "$worst" --scores "$scores"
fi
