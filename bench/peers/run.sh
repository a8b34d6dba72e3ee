#!/usr/bin/env bash
# Whole-process speed of the gleaner command beside two Rust peers
# (dom_smoothie, rs-trafilatura), one job each, plus gleaner --jobs 2.
# Usage: bash bench/peers/run.sh [DIR] [ROUNDS]
#   DIR    folder of *.html.gz pages (default ../shared/data/scrapinghub/html
#          beside the repository)
#   ROUNDS timed rounds (default 5); the order of the tools rotates each round
# GLEANER=path picks the gleaner binary (default: the repository's
# target/release/gleaner; it is not built here).
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
DIR=${1:-$ROOT/../shared/data/scrapinghub/html}
ROUNDS=${2:-5}
GLEANER=${GLEANER:-$ROOT/target/release/gleaner}

[ -x "$GLEANER" ] || { echo "no gleaner binary at $GLEANER (build it, or set GLEANER=)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (GNU time)" >&2; exit 1; }

echo "building the peer wrappers (release, $HERE/target) ..." >&2
cargo build --release --quiet --manifest-path "$HERE/Cargo.toml" --target-dir "$HERE/target"
BIN=$HERE/target/release

mapfile -t FILES < <(find "$DIR" -maxdepth 1 -name '*.html.gz' | LC_ALL=C sort)
N=${#FILES[@]}
[ "$N" -gt 0 ] || { echo "no .html.gz files in $DIR" >&2; exit 1; }

TOOLS=(gleaner-jobs1 dom_smoothie rs_trafilatura gleaner-jobs2)
cmd() {
  case $1 in
    gleaner-jobs1) echo "$GLEANER --format jsonl --jobs 1 -q" ;;
    gleaner-jobs2) echo "$GLEANER --format jsonl --jobs 2 -q" ;;
    dom_smoothie) echo "$BIN/dom_smoothie_cli" ;;
    rs_trafilatura) echo "$BIN/rs_trafilatura_cli" ;;
  esac
}

WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT

# Untimed warm-up: fills the page cache and checks one output line a page.
for t in "${TOOLS[@]}"; do
  # shellcheck disable=SC2046
  lines=$($(cmd "$t") "${FILES[@]}" 2>"$WORK/err" | wc -l)
  if [ "$lines" -ne "$N" ]; then
    echo "warning: $t wrote $lines lines for $N pages" >&2
    head -3 "$WORK/err" >&2
  fi
done

# Timed rounds: wall time from the shell clock (ns), peak RSS from time -v.
for ((r = 0; r < ROUNDS; r++)); do
  for ((i = 0; i < ${#TOOLS[@]}; i++)); do
    t=${TOOLS[$(((i + r) % ${#TOOLS[@]}))]}
    start=$(date +%s%N)
    # shellcheck disable=SC2046
    /usr/bin/time -v -o "$WORK/time" $(cmd "$t") "${FILES[@]}" >/dev/null 2>/dev/null
    end=$(date +%s%N)
    rss=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$WORK/time")
    echo "$t $(((end - start) / 1000)) $rss" >>"$WORK/samples"
  done
  echo "round $((r + 1))/$ROUNDS done" >&2
done

echo
echo "$N pages from $DIR, $ROUNDS rounds, $(nproc) cores, $(date -u +%Y-%m-%d)"
echo
python3 - "$WORK/samples" "$N" <<'PY'
import statistics, sys
samples, n = sys.argv[1], int(sys.argv[2])
wall, rss = {}, {}
for line in open(samples):
    t, us, kb = line.split()
    wall.setdefault(t, []).append(int(us) / 1e6)
    rss[t] = max(rss.get(t, 0), int(kb))
med = {t: statistics.median(v) for t, v in wall.items()}
print("| tool | best s | median s | pages/s (median) | gleaner-jobs1 speed over it | jobs2/jobs1 | peak RSS MB |")
print("|---|---:|---:|---:|---:|---:|---:|")
for t in ["gleaner-jobs1", "dom_smoothie", "rs_trafilatura", "gleaner-jobs2"]:
    if t not in wall:
        continue
    over = f"{med[t] / med['gleaner-jobs1']:.2f}x"
    j = f"{med['gleaner-jobs1'] / med[t]:.2f}x" if t == "gleaner-jobs2" else ""
    print(f"| {t} | {min(wall[t]):.3f} | {med[t]:.3f} | {n / med[t]:.0f} | {over} | {j} | {rss[t] / 1024:.1f} |")
PY
