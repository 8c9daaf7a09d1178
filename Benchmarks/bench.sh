#!/usr/bin/env bash
# Speed and scale benchmark of attrib (issue 4): MB/s, files/s and peak RSS, with ratios.
#
#   Benchmarks/bench.sh [--no-build] [--runs N] [--timeout S] [--base-mb MB] [--strict]
#
#   --no-build    do not run `swift build` first; use the existing binary
#   --runs N      timed runs per measurement, the best (fastest) is kept (default 3)
#   --timeout S   a run taking longer is stopped and reported as a timeout (default 60)
#   --base-mb MB  size of the 1x generated corpus; 4x and 16x follow (default 4)
#   --strict      exit 1 when any target is missed or any run crashed or hung
#
# Measures, each with `attrib extract --format jsonl` unless said otherwise:
#   a. the PolNeAR train texts (../shared, skipped with a message when absent), --jobs 1
#      and the default jobs: the parallel speed-up, and whether both outputs are identical;
#      two independent --jobs 1 runs at once: the speed-up this machine gives processes that
#      share nothing, the ceiling for the default jobs; besides the best of each, the median
#      and range of the per-round ratios (runs timed back to back share the machine's speed);
#   b. ../shared/eval/regex_baseline.py on the same texts: its own MB_per_s (text processing
#      only) and its whole-process wall time, and attrib's ratio to each; (a) and (b) run in
#      turns, a run of each per round;
#   c. a generated corpus (Benchmarks/generate_corpus.py) at 1x, 4x and 16x --base-mb with
#      --jobs 1: time per MB against 1x (linear within 15%); per-file linearity: a folder of
#      articles 16x the typical length (same total bytes as 1x), one such single file, and one
#      single file of --base-mb, all five timed in turns (a run of each per round, so that the
#      shared machine's drift hits them alike), flagged when a long file costs over 15% more
#      per MB than the typical articles (a cost that grows faster than the file); the 16x
#      folder with the default jobs, timed in the same turns: the archive-sized parallel
#      speed-up, and identical output?;
#   d. the adversarial inputs (Benchmarks/adversarial.py): MB/s against the 1x corpus timed in turns with each, flagged
#      below 1/3 of it; a run over --timeout is stopped and reported, not waited on;
#   e. start-up: `attrib check` on Corpus/ain-al-asad-troops.txt, best of 10, in ms;
#   f. peak RSS of a folder of many files against one file (must not grow with file count),
#      and every row against the issue's bound of 64 MB + 4x the largest single file, among
#      them a folder of four --base-mb files with the default jobs (extract and report) and
#      report (Markdown, HTML) and check --format junit over the 16x corpus.
# Wall time is the best of --runs (bash $EPOCHREALTIME around the run); peak RSS is the
# largest %M of /usr/bin/time over the runs. MB = 10^6 bytes, as in the baseline's MB_per_s.
#
# Generated inputs are cached in Benchmarks/generated/ (ignored by git); the Markdown report
# is printed at the end and kept in Benchmarks/out/bench.md.
# Environment: ATTRIB_BIN overrides the binary (default .build/release/attrib).
# Exit status: 0 measured (misses are flagged in the report), 1 build failed, binary missing,
# or --strict and something was flagged, 2 bad usage.
set -euo pipefail
export LC_ALL=C

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/.." && pwd)
shared="$(dirname "$root")/shared"
polnear="$shared/corpora/polnear/train"
baseline="$shared/eval/regex_baseline.py"
gen="$here/generated"
outdir="$here/out"

usage() { sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "${BASH_SOURCE[0]}"; }
die() { echo "bench.sh: $1" >&2; exit "${2:-2}"; }
say() { echo "bench: $*" >&2; }

build=1 runs=3 timeout_s=60 base_mb=4 strict=0
while [ $# -gt 0 ]; do
  case "$1" in
    --no-build) build=0; shift ;;
    --runs) [ $# -ge 2 ] || die "--runs needs a number"; runs=$2; shift 2 ;;
    --runs=*) runs=${1#*=}; shift ;;
    --timeout) [ $# -ge 2 ] || die "--timeout needs seconds"; timeout_s=$2; shift 2 ;;
    --timeout=*) timeout_s=${1#*=}; shift ;;
    --base-mb) [ $# -ge 2 ] || die "--base-mb needs a number"; base_mb=$2; shift 2 ;;
    --base-mb=*) base_mb=${1#*=}; shift ;;
    --strict) strict=1; shift ;;
    -h|--help) usage; exit 0 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
case "$runs" in ''|*[!0-9]*|0) die "--runs needs a whole number >= 1, not '$runs'" ;; esac
case "$timeout_s" in ''|*[!0-9]*|0) die "--timeout needs whole seconds >= 1, not '$timeout_s'" ;; esac
awk -v x="$base_mb" 'BEGIN { exit !(x + 0 > 0) }' || die "--base-mb needs a number > 0"
[ -x /usr/bin/time ] || die "/usr/bin/time (Debian: time) is needed for peak RSS" 1
command -v python3 >/dev/null || die "python3 is needed for the generators" 1

