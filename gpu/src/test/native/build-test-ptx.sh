#!/usr/bin/env bash
# Regenerates the committed test PTX image src/test/resources/dev/sluice/gpu/fakecuda-test.ptx from
# testkernels.cu, as build-ptx.sh does for the production kernels: nvcc -ptx for compute_80, the
# ISA header rewritten to .version 7.0, checked with ptxas for sm_80 and sm_90. Run by hand (needs
# nvcc); the fake driver reads only the .version and .entry lines.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
cuda=${CUDA_HOME:-/usr/local/cuda}
out=$here/../resources/dev/sluice/gpu/fakecuda-test.ptx
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$cuda/bin/nvcc" -ptx -arch=compute_80 "$here/testkernels.cu" -o "$tmp/raw.ptx"
sed -E 's/^\.version [0-9]+\.[0-9]+$/.version 7.0/' "$tmp/raw.ptx" > "$tmp/test.ptx"
for arch in sm_80 sm_90; do
  "$cuda/bin/ptxas" -arch=$arch "$tmp/test.ptx" -o /dev/null
done
mkdir -p "$(dirname "$out")"
cp "$tmp/test.ptx" "$out"
echo "wrote $out"
