#!/usr/bin/env bash
# The volume benchmark (allocate N 64-byte blocks, keep them, close them; 1 and 2 threads; N = 10k, 100k, 500k)
# for three allocators in the same run: ours as built, ours with benchmarks/ablations/volume-floor.patch applied
# (the pool's usual path with every promise that costs time there taken out: no call registration, no
# compare-and-set at close, no wipe, no statistics, no leak sampling), and Netty's pooled and adaptive allocators.
# It shows how far the design is from the goal "at most 0.5x the better Netty" with those promises and without.
#
#   benchmarks/volume-floor.sh [rounds]    default 3 rounds: ~30 min on 2 cores
#   benchmarks/volume-floor.sh --no-build [rounds]    reuse benchmarks/target/benchmarks.jar
#
# Each round runs both jars for 1 thread, then both for 2 threads (one fork each, 3 warmup and 4 measurement
# iterations of 1 s), so a slow spell of a shared machine falls on both; the table gives medians over rounds.
# Needs: JDK 17, Maven, git.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
jar="$here/target/benchmarks.jar"
out="$here/results/volume-floor"
patch="$here/ablations/volume-floor.patch"

build=1
rounds=3
for arg in "$@"; do
    case "$arg" in
        --no-build) build=0 ;;
        ''|*[!0-9]*) echo "usage: $0 [--no-build] [rounds]" >&2; exit 2 ;;
        *) rounds=$arg ;;
    esac
done
(( rounds >= 1 )) || { echo "rounds must be at least 1, got $rounds" >&2; exit 2; }

if [[ $build == 1 ]]; then
    (cd "$root" && mvn -B -q -DskipTests -Dmaven.javadoc.skip=true -pl benchmarks -am package)
fi
[[ -f "$jar" ]] || { echo "missing $jar: run without --no-build" >&2; exit 1; }

# the floor build: a detached worktree of HEAD with the patch applied, so the checkout itself is never touched
tree=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$tree" >/dev/null 2>&1 || rm -rf "$tree"' EXIT
git -C "$root" worktree add --detach -q "$tree" HEAD
if ! git -C "$tree" apply "$patch"; then
    echo "$patch no longer applies to HEAD: redo its edits by hand and save git diff over it" >&2
    exit 1
fi
(cd "$tree" && mvn -B -q -DskipTests -Dmaven.javadoc.skip=true -pl benchmarks -am package)
floor_jar="$tree/benchmarks/target/benchmarks.jar"

rm -rf "$out"
mkdir -p "$out"
for round in $(seq "$rounds"); do
    for threads in 1T 2T; do
        for variant in ours floor; do
            j=$jar
            [[ $variant == floor ]] && j=$floor_jar
            echo "== round $round of $rounds, $threads, $variant" >&2
            java -jar "$j" "Volume$threads\.(lle|nettyAdaptive|nettyPooled)_(10k|100k|500k)\$" \
                -f 1 -wi 3 -i 4 -w 1s -r 1s > "$out/$variant-$threads-round$round.txt" 2>&1
        done
    done
done

# score lines look like "Volume1T.lle_10k  avgt  4  66.2 ± 7.8  ns/op" (JMH may shorten the package)
for f in "$out"/*.txt; do
    name=$(basename "$f" .txt)
    variant=${name%%-*}
    awk -v v="$variant" '$2 == "avgt" {sub(/.*Volume/, "Volume", $1); print v, $1, $4}' "$f"
done | sort > "$out/scores.txt"

awk '
function median(list,    a, n, i, j, t) {
    n = split(list, a, " ")
    for (i = 2; i <= n; i++) for (j = i; j > 1 && a[j - 1] + 0 > a[j] + 0; j--) { t = a[j]; a[j] = a[j - 1]; a[j - 1] = t }
    return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
}
{
    split($2, p, /[._]/)                 # Volume1T lle 10k
    key = p[1] SUBSEP p[3]
    who = p[2] == "lle" ? $1 : p[2]      # ours / floor / nettyAdaptive / nettyPooled (both jars run the same Netty)
    scores[key, who] = scores[key, who] " " $3
    keys[key] = 1
}
END {
    printf "%-9s %-5s %10s %10s %10s %10s %8s %8s\n", "threads", "N", "ours ns", "floor ns", "adaptive", "pooled", "ours x", "floor x"
    split("Volume1T Volume2T", ts, " "); split("10k 100k 500k", ns, " ")
    for (i = 1; i <= 2; i++) for (k = 1; k <= 3; k++) {
        key = ts[i] SUBSEP ns[k]
        if (!(key in keys)) continue
        if (scores[key, "ours"] == "" || scores[key, "floor"] == "" || scores[key, "nettyAdaptive"] == "" \
                || scores[key, "nettyPooled"] == "") {
            printf "%-9s %-5s a benchmark failed: see %s/*.txt\n", substr(ts[i], 7), ns[k], dir
            continue
        }
        o = median(scores[key, "ours"]); f = median(scores[key, "floor"])
        a = median(scores[key, "nettyAdaptive"]); q = median(scores[key, "nettyPooled"])
        best = a < q ? a : q
        printf "%-9s %-5s %10.1f %10.1f %10.1f %10.1f %8.2f %8.2f\n", substr(ts[i], 7), ns[k], o, f, a, q, o / best, f / best
    }
    print "ours x / floor x: time per block over the better Netty; the goal is at most 0.50"
}' dir="$out" "$out/scores.txt" | tee "$out/summary.txt"