bin=${ATTRIB_BIN:-$root/.build/release/attrib}
if [ "$build" = 1 ]; then
  say "building: make build (swift build -c release, static runtime)"
  make -s -C "$root" build >&2 || die "swift build failed" 1
fi
[ -x "$bin" ] || die "no binary at $bin (build it, or drop --no-build)" 1

work=$(mktemp -d /tmp/attrib-bench.XXXXXX)
trap 'rm -rf "$work"' EXIT
mkdir -p "$gen" "$outdir"

# ---------------------------------------------------------------- helpers
calc() { awk "BEGIN { printf \"%.6f\", $1 }"; }            # calc '1 / 3'
fmt() { awk -v x="$1" -v p="${2:-2}" 'BEGIN { printf "%.*f", p, x }'; }
ge() { awk -v a="$1" -v b="$2" 'BEGIN { exit !(a + 0 >= b + 0) }'; }   # a >= b
commas() { echo "$1" | sed ':a;s/\B[0-9]\{3\}\>/,&/;ta'; }

# input_size PATH -> "BYTES FILES" (the files attrib reads: .txt .md .markdown .html .htm)
input_size() {
  find "$1" -type f \( -name '*.txt' -o -name '*.md' -o -name '*.markdown' -o -name '*.html' \
    -o -name '*.htm' \) -printf '%s\n' | awk '{ b += $1; n++ } END { printf "%d %d\n", b, n }'
}

# busy CPU time of the whole machine so far, in clock ticks (user nice system irq softirq steal)
cpu_busy() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat; }
hz=$(getconf CLK_TCK 2>/dev/null || echo 100)

# timed N OKRCS OUT CMD... : runs CMD N times (stopping at the first failure), stdout to OUT.
# Sets T_WALL (best seconds), T_CPU (user+sys CPU of that run, % of wall), T_OTHERS (cores
# that other processes kept busy during that run, from /proc/stat), T_RSS (largest peak RSS, KB), T_STATUS (ok|timeout|crash),
# T_RC, T_DONE (runs completed) and T_ERR (first lines of stderr of a failed run).
# Calls the function named in $AFTER_RUN (if any) after each successful run.
AFTER_RUN=""
timed() {
  local n=$1 okrcs=$2 out=$3; shift 3
  local i t0 t1 rc w rss cpu_u cpu_s b0 b1
  T_WALL="" T_RSS=0 T_STATUS=ok T_RC=0 T_DONE=0 T_ERR="" T_CPU="" T_OTHERS=0
  for ((i = 0; i < n; i++)); do
    rc=0
    b0=$(cpu_busy)
    t0=$EPOCHREALTIME
    /usr/bin/time -f '%M %U %S' -o "$work/rss" timeout -k 5 "$timeout_s" "$@" >"$out" 2>"$work/stderr" || rc=$?
    t1=$EPOCHREALTIME
    b1=$(cpu_busy)
    w=$(calc "$t1 - $t0")
    read -r rss cpu_u cpu_s < <(tail -n 1 "$work/rss" 2>/dev/null || true)
    case "$rss" in ''|*[!0-9]*) rss=0 cpu_u=0 cpu_s=0 ;; esac
    if [ "$rss" -gt "$T_RSS" ]; then T_RSS=$rss; fi
    T_RC=$rc
    if [ "$rc" = 124 ] || [ "$rc" = 137 ]; then
      T_STATUS=timeout T_WALL=$timeout_s
      return 0
    fi
    if [[ " $okrcs " != *" $rc "* ]]; then
      T_STATUS=crash T_ERR=$(head -c 400 "$work/stderr" | tr '\n' ' ')
      [ -z "$T_WALL" ] && T_WALL=$w
      return 0
    fi
    T_DONE=$((T_DONE + 1))
    if [ -z "$T_WALL" ] || ! ge "$w" "$T_WALL"; then
      T_WALL=$w T_CPU=$(calc "($cpu_u + $cpu_s) / $w * 100")
      T_OTHERS=$(calc "(($b1 - $b0) / $hz - $cpu_u - $cpu_s) / $w")
      if ! ge "$T_OTHERS" 0; then T_OTHERS=0; fi   # tick rounding
    fi
    if [ -n "$AFTER_RUN" ]; then "$AFTER_RUN"; fi
  done
}

# acc_add NAME: folds the result of a one-run `timed` into the associative array NAME;
# acc_get NAME: sets the T_* variables from it, as one `timed` of all those runs would.
acc_add() {
  local -n acc=$1
  if [ "$T_STATUS" != ok ]; then
    acc[status]=$T_STATUS acc[rc]=$T_RC acc[err]=$T_ERR
    [ -z "${acc[wall]:-}" ] && acc[wall]=$T_WALL
  else
    acc[done]=$((${acc[done]:-0} + 1))
    if [ -z "${acc[wall]:-}" ] || ! ge "$T_WALL" "${acc[wall]}"; then
      acc[wall]=$T_WALL acc[cpu]=$T_CPU acc[others]=$T_OTHERS
    fi
  fi
  [ "$T_RSS" -gt "${acc[rss]:-0}" ] && acc[rss]=$T_RSS
  return 0
}
acc_get() {
  local -n acc=$1
  T_STATUS=${acc[status]:-ok} T_RC=${acc[rc]:-0} T_ERR=${acc[err]:-} T_WALL=${acc[wall]:-}
  T_CPU=${acc[cpu]:-} T_OTHERS=${acc[others]:-0} T_RSS=${acc[rss]:-0} T_DONE=${acc[done]:-0}
  if [ "$T_STATUS" = timeout ]; then T_WALL=$timeout_s; fi
}

