// Test-only kernels for the fake driver's own tests (TestFakeCudaLaunch): they exercise the launch
// path (parameter marshalling of pointers, int and long long, Arrow validity bitmaps read as uint32
// words) independently of the production kernels in src/main/cuda/kernels.cu.
// The PTX image the tests load, src/test/resources/dev/sluice/gpu/fakecuda-test.ptx, is built from
// this file by build-test-ptx.sh (nvcc, .version rewritten to 7.0).
#ifndef __CUDACC__
#include "cuda_shim.h"
#endif

// Sum and count of the non-null values; validity is an Arrow LSB-first bitmap or null (no nulls).
// out[0] += sum (wrapping), out[1] += count; out must be zeroed by the caller.
extern "C" __global__ void fakecuda_test_sum_i64(const long long* values, const unsigned* validity,
                                                 long long n, unsigned long long* out) {
  unsigned long long sum = 0;
  unsigned long long count = 0;
  long long stride = (long long)blockDim.x * gridDim.x;
  for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
    if (validity == nullptr || ((validity[i >> 5] >> (i & 31)) & 1u)) {
      sum += (unsigned long long)values[i];
      count++;
    }
  }
  atomicAdd(&out[0], sum);
  atomicAdd(&out[1], count);
}

// out[i] = a[i] * factor + b[i] (wrapping), for every row; nulls are the caller's business.
extern "C" __global__ void fakecuda_test_mul_add_i64(const long long* a, const long long* b,
                                                     int factor, long long n, long long* out) {
  long long stride = (long long)blockDim.x * gridDim.x;
  for (long long i = (long long)blockIdx.x * blockDim.x + threadIdx.x; i < n; i += stride) {
    out[i] = (long long)((unsigned long long)a[i] * (unsigned long long)(long long)factor +
                         (unsigned long long)b[i]);
  }
}
