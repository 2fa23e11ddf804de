#!/usr/bin/env bash
# Builds the shipped PTX from kernels.cu (GPU.md sections 2 and 6.3):
#   nvcc -ptx -arch=compute_80 (no -lineinfo, so the output does not depend on the checkout path)
#   -> .version rewritten to 7.0 (nvcc 13 emits 9.0, which only CUDA 13 drivers load; ptxas then
#      checks every feature against 7.0)
#   -> "// source-sha256: <sha256>" prepended, the sha256 of every .cu and .h file in this folder
#      concatenated in file-name order (TestKernelsPtx recomputes it in Java)
#   -> ptxas for sm_80 and sm_90.
#
# Usage: build-ptx.sh [OUTPUT]              (default: gpu/src/main/resources/dev/sluice/gpu/kernels.ptx)
#        build-ptx.sh --check COMMITTED OUTPUT
#            builds OUTPUT and fails when COMMITTED differs from it outside comment lines
# Environment: NVCC (default /usr/local/cuda/bin/nvcc), PTXAS (default: next to NVCC).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
committed=""
if [[ "${1:-}" == "--check" ]]; then
  committed=$2
  shift 2
fi
out=${1:-$here/../resources/dev/sluice/gpu/kernels.ptx}
nvcc=${NVCC:-/usr/local/cuda/bin/nvcc}
ptxas=${PTXAS:-$(dirname "$nvcc")/ptxas}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

sources=$(cd "$here" && ls | LC_ALL=C grep -E '\.(cu|h)$' | LC_ALL=C sort)
sha=$(cd "$here" && cat $sources | sha256sum | cut -d' ' -f1)

(cd "$here" && "$nvcc" -ptx -arch=compute_80 -o "$tmp/nvcc.ptx" kernels.cu)
versions=$(grep -c '^\.version ' "$tmp/nvcc.ptx" || true)
if [[ "$versions" != 1 ]]; then
  echo "build-ptx: expected one .version line in nvcc's PTX, found $versions" >&2
  exit 1
fi
{
  echo "// source-sha256: $sha"
  sed -E 's/^\.version [0-9]+\.[0-9]+$/.version 7.0/' "$tmp/nvcc.ptx"
} > "$tmp/kernels.ptx"

for arch in sm_80 sm_90; do
  if ! "$ptxas" -arch=$arch -o "$tmp/kernels.$arch.cubin" "$tmp/kernels.ptx"; then
    echo "build-ptx: ptxas rejected the PTX (ISA 7.0) for $arch" >&2
    exit 1
  fi
done

mkdir -p "$(dirname "$out")"
cp "$tmp/kernels.ptx" "$out"
echo "build-ptx: wrote $out (source-sha256 $sha, ptxas ok for sm_80 and sm_90)"

if [[ -n "$committed" ]]; then
  if ! diff <(grep -v '^//' "$committed") <(grep -v '^//' "$out") > "$tmp/diff"; then
    head -20 "$tmp/diff" >&2
    echo "build-ptx: $committed is stale: it differs from the PTX built from the sources." >&2
    echo "build-ptx: run gpu/src/main/cuda/build-ptx.sh and commit the result." >&2
    exit 1
  fi
  if ! grep -qx "// source-sha256: $sha" "$committed"; then
    echo "build-ptx: $committed has a different source-sha256 than the sources ($sha)." >&2
    echo "build-ptx: run gpu/src/main/cuda/build-ptx.sh and commit the result." >&2
    exit 1
  fi
  echo "build-ptx: $committed is up to date"
fi