ROWS=() CHECKS=() PROBLEMS=() NOTES=()
# row NAME BYTES FILES JOBS NOTE : one line of the results table from the last `timed`.
row() {
  local name=$1 bytes=$2 files=$3 jobs=$4 note=${5:-} wall mbs fps rss cpu="–"
  rss=$(fmt "$(calc "$T_RSS / 1024")" 1)
  case "$T_STATUS" in
    ok)
      wall=$(fmt "$T_WALL" 3)
      [ -n "$T_CPU" ] && cpu="$(fmt "$T_CPU" 0)%"
      mbs=$(fmt "$(calc "$bytes / 1e6 / $T_WALL")" 2)
      fps=$(fmt "$(calc "$files / $T_WALL")" 0)
      if [ "$ROW_NORATE" = 1 ]; then mbs="–" fps="–"; fi ;;
    timeout)
      wall=">$timeout_s (timeout)" mbs="< $(fmt "$(calc "$bytes / 1e6 / $timeout_s")" 3)" fps="–"
      PROBLEMS+=("timeout: $name did not finish in $timeout_s s (a hang or a very slow, non-linear case)") ;;
    crash)
      wall="$(fmt "$T_WALL" 3) (exit $T_RC)" mbs="–" fps="–"
      PROBLEMS+=("crash: $name exited $T_RC: ${T_ERR:-no stderr}") ;;
  esac
  local runs_note="best of $T_DONE"
  [ "$T_STATUS" != ok ] && runs_note="$T_STATUS"
  if [ "$T_STATUS" = ok ] && ge "$T_OTHERS" 0.3; then
    runs_note="$runs_note; other processes busy on $(fmt "$T_OTHERS" 1) cores"
  fi
  ROWS+=("| $name | $(commas "$files") | $(fmt "$(calc "$bytes / 1e6")" 2) | $jobs | $wall | $mbs | $fps | $cpu | $rss | $runs_note${note:+; $note} |")
  say "$name: ${wall} s, ${mbs} MB/s, ${rss} MB peak RSS ($runs_note)"
}
ROW_NORATE=0
# what the last parallel run got: its CPU and what other processes took meanwhile
par_load() { echo "attrib used $(fmt "$T_CPU" 0)% CPU; other processes $(fmt "$(calc "$T_OTHERS * 100")" 0)%"; }
mbps() { calc "$1 / 1e6 / $2"; }   # mbps BYTES SECONDS

# check NAME MEASURED TARGET PASS(0|1)
check() {
  local st="ok"
  if [ "$4" != 1 ]; then st="**MISSED**"; PROBLEMS+=("$1: $2 (target $3)"); fi
  CHECKS+=("| $1 | $2 | $3 | $st |")
}
info() { CHECKS+=("| $1 | $2 | $3 | – |"); }

