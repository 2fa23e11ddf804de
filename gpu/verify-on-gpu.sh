#!/usr/bin/env bash
# Verification on a machine WITH an NVIDIA GPU (compute capability 8.0+, a CUDA 12 or newer driver).
# It cannot run in CI, which has no GPU: there the same code is tested through the stand-in
# libcuda.so.1 (see gpu/README.md). What it does:
#   1. runs the gpu module's tests against the real driver (Maven profile real-gpu: the probe must
#      find the device, the shipped PTX must load, every kernel must match its Java reference);
#   2. runs the examples module's TestTpchOnGpu against the real driver: Q1 and Q6 at SF0.01 with their
#      partial aggregations on the GPU (exact answers, no batch falling back), grouped aggregations,
#      GPU-partitioned shuffles and a projection equal to a CPU session's rows;
#   3. runs TPC-H Q1 and Q6 at scale factor SF (default 1) with the GPU off and on, and prints both
#      answers and timings side by side; the answers must be identical.
# Usage: gpu/verify-on-gpu.sh [--data DIR] [--sf SF] [--runs N]
set -euo pipefail
root="$(cd -- "$(dirname -- "${BASH_SOURCE[0]}")/.." && pwd -P)"
cd "$root"
data="${TMPDIR:-/tmp}/sluice-gpu-verify"
sf=1
runs=3
while [[ $# -gt 0 ]]; do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    --sf) sf="$2"; shift 2 ;;
    --runs) runs="$2"; shift 2 ;;
    *) echo "usage: gpu/verify-on-gpu.sh [--data DIR] [--sf SF] [--runs N]" >&2; exit 2 ;;
  esac
done

if ! command -v nvidia-smi >/dev/null 2>&1 || ! nvidia-smi -L >/dev/null 2>&1; then
  echo "verify-on-gpu: no usable NVIDIA GPU here (nvidia-smi -L failed); nothing to verify" >&2
  exit 2
fi
echo "== GPU"
nvidia-smi --query-gpu=name,compute_cap,driver_version,memory.total --format=csv,noheader

echo "== 1. gpu module tests against the real driver"
mvn -B -ntp -pl gpu -am -Preal-gpu test

echo "== 2. DataFrame jobs on the GPU against a CPU session (examples TestTpchOnGpu)"
mvn -B -ntp -pl examples -am test -Dtest=TestTpchOnGpu -Dsurefire.failIfNoSpecifiedTests=false \
  -Dsluice.test.gpu.environment=real-gpu

echo "== 3. TPC-H Q1 and Q6 at SF $sf, GPU off and on"
if [[ ! -d "$data/sf$sf/parquet/lineitem" ]]; then
  bin/sluice gen-data --out "$data" --sf "$sf" >/dev/null
fi
results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT
printf '%-8s %-4s %s\n' query gpu "seconds per run"
for query in tpch-q1 tpch-q6; do
  for gpu in off on; do
    flag=()
    [[ "$gpu" == on ]] && flag=(--gpu)
    times=()
    for ((run = 0; run < runs; run++)); do
      start=$(date +%s.%N)
      bin/sluice run-example "$query" --data "$data" --sf "$sf" "${flag[@]}" > "$results/$query-$gpu.txt"
      end=$(date +%s.%N)
      times+=("$(echo "$end - $start" | bc)")
    done
    printf '%-8s %-4s %s\n' "$query" "$gpu" "${times[*]}"
  done
  if diff -q "$results/$query-off.txt" "$results/$query-on.txt" >/dev/null; then
    echo "$query: identical answers with the GPU off and on"
  else
    echo "$query: ANSWERS DIFFER with the GPU off and on:" >&2
    diff "$results/$query-off.txt" "$results/$query-on.txt" >&2 || true
    exit 1
  fi
  cat "$results/$query-on.txt"
done
echo "Timings include JVM start and planning; run with the session's explain() to see which operators ran on the GPU."
