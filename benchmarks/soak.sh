#!/usr/bin/env bash
# The soak: the embedded host under mixed load (pool blocks of every type, brokered secure buffers of every
# size) with a provider change of a different kind every 3 s, for N seconds (default 600), sampling RSS,
# VmLck and the number of mappings; then plots the samples. Writes docs/soak.csv and docs/soak.png.
#
#   benchmarks/soak.sh [SECONDS]         (builds first; --no-build reuses the jars)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(dirname "$here")
seconds=600
build=1
for arg in "$@"; do
    case "$arg" in
        --no-build) build=0 ;;
        *) seconds=$arg ;;
    esac
done
if [[ $build == 1 ]]; then
    (cd "$root" && mvn -B -q -DskipTests -pl launcher,benchmarks -am package)
fi
# a fixed, pre-touched heap, so RSS shows native memory (pools, secure arena, JIT code, class metadata)
# rather than the heap's pages being touched for the first time
java -Xms256m -Xmx256m -XX:+AlwaysPreTouch -jar "$root/launcher/target/lle-memory-launcher.jar" --soak "$seconds" \
    --soak-csv "$root/docs/soak.csv" | tee "$here/results/soak-output.txt"
java -Djava.awt.headless=true -cp "$here/target/benchmarks.jar" org.lle.memory.benchmarks.soak.SoakPlot \
    "$root/docs/soak.csv" "$root/docs/soak.png"
echo "wrote $root/docs/soak.csv and $root/docs/soak.png"