# paired FACTOR A B: FACTOR * A[i] / B[i] over the rounds i where both arrays have a time, as
# "MEDIAN MIN MAX ROUNDS"; nothing when there is no such round. Runs timed back to back share
# the machine's speed of the moment, which the best of each, taken from different rounds, does not.
paired() {
  local -n pa=$2 pb=$3
  local i
  for ((i = 0; i < ${#pa[@]}; i++)); do
    if [ -n "${pa[i]}" ] && [ -n "${pb[i]:-}" ]; then calc "$1 * ${pa[i]} / ${pb[i]}"; echo; fi
  done | sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) exit 1
    printf "%f %f %f %d\n", (NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2), v[1], v[NR], NR }'
}

# rss_bound KB LARGEST_FILE_BYTES -> 1 when under 64 MB + 4x the largest file
rss_ok() { awk -v r="$1" -v f="$2" 'BEGIN { print (r * 1024 < 64 * 1048576 + 4 * f) ? 1 : 0 }'; }
largest() { find "$1" -type f -printf '%s\n' | sort -n | tail -n 1; }
RSS_ROWS=()   # "name rss_kb largest_bytes files"
note_rss() { [ "$T_STATUS" = timeout ] || RSS_ROWS+=("$1|$T_RSS|$2|$3"); }

extract=("$bin" extract --format jsonl)

load0=$(cut -d' ' -f1-3 /proc/loadavg)
rev=$(git -C "$root" rev-parse --short HEAD 2>/dev/null || echo "?")
git -C "$root" diff --quiet HEAD -- Sources Rules 2>/dev/null || rev="$rev + uncommitted changes"
started=$EPOCHREALTIME
say "binary: $bin; runs: best of $runs; timeout: $timeout_s s; load average: $load0"

# ---------------------------------------------------------------- (a) + (b) PolNeAR and baseline
have_shared=0
if [ ! -d "$shared" ]; then
  say "../shared is missing: skipping the PolNeAR and baseline comparisons"
  NOTES+=("../shared is missing: skipping the PolNeAR and baseline comparisons")
elif [ ! -d "$polnear/text" ]; then
  say "../shared has no PolNeAR train texts ($polnear/text): skipping the PolNeAR and baseline comparisons"
  NOTES+=("no PolNeAR train texts in ../shared: PolNeAR and baseline comparisons skipped")
else
  have_shared=1
fi

if [ "$have_shared" = 1 ]; then
  read -r pb pf < <(input_size "$polnear/text")
  say "PolNeAR train: $pf files, $pb bytes"
  # --jobs 1, the default, two independent --jobs 1 processes at once (what this machine gives
  # two processes that share nothing: the ceiling for the parallel speed-up) and the baseline
  # alternate, so that a change in the machine's load hits them alike
  declare -A acc_j1=() acc_jd=() acc_pair=() acc_base=()
  BASE_MBS=()
  base_after() { BASE_MBS+=("$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["MB_per_s"])' "$work/t.json")"); }
  R_J1=() R_JD=() R_PAIR=()   # each round's wall times, for the per-round ratios
  for ((i = 0; i < runs; i++)); do
    R_J1[i]="" R_JD[i]="" R_PAIR[i]=""
    if [ "${acc_j1[status]:-ok}" = ok ]; then
      timed 1 0 "$work/polnear-j1.jsonl" "${extract[@]}" --jobs 1 "$polnear/text"
      acc_add acc_j1
      [ "$T_STATUS" = ok ] && R_J1[i]=$T_WALL
    fi
    if [ "${acc_jd[status]:-ok}" = ok ]; then
      timed 1 0 "$work/polnear-jd.jsonl" "${extract[@]}" "$polnear/text"
      acc_add acc_jd
      [ "$T_STATUS" = ok ] && R_JD[i]=$T_WALL
    fi
    if [ "${acc_pair[status]:-ok}" = ok ] && [ "$(nproc)" -ge 2 ]; then
      timed 1 0 /dev/null bash -c '"$@" >/dev/null & p=$!; "$@" >/dev/null || exit; wait $p' _ "${extract[@]}" --jobs 1 "$polnear/text"
      acc_add acc_pair
      [ "$T_STATUS" = ok ] && R_PAIR[i]=$T_WALL
    fi
    if [ -f "$baseline" ] && [ "${acc_base[status]:-ok}" = ok ]; then
      AFTER_RUN=base_after
      timed 1 0 /dev/null python3 "$baseline" --split "$polnear" --out "$work/x.jsonl" --timing "$work/t.json"
      AFTER_RUN=""
      acc_add acc_base
    fi
  done
  acc_get acc_j1
  row "PolNeAR train" "$pb" "$pf" 1
  note_rss "PolNeAR train, --jobs 1" "$(largest "$polnear/text")" "$pf"
  p1_ok=$T_STATUS p1_wall=$T_WALL
  acc_get acc_jd
  row "PolNeAR train" "$pb" "$pf" "default ($(nproc))"
  pd_ok=$T_STATUS pd_wall=$T_WALL pd_load=$(par_load)
  if [ "$p1_ok" = ok ]; then
    p1_mbs=$(mbps "$pb" "$p1_wall")
    check "PolNeAR --jobs 1 throughput" "$(fmt "$p1_mbs") MB/s" "≥ 20 MB/s" "$(ge "$p1_mbs" 20 && echo 1 || echo 0)"
  fi
  if [ "$p1_ok" = ok ] && [ "$pd_ok" = ok ]; then
    speedup=$(calc "$p1_wall / $pd_wall")
    check "Parallel speed-up (default jobs vs --jobs 1, PolNeAR)" "$(fmt "$speedup")× ($pd_load)" "≥ 1.8× on 2 cores" \
      "$(ge "$speedup" 1.8 && echo 1 || echo 0)"
    acc_get acc_pair
    if [ "$T_STATUS" = ok ] && [ "$T_DONE" -gt 0 ]; then
      info "Two independent --jobs 1 runs at once vs one (the machine's ceiling)" \
        "$(fmt "$(calc "2 * $p1_wall / $T_WALL")")× (default jobs reach $(fmt "$(calc "$speedup * $T_WALL / (2 * $p1_wall) * 100")" 0)% of it)" "–"
    fi
    if read -r m lo hi n < <(paired 1 R_J1 R_JD); then
      info "Parallel speed-up per round (PolNeAR, default jobs right after --jobs 1; median and range)" \
        "$(fmt "$m")× ($(fmt "$lo")–$(fmt "$hi")×, $n rounds)" "–"
    fi
    if read -r m lo hi n < <(paired 2 R_J1 R_PAIR) && read -r sm _ _ _ < <(paired 0.5 R_PAIR R_JD); then
      info "The machine's ceiling per round (two --jobs 1 at once; median and range)" \
        "$(fmt "$m")× ($(fmt "$lo")–$(fmt "$hi")×); the default jobs reach $(fmt "$(calc "$sm * 100")" 0)% of it (median)" "–"
    fi
    if cmp -s "$work/polnear-j1.jsonl" "$work/polnear-jd.jsonl"; then
      check "PolNeAR output, default jobs vs --jobs 1" "byte-identical ($(wc -l <"$work/polnear-j1.jsonl") lines)" "identical" 1
    else
      check "PolNeAR output, default jobs vs --jobs 1" \
        "DIFFERENT ($(cmp "$work/polnear-j1.jsonl" "$work/polnear-jd.jsonl" 2>&1 | sed -n 1p))" "identical" 0
    fi
  fi
  rm -f "$work/polnear-jd.jsonl"

  if [ -f "$baseline" ]; then
    acc_get acc_base
    row "regex baseline (Python), whole process" "$pb" "$pf" 1 "regex_baseline.py"
    if [ "$T_STATUS" = ok ] && [ "$p1_ok" = ok ]; then
      b_own=$(printf '%s\n' "${BASE_MBS[@]}" | sort -g | tail -n 1)
      b_whole=$(mbps "$pb" "$T_WALL")
      r_own=$(calc "$p1_mbs / $b_own")
      r_whole=$(calc "$p1_mbs / $b_whole")
      info "Regex baseline, its own MB_per_s (text processing only)" "$(fmt "$b_own") MB/s" "–"
      info "Regex baseline, whole process (start-up, reading, JSON)" "$(fmt "$b_whole") MB/s" "–"
      check "attrib --jobs 1 / baseline own MB_per_s" "$(fmt "$r_own")×" "≥ 0.67× (within 1.5×)" \
        "$(ge "$r_own" 0.6667 && echo 1 || echo 0)"
      check "attrib --jobs 1 / baseline whole process" "$(fmt "$r_whole")×" "≥ 0.67× (within 1.5×)" \
        "$(ge "$r_whole" 0.6667 && echo 1 || echo 0)"
    fi
  else
    say "no $baseline: skipping the baseline comparison"
    NOTES+=("no regex_baseline.py in ../shared/eval: baseline comparison skipped")
  fi
fi

# ---------------------------------------------------------------- generated inputs (cached)
# make_input NAME CMD... : runs the generator into $gen/NAME unless a stamp says it is current.
make_input() {
  local name=$1; shift
  local stamp="$gen/.$name.stamp" key
  key="$(cat "$here/generate_corpus.py" "$here/adversarial.py" | cksum) $*"
  if [ -e "$gen/$name" ] && [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$key" ]; then return 0; fi
  rm -rf "${gen:?}/$name" "$stamp"
  say "generating $name"
  "$@" >&2
  echo "$key" >"$stamp"
}
G() { python3 "$here/generate_corpus.py" "$@"; }
mult() { awk -v a="$base_mb" -v k="$1" 'BEGIN { printf "%g", a * k }'; }
make_input "corpus-1x" G --seed 1 --mb "$base_mb" --out "$gen/corpus-1x"
make_input "corpus-4x" G --seed 1 --mb "$(mult 4)" --out "$gen/corpus-4x"
make_input "corpus-16x" G --seed 1 --mb "$(mult 16)" --out "$gen/corpus-16x"
read -r cb1 cf1 < <(input_size "$gen/corpus-1x")
typical=$((cb1 / cf1))
long_kb=$(awk -v t="$typical" 'BEGIN { printf "%.1f", 16 * t / 1000 }')
make_input "long-articles" G --seed 2 --mb "$base_mb" --min-kb "$(calc "$long_kb * 0.8")" \
  --max-kb "$(calc "$long_kb * 1.2")" --out "$gen/long-articles"
make_input "single-16x.txt" G --seed 3 --single-file --mb "$(calc "16 * $typical / 1e6")" \
  --out "$gen/single-16x.txt"
make_input "single-base.txt" G --seed 4 --single-file --mb "$base_mb" --out "$gen/single-base.txt"
make_input "adversarial" python3 "$here/adversarial.py" --seed 1 --out "$gen/adversarial"

# ---------------------------------------------------------------- (c) linearity
say "generated corpus: 1x = $cb1 bytes in $cf1 files (typical article $typical bytes)"
declare -A SPM   # seconds per MB
# The inputs compared for linearity are timed in turns, one run of each per round, so that the
# shared machine's changing speed hits them alike (run by run it varies by a quarter).
# 16d is the 16× folder with the default jobs: the archive-sized parallel speed-up, timed in
# the same turns as its --jobs 1 run.
lin_inputs=(1 4 16 16d long single)
lin_path() {
  case "$1" in long) echo "$gen/long-articles" ;; single) echo "$gen/single-base.txt" ;; 16d) echo "$gen/corpus-16x" ;;
    *) echo "$gen/corpus-${1}x" ;; esac
}
for k in "${lin_inputs[@]}"; do declare -A "acc_lin_$k=()"; done
R_16=() R_16D=()
for ((i = 0; i < runs; i++)); do
  R_16[i]="" R_16D[i]=""
  for k in "${lin_inputs[@]}"; do
    declare -n lacc="acc_lin_$k"
    if [ "${lacc[status]:-ok}" = ok ]; then
      # Each writes its output to a file, as a real run does; 16×'s is compared below.
      out="$work/lin-$k.jsonl" jobs=(--jobs 1)
      [ "$k" = 16 ] && out="$work/gen-16x.jsonl"
      [ "$k" = 16d ] && out="$work/gen-16x-jd.jsonl" jobs=()
      timed 1 0 "$out" "${extract[@]}" "${jobs[@]}" "$(lin_path "$k")"
      acc_add "acc_lin_$k"
      if [ "$T_STATUS" = ok ]; then case "$k" in 16) R_16[i]=$T_WALL ;; 16d) R_16D[i]=$T_WALL ;; esac; fi
      case "$k" in 16|16d) ;; *) rm -f "$out" ;; esac
    fi
    unset -n lacc
  done
