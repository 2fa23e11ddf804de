// INTERIM host shim, used only until gpu/src/main/cuda/cuda_shim.h (helper "kernels") exists: the
// build puts src/main/cuda first on the include path, so the real shim wins as soon as it is there.
// Just enough for the test kernels in testkernels.cu: dim3, the index variables, 64-bit atomicAdd
// and shim::launch in SEQ order (seeded shuffle); THREADS runs the same order (no __syncthreads).
#pragma once

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#define __global__
#define __device__
#define __host__
#define __restrict__ __restrict
#define __forceinline__ inline

struct dim3 {
  unsigned x, y, z;
  constexpr dim3(unsigned x_ = 1, unsigned y_ = 1, unsigned z_ = 1) : x(x_), y(y_), z(z_) {}
};
struct uint3 {
  unsigned x, y, z;
};

inline thread_local uint3 threadIdx;
inline thread_local uint3 blockIdx;
inline thread_local dim3 blockDim;
inline thread_local dim3 gridDim;

template <typename T>
inline T atomicAdd(T* address, T value) {
  return __atomic_fetch_add(address, value, __ATOMIC_SEQ_CST);
}

namespace shim {
enum class Mode { SEQ, THREADS };

template <typename... KParams, typename... Args>
void launch(void (*kernel)(KParams...), dim3 grid, dim3 block, Mode, unsigned long long seed,
            Args... args) {
  struct Slot {
    uint3 b, t;
  };
  std::vector<Slot> order;
  for (unsigned bz = 0; bz < grid.z; bz++)
    for (unsigned by = 0; by < grid.y; by++)
      for (unsigned bx = 0; bx < grid.x; bx++)
        for (unsigned tz = 0; tz < block.z; tz++)
          for (unsigned ty = 0; ty < block.y; ty++)
            for (unsigned tx = 0; tx < block.x; tx++)
              order.push_back({{bx, by, bz}, {tx, ty, tz}});
  if (seed != 0) {
    std::mt19937_64 random(seed);
    std::shuffle(order.begin(), order.end(), random);
  }
  gridDim = grid;
  blockDim = block;
  for (const Slot& slot : order) {
    blockIdx = slot.b;
    threadIdx = slot.t;
    kernel(args...);
  }
}
}  // namespace shim
