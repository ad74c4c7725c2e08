#!/usr/bin/env bash
# Builds the benchmark jar, runs every JMH benchmark (ours beside the peers, in ONE run, so the ratios
# compare like with like), measures the memory goals in separate JVMs, and regenerates the report:
# the generated section of docs/performance.md and docs/performance.png.
#
#   benchmarks/run.sh            full run (2 forks, 3 warmup + 4 measurement iterations of 1 s, -prof gc; the 4 KiB
#                                wipes, the pool's allocate+close beside Netty's and the secure life cycle beside
#                                the pool's: 6 rounds of 1 fork, see below): ~48 min on 2 cores
#   benchmarks/run.sh --quick    smoke check (1 fork, 1 short warmup, 2 short iterations, 512 B only): ~2 min
#   benchmarks/run.sh --no-build ...   reuse benchmarks/target/benchmarks.jar
#   anything else is passed to JMH, e.g.  benchmarks/run.sh --quick -prof gc 'PoolAlloc1T'
#
# Needs: JDK 17, Maven, and for the native peers libsodium23 + libssl3 (Debian: apt-get install libsodium23 libssl3);
# for the lock-limit measurement prlimit and setpriv (util-linux).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
results="$here/results"
jar="$here/target/benchmarks.jar"

mode=full
build=1
jmh_extra=()
for arg in "$@"; do
    case "$arg" in
        --quick) mode=quick ;;
        --no-build) build=0 ;;
        *) jmh_extra+=("$arg") ;;
    esac
done

if [[ $build == 1 ]]; then
    (cd "$root" && mvn -B -q -DskipTests -pl benchmarks -am package)
fi
[[ -f "$jar" ]] || { echo "missing $jar: run without --no-build" >&2; exit 1; }
mkdir -p "$results"

if [[ $mode == quick ]]; then
    jmh_opts=(-f 1 -wi 1 -i 2 -w 200ms -r 300ms -p size=512)
else
    jmh_opts=(-f 2 -wi 3 -i 4 -w 1s -r 1s -prof gc)
fi
# CPU time per op beside the wall time: on a shared machine it does not count waiting for a core
jmh_opts+=(-prof org.lle.memory.benchmarks.profile.CpuTimeProfiler -foe false -rf json -rff "$results/jmh-result.json")