done
for k in 1 4 16; do
  d="$gen/corpus-${k}x"
  read -r b f < <(input_size "$d")
  acc_get "acc_lin_$k"
  row "generated ${k}×" "$b" "$f" 1
  note_rss "generated ${k}×, --jobs 1" "$(largest "$d")" "$f"
  if [ "$T_STATUS" = ok ]; then SPM[$k]=$(calc "$T_WALL / ($b / 1e6)"); fi
  if [ "$k" = 1 ]; then
    normal_status=$T_STATUS normal_mbs=0
    if [ "$T_STATUS" = ok ]; then normal_mbs=$(mbps "$b" "$T_WALL"); fi
  fi
done
for k in 4 16; do
  if [ -n "${SPM[1]:-}" ] && [ -n "${SPM[$k]:-}" ]; then
    dev=$(calc "(${SPM[$k]} / ${SPM[1]} - 1) * 100")
    check "Linearity: generated ${k}× vs 1× (time per MB)" "$(fmt "$dev" 1)%" "within ±15%" \
      "$(awk -v d="$dev" 'BEGIN { print (d <= 15 && d >= -15) ? 1 : 0 }')"
  fi
done

# default jobs on the 16x folder: speed-up, identical output and memory with many workers
read -r b16 f16 < <(input_size "$gen/corpus-16x")
if [ -n "${SPM[16]:-}" ]; then
  j1_wall16=$(calc "${SPM[16]} * $b16 / 1e6")
  acc_get acc_lin_16d
  row "generated 16×" "$b16" "$f16" "default ($(nproc))"
  note_rss "generated 16×, default jobs" "$(largest "$gen/corpus-16x")" "$f16"
  if [ "$T_STATUS" = ok ]; then
    speedup16=$(calc "$j1_wall16 / $T_WALL")
    check "Parallel speed-up (default jobs vs --jobs 1, generated 16×, $(commas "$f16") files)" \
      "$(fmt "$speedup16")× ($(par_load))" "≥ 1.8× on 2 cores" "$(ge "$speedup16" 1.8 && echo 1 || echo 0)"
    if read -r m lo hi n < <(paired 1 R_16 R_16D); then
      info "Parallel speed-up per round (generated 16×, default jobs right after --jobs 1; median and range)" \
        "$(fmt "$m")× ($(fmt "$lo")–$(fmt "$hi")×, $n rounds)" "–"
    fi
    if cmp -s "$work/gen-16x.jsonl" "$work/gen-16x-jd.jsonl"; then
      check "Generated 16× output, default jobs vs --jobs 1" "byte-identical ($(wc -l <"$work/gen-16x.jsonl") lines)" "identical" 1
    else
      check "Generated 16× output, default jobs vs --jobs 1" \
        "DIFFERENT ($(cmp "$work/gen-16x.jsonl" "$work/gen-16x-jd.jsonl" 2>&1 | sed -n 1p))" "identical" 0
    fi
  fi
fi
rm -f "$work"/gen-16x*.jsonl

# per-file linearity (the two inputs it checks were timed with the corpora above)
per_file() {   # per_file NAME PATH NOTE [check] [LIN_INPUT]
  local b f
  read -r b f < <(input_size "$2")
  if [ -n "${5:-}" ]; then acc_get "acc_lin_$5"; else timed "$runs" 0 /dev/null "${extract[@]}" --jobs 1 "$2"; fi
  row "$1" "$b" "$f" 1 "${3:-}"
  note_rss "$1" "$(largest "$2")" "$f"
  if [ "$T_STATUS" = ok ] && [ -n "${SPM[1]:-}" ] && [ -n "${4:-}" ]; then
    local dev
    dev=$(calc "($T_WALL / ($b / 1e6)) / ${SPM[1]} * 100 - 100")
    # One-sided: the corpus pays a per-file cost (opening and reading each file, and the
    # pipeline's code falling out of the instruction cache between short articles) that a
    # long file spreads over more bytes, so a long file is cheaper per MB by design. What
    # the target guards against is a cost that grows faster than the file.
    check "Per-file linearity: $1 vs 1× corpus (time per MB)" "$(fmt "$dev" 1)%" "at most +15% (no dearer per MB)" \
      "$(awk -v d="$dev" 'BEGIN { print (d <= 15) ? 1 : 0 }')"
  fi
}
per_file "articles 16× typical length" "$gen/long-articles" "" check long
per_file "one file, 16× typical article" "$gen/single-16x.txt" "start-up dominated"
per_file "one file, $(mult 1) MB" "$gen/single-base.txt" "" check single
typical_file=$(find "$gen/corpus-1x" -type f -name '*.txt' | sort | sed -n 1p)   # sed reads all: no SIGPIPE
per_file "one typical article" "$typical_file" "start-up dominated"