started=$(date -u +%FT%TZ)
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
echo "== JMH ($mode), load average $load_before"
json="$results/jmh-result.json"
# Runs one group as six rounds of one fork over all of its benchmarks, so they take turns; prints the result
# files joined by + (the report pools them into one result per benchmark: Rounds).
rounds() {
    local name=$1 label=$2
    shift 2
    local files="" round
    for round in 1 2 3 4 5 6; do
        local opts=("${jmh_opts[@]}")
        opts[1]=1
        opts[${#opts[@]}-1]="$results/jmh-result-$name-round$round.json"
        echo "== $label, round $round of 6" | tee -a "$results/jmh-output.txt" >&2
        java -jar "$jar" "${opts[@]}" "$@" 2>&1 | tee -a "$results/jmh-output.txt" >&2
        files="$files${files:++}$results/jmh-result-$name-round$round.json"
    done
    echo "$files"
}

rm -f "$results"/jmh-result-*-round*.json
if [[ $mode == full && ${#jmh_extra[@]} == 0 ]]; then
    # On this kind of shared VM a benchmark drops to half speed or worse for spells of seconds to a minute, in ours
    # and in the peers alike, and JMH runs all forks of one benchmark before the next: a spell would land on one
    # side of a ratio. The groups whose goals are such ratios run as rounds instead (rounds above): the 4 KiB wipes
    # (the 1.2x goal), the pool's allocate+close beside Netty's (the 0.5x goal) and the secure life cycle beside
    # the pool's (the 2x goal).
    pool_pair='PoolAlloc[12]T\.(llePool|nettyPooledDirect)$'
    life_pair='SecureLifeCycle\.(llePosixAllocWriteClose|llePoolAllocClose)$'
    java -jar "$jar" "${jmh_opts[@]}" -p bytes=64 -e "$pool_pair" -e "$life_pair" 2>&1 | tee "$results/jmh-output.txt"
    wipes=$(rounds wipe4k "4 KiB wipes" -p bytes=4096 'secure.WipeBenchmark')
    pool=$(rounds pool "pool and Netty allocate+close" "$pool_pair")
    life=$(rounds life "secure and pool life cycles" "$life_pair")
    json="$json,$wipes,$pool,$life"
else
    java -jar "$jar" "${jmh_opts[@]}" ${jmh_extra[@]+"${jmh_extra[@]}"} 2>&1 | tee "$results/jmh-output.txt"
fi

echo "== memory footprint (separate JVMs)"
memory="$results/memory.properties"
: > "$memory"
footprint=org.lle.memory.benchmarks.footprint.MemoryFootprint
# 8 MiB lock limit and no CAP_IPC_LOCK (which would make the limit irrelevant), as an ordinary user has
if command -v prlimit >/dev/null && command -v setpriv >/dev/null; then
    prlimit --memlock=8388608:8388608 setpriv --bounding-set -ipc_lock --inh-caps -ipc_lock \
        java -Xmx256m -cp "$jar" "$footprint" secrets >> "$memory" \
        || echo "secrets.error=the secrets run failed (exit $?), see the console" >> "$memory"
else
    echo "secrets.error=prlimit/setpriv (util-linux) not installed" >> "$memory"
fi
# pre-touched fixed heap: the RSS delta is then native memory only
for who in pool netty adaptive direct; do
    java -Xms512m -Xmx512m -XX:+AlwaysPreTouch -XX:+UseSerialGC -cp "$jar" "$footprint" "$who" >> "$memory" \
        || echo "footprint.$who.error=the $who run failed (exit $?), see the console" >> "$memory"
done
# the same at other counts of live blocks: the memory line of the volume chart (100,000 is the run above)
for blocks in 10000 500000; do
    for who in pool netty adaptive; do
        java -Xms1g -Xmx1g -XX:+AlwaysPreTouch -XX:+UseSerialGC -cp "$jar" "$footprint" "$who" "$blocks" >> "$memory" \
            || echo "footprint.$who.n$blocks.error=the $who run at $blocks blocks failed (exit $?), see the console" >> "$memory"
    done
done
# evidence that enable on an already-locked page makes no syscall (and a control that does)
if command -v strace >/dev/null; then
    for variant in check control; do
        trace="$results/enable-$variant.strace"
        strace -f -qq -e trace=mlock,munlock,madvise,write -o "$trace" \
            java -cp "$jar" org.lle.memory.benchmarks.secure.EnableSyscallCheck "$variant" > /dev/null 2>&1 \
            || echo "enable.$variant.error=the run failed" >> "$memory"
        # only the calling thread counts: the JVM's own threads madvise memory too (GC)
        awk -v v="$variant" '/ENABLE-CHECK-BEGIN/ {on = 1; tid = $1; next}
            /ENABLE-CHECK-END/ {on = 0; match($0, /pairs=[0-9]+/); pairs = substr($0, RSTART + 6, RLENGTH - 6)}
            on && $1 == tid && /(mlock|munlock|madvise)\(/ {n++}
            END {print "enable." v ".pairs=" pairs; print "enable." v ".lockSyscallsInLoop=" n + 0}' "$trace" >> "$memory"
        rm -f "$trace"
    done
else
    echo "enable.error=strace not installed" >> "$memory"
fi
cat "$memory"

cat > "$results/run-info.properties" <<INFO
mode=$mode
command=benchmarks/run.sh ${*}  (JMH: java -jar benchmarks/target/benchmarks.jar ${jmh_opts[*]/#$root\//} ${jmh_extra[*]+${jmh_extra[*]}}$([[ $json == *,* ]] && echo "; -p bytes=64 without the pairs below, then in 6 rounds of -f 1 each, pooled: WipeBenchmark -p bytes=4096, PoolAlloc[12]T llePool and nettyPooledDirect, and SecureLifeCycle llePosixAllocWriteClose and llePoolAllocClose"))
started=$started
finished=$(date -u +%FT%TZ)
loadBefore=$load_before
loadAfter=$(cut -d' ' -f1-3 /proc/loadavg)
INFO

echo "== report"
java -Djava.awt.headless=true -cp "$jar" org.lle.memory.benchmarks.report.Report \
    "$json" "$memory" "$results/run-info.properties" \
    "$root/docs/performance.md" "$root/docs/performance.png"
echo "wrote $root/docs/performance.md and $root/docs/performance.png"