# Four of the --base-mb file in one folder with the default jobs: a large file is analysed in its
# turn, one at a time, so peak RSS keeps to the bound however many large files a folder holds.
mkdir -p "$work/large-files"
for n in 1 2 3 4; do ln "$gen/single-base.txt" "$work/large-files/f$n.txt" 2>/dev/null || cp "$gen/single-base.txt" "$work/large-files/f$n.txt"; done
read -r b f < <(input_size "$work/large-files")
timed 1 0 /dev/null "${extract[@]}" "$work/large-files"
row "four files of $(mult 1) MB" "$b" "$f" "default ($(nproc))" "one run"
note_rss "four files of $(mult 1) MB, default jobs" "$(largest "$work/large-files")" "$f"
timed 1 "0 1" /dev/null "$bin" report "$work/large-files"
row "\`report\`, four files of $(mult 1) MB" "$b" "$f" "default ($(nproc))" "one run"
note_rss "report, four files of $(mult 1) MB, default jobs" "$(largest "$work/large-files")" "$f"

# The reports whose summary comes before the files' sections (report's Markdown and HTML, check's
# junit) keep the sections in a temporary file until the end: their memory must not grow with
# the folder either. One run each over the 16x corpus, with the default jobs.
for spec in "report|report" "report --format html|report --format html" "check --format junit|check --format junit"; do
  read -ra cmd <<<"${spec#*|}"
  timed 1 "0 1" /dev/null "$bin" "${cmd[@]}" "$gen/corpus-16x"
  row "\`${spec%%|*}\`, generated 16×" "$b16" "$f16" "default ($(nproc))" "one run"
  note_rss "${spec%%|*}, generated 16×" "$(largest "$gen/corpus-16x")" "$f16"
done

# ---------------------------------------------------------------- (d) adversarial
if [ "$normal_status" = ok ]; then
  # Each input is timed in turns with the generated 1× corpus, one run of each per round, and
  # compared with that corpus's best in the same rounds: the machine's speed drifts between the
  # linearity rounds above and these.
  read -r b1x _ < <(input_size "$gen/corpus-1x")
  say "adversarial inputs (each timed in turns with generated 1×; 1× above: $(fmt "$normal_mbs") MB/s)"
  for f in no-sentence-end unbalanced-quotes one-word-lines repeated-name nested-quotes recurring-title pronoun-transcript; do
    p="$gen/adversarial/$f.txt"
    b=$(stat -c %s "$p")
    unset acc_adv acc_norm
    declare -A acc_adv=() acc_norm=()
    for ((i = 0; i < runs; i++)); do
      timed 1 0 /dev/null "${extract[@]}" --jobs 1 "$gen/corpus-1x"
      acc_add acc_norm
      timed 1 0 /dev/null "${extract[@]}" --jobs 1 "$p"
      acc_add acc_adv
    done
    acc_get acc_norm
    here_status=$T_STATUS here_mbs=0
    if [ "$T_STATUS" = ok ]; then here_mbs=$(mbps "$b1x" "$T_WALL"); fi
    acc_get acc_adv
    row "adversarial: $f" "$b" 1 1
    note_rss "adversarial: $f" "$b" 1
    if [ "$T_STATUS" = ok ] && [ "$here_status" != ok ]; then T_STATUS=skipped; fi
    case "$T_STATUS" in
      skipped) PROBLEMS+=("generated 1× corpus failed beside $f: its comparison skipped") ;;
      ok)
        rel=$(calc "$(mbps "$b" "$T_WALL") / $here_mbs")
        check "Adversarial $f: MB/s vs normal" \
          "$(fmt "$rel" 3)× ($(fmt "$(mbps "$b" "$T_WALL")" 3) MB/s; 1× $(fmt "$here_mbs" 2) MB/s in the same rounds)" \
          "≥ 0.33×" "$(ge "$rel" 0.3333 && echo 1 || echo 0)" ;;
      # (the timeout or crash itself is already listed under problems by `row`)
      timeout) CHECKS+=("| Adversarial $f: MB/s vs normal | timeout (> $timeout_s s) | ≥ 0.33× | **MISSED** |") ;;
      crash) CHECKS+=("| Adversarial $f: MB/s vs normal | crash (exit $T_RC) | ≥ 0.33× | **MISSED** |") ;;
    esac
  done
else
  PROBLEMS+=("generated 1× corpus failed: adversarial comparison skipped")
fi

# ---------------------------------------------------------------- (e) start-up
art="$root/Corpus/ain-al-asad-troops.txt"
if [ -f "$art" ]; then
  best=""
  st_fail=0
  for ((i = 0; i < 10; i++)); do
    rc=0
    t0=$EPOCHREALTIME
    "$bin" check "$art" >/dev/null 2>"$work/stderr" || rc=$?
    t1=$EPOCHREALTIME
    if [ "$rc" -gt 1 ]; then st_fail=$rc; break; fi
    w=$(calc "($t1 - $t0) * 1000")
    if [ -z "$best" ] || ! ge "$w" "$best"; then best=$w; fi
  done
  if [ "$st_fail" != 0 ]; then
    check "Start-up: attrib check on one short article" "exit $st_fail" "< 50 ms" 0
  else
    timed 1 "0 1" /dev/null "$bin" check "$art"
    T_WALL=$(calc "$best / 1000") T_DONE=10 T_CPU=""
    ROW_NORATE=1
    row "start-up: \`attrib check\` one article" "$(stat -c %s "$art")" 1 1 "check, not extract"
    ROW_NORATE=0
    check "Start-up: attrib check on one short article (best of 10)" "$(fmt "$best" 1) ms" "< 50 ms" \
      "$(awk -v b="$best" 'BEGIN { print (b < 50) ? 1 : 0 }')"
  fi
else
  NOTES+=("no $art: start-up measurement skipped")
fi

# ---------------------------------------------------------------- (f) memory
rss_of() { local r; for r in "${RSS_ROWS[@]}"; do [ "${r%%|*}" = "$1" ] && { IFS='|' read -r _ kb _ _ <<<"$r"; echo "$kb"; return; }; done; echo ""; }
r_one=$(rss_of "one typical article") r_1x=$(rss_of "generated 1×, --jobs 1") r_16x=$(rss_of "generated 16×, --jobs 1")
if [ -n "$r_one" ] && [ -n "$r_16x" ]; then
  growth=$(calc "$r_16x / $r_one")
  check "Peak RSS: $(commas "$f16") files (16×) vs one file" \
    "$(fmt "$(calc "$r_16x / 1024")" 1) MB vs $(fmt "$(calc "$r_one / 1024")" 1) MB ($(fmt "$growth")×)" \
    "no growth with file count (≤ 1.25×)" "$(awk -v g="$growth" 'BEGIN { print (g <= 1.25) ? 1 : 0 }')"
fi
if [ -n "$r_1x" ] && [ -n "$r_16x" ]; then
  info "Peak RSS: generated 16× vs 1× folder (--jobs 1)" \
    "$(fmt "$(calc "$r_16x / 1024")" 1) MB vs $(fmt "$(calc "$r_1x / 1024")" 1) MB" "–"
fi
over=()
for r in "${RSS_ROWS[@]}"; do
  IFS='|' read -r name kb lf _ <<<"$r"
  [ "$(rss_ok "$kb" "$lf")" = 1 ] || over+=("$name ($(fmt "$(calc "$kb / 1024")" 1) MB, largest file $(fmt "$(calc "$lf / 1e6")" 2) MB)")
done
if [ ${#over[@]} = 0 ]; then
  check "Peak RSS within 64 MB + 4× largest file" "all ${#RSS_ROWS[@]} runs" "every run" 1
else
  check "Peak RSS within 64 MB + 4× largest file" "over in: $(printf '%s; ' "${over[@]}" | sed 's/; $//')" "every run" 0
fi

# ---------------------------------------------------------------- report
elapsed=$(calc "$EPOCHREALTIME - $started")
report="$outdir/bench.md"
{
  echo "### attrib speed ($(date -u +%Y-%m-%d), $rev)"
  echo
  echo "$(nproc) cores ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), load average $load0 at the start," \
    "$(cut -d' ' -f1-3 /proc/loadavg) at the end; other processes may have been running. Release build," \
    "\`attrib extract --format jsonl\`; wall time is the best of $runs runs (whole process, start-up included)," \
    "CPU is user+sys time of the best run over its wall time (200% = both cores busy);" \
    "peak RSS the largest of the runs; MB = 10^6 bytes. Total benchmark time $(fmt "$elapsed" 0) s."
  echo
  echo "| Input | Files | MB | Jobs | Wall s | MB/s | Files/s | CPU | Peak RSS MB | Note |"
  echo "| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | --- |"
  printf '%s\n' "${ROWS[@]}"
  echo
  echo "| Check | Measured | Target | Status |"
  echo "| --- | --- | --- | --- |"
  printf '%s\n' "${CHECKS[@]}"
  if [ ${#PROBLEMS[@]} -gt 0 ]; then
    echo
    echo "Problems and misses:"
    echo
    printf -- '- %s\n' "${PROBLEMS[@]}"
  fi
  if [ ${#NOTES[@]} -gt 0 ]; then
    echo
    printf 'Note: %s\n' "${NOTES[@]}"
  fi
} >"$report"
echo >&2
cat "$report"
say "report kept in ${report#"$root"/}"

if [ "$strict" = 1 ] && [ ${#PROBLEMS[@]} -gt 0 ]; then exit 1; fi
exit 0
