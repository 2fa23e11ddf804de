// cuda_shim.h: lets kernels.cu compile as host C++ (g++ -std=c++20 -x c++), so the same kernels run
// on a CPU in tests (GPU.md section 3a). Not used by nvcc (kernels.cu includes it only when
// __CUDACC__ is undefined).
//
// What it provides:
//   - __global__/__device__/__host__/__forceinline__ as no-ops, dim3, threadIdx/blockIdx/blockDim/gridDim
//     (thread_local, so several host threads may launch kernels at once);
//   - atomics (atomicAdd/Sub/Exch/Min/Max/Or/And/Xor/CAS) as GCC __atomic builtins, seq_cst, which is
//     STRONGER than the GPU memory model (missing __threadfence bugs stay hidden);
//   - bit intrinsics (__popc, __popcll, __ffs, __clzll, __mul64hi, __double_as_longlong,
//     __longlong_as_double, __dadd_rn/__dsub_rn/__dmul_rn/__ddiv_rn), __syncthreads, __threadfence;
//   - shim::launch(kernel, grid, block, mode, seed, args...) and shim::launch_packed(kernel, grid,
//     block, mode, seed, void** params) (the form cuLaunchKernel passes parameters in).
//
// Modes: SEQ runs every (block, thread) pair one after another on the calling thread, in a shuffled
// order when seed != 0; __syncthreads aborts there. THREADS runs blocks one after another, each
// block's threads as real std::threads with a std::barrier for __syncthreads (keep grids small).
// Not supported: __shared__ across concurrent launches (it is a function-local static), dynamic
// extern __shared__, warp shuffles/votes, cooperative groups, CUB/Thrust, textures.
#pragma once
#ifndef __CUDACC__

#include <algorithm>
#include <barrier>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <random>
#include <thread>
#include <type_traits>
#include <utility>
#include <vector>

#define __global__
#define __device__
#define __host__
#define __forceinline__ inline __attribute__((always_inline))
#define __shared__ static

struct dim3 {
  unsigned int x, y, z;
  constexpr dim3(unsigned int x_ = 1, unsigned int y_ = 1, unsigned int z_ = 1) : x(x_), y(y_), z(z_) {}
};

namespace shim {
struct ThreadContext {
  dim3 thread{0, 0, 0};
  dim3 block{0, 0, 0};
  dim3 block_dim{1, 1, 1};
  dim3 grid_dim{1, 1, 1};
  std::barrier<>* barrier = nullptr;
};
inline thread_local ThreadContext ctx;
}  // namespace shim

#define threadIdx (::shim::ctx.thread)
#define blockIdx (::shim::ctx.block)
#define blockDim (::shim::ctx.block_dim)
#define gridDim (::shim::ctx.grid_dim)

// ---- atomics -------------------------------------------------------------------------------
template <class T> inline T atomicAdd(T* p, std::type_identity_t<T> v) {
  return __atomic_fetch_add(p, v, __ATOMIC_SEQ_CST);
}
template <class T> inline T atomicSub(T* p, std::type_identity_t<T> v) {
  return __atomic_fetch_sub(p, v, __ATOMIC_SEQ_CST);
}
template <class T> inline T atomicOr(T* p, std::type_identity_t<T> v) { return __atomic_fetch_or(p, v, __ATOMIC_SEQ_CST); }
template <class T> inline T atomicAnd(T* p, std::type_identity_t<T> v) {
  return __atomic_fetch_and(p, v, __ATOMIC_SEQ_CST);
}
template <class T> inline T atomicXor(T* p, std::type_identity_t<T> v) {
  return __atomic_fetch_xor(p, v, __ATOMIC_SEQ_CST);
}
template <class T> inline T atomicExch(T* p, std::type_identity_t<T> v) {
  return __atomic_exchange_n(p, v, __ATOMIC_SEQ_CST);
}
template <class T> inline T atomicCAS(T* p, std::type_identity_t<T> compare, std::type_identity_t<T> v) {
  __atomic_compare_exchange_n(p, &compare, v, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
  return compare;  // the old value: unchanged on success, updated to the current one on failure
}
template <class T> inline T atomicMin(T* p, std::type_identity_t<T> v) {
  T old = __atomic_load_n(p, __ATOMIC_SEQ_CST);
  while (v < old && !__atomic_compare_exchange_n(p, &old, v, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
  }
  return old;
}
template <class T> inline T atomicMax(T* p, std::type_identity_t<T> v) {
  T old = __atomic_load_n(p, __ATOMIC_SEQ_CST);
  while (v > old && !__atomic_compare_exchange_n(p, &old, v, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
  }
  return old;
}
template <class F, class B> inline F shim_atomic_add_float(F* p, F v) {
  static_assert(sizeof(F) == sizeof(B));
  B old_bits = __atomic_load_n(reinterpret_cast<B*>(p), __ATOMIC_SEQ_CST);
  while (true) {
    F old;
    std::memcpy(&old, &old_bits, sizeof(F));
    F next = old + v;
    B next_bits;
    std::memcpy(&next_bits, &next, sizeof(F));
    if (__atomic_compare_exchange_n(reinterpret_cast<B*>(p), &old_bits, next_bits, false, __ATOMIC_SEQ_CST,
                                    __ATOMIC_SEQ_CST)) {
      return old;
    }
  }
}
inline double atomicAdd(double* p, double v) { return shim_atomic_add_float<double, unsigned long long>(p, v); }
inline float atomicAdd(float* p, float v) { return shim_atomic_add_float<float, unsigned int>(p, v); }

// ---- intrinsics ----------------------------------------------------------------------------
inline int __popc(unsigned int x) { return __builtin_popcount(x); }
inline int __popcll(unsigned long long x) { return __builtin_popcountll(x); }
inline int __ffs(int x) { return __builtin_ffs(x); }
inline int __clzll(long long x) { return x == 0 ? 64 : __builtin_clzll(static_cast<unsigned long long>(x)); }
inline long long __mul64hi(long long a, long long b) {
  return static_cast<long long>((static_cast<__int128>(a) * static_cast<__int128>(b)) >> 64);
}
inline unsigned long long __umul64hi(unsigned long long a, unsigned long long b) {
  return static_cast<unsigned long long>((static_cast<unsigned __int128>(a) * b) >> 64);
}
inline long long __double_as_longlong(double d) {
  long long r;
  std::memcpy(&r, &d, sizeof r);
  return r;
}
inline double __longlong_as_double(long long x) {
  double r;
  std::memcpy(&r, &x, sizeof r);
  return r;
}
inline double __dadd_rn(double a, double b) { return a + b; }
inline double __dsub_rn(double a, double b) { return a - b; }
inline double __dmul_rn(double a, double b) { return a * b; }
inline double __ddiv_rn(double a, double b) { return a / b; }
inline void __threadfence() { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
inline void __syncthreads() {
  if (::shim::ctx.barrier == nullptr) {
    std::fprintf(stderr, "cuda_shim: __syncthreads() needs shim::Mode::THREADS (ran in SEQ)\n");
    std::abort();
  }
  ::shim::ctx.barrier->arrive_and_wait();
}

// ---- launching -----------------------------------------------------------------------------
namespace shim {
enum class Mode { SEQ, THREADS };

inline dim3 unlinear(unsigned long long i, dim3 shape) {
  return dim3(static_cast<unsigned int>(i % shape.x), static_cast<unsigned int>((i / shape.x) % shape.y),
              static_cast<unsigned int>(i / (static_cast<unsigned long long>(shape.x) * shape.y)));
}

/** Runs body() once per (block, thread) of the launch, with threadIdx etc. set for each. */
template <class Body>
void run(dim3 grid, dim3 block, Mode mode, unsigned long long seed, Body&& body) {
  const unsigned long long blocks = static_cast<unsigned long long>(grid.x) * grid.y * grid.z;
  const unsigned long long threads = static_cast<unsigned long long>(block.x) * block.y * block.z;
  const ThreadContext saved = ctx;
  if (mode == Mode::SEQ) {
    std::vector<unsigned long long> order(blocks * threads);
    for (unsigned long long i = 0; i < order.size(); i++) order[i] = i;
    if (seed != 0) {
      std::mt19937_64 random(seed);
      std::shuffle(order.begin(), order.end(), random);
    }
    for (unsigned long long pair : order) {
      ctx.block = unlinear(pair / threads, grid);
      ctx.thread = unlinear(pair % threads, block);
      ctx.block_dim = block;
      ctx.grid_dim = grid;
      ctx.barrier = nullptr;
      body();
    }
    ctx = saved;
    return;
  }
  std::vector<unsigned long long> block_order(blocks);
  for (unsigned long long i = 0; i < blocks; i++) block_order[i] = i;
  if (seed != 0) {
    std::mt19937_64 random(seed);
    std::shuffle(block_order.begin(), block_order.end(), random);
  }
  for (unsigned long long b : block_order) {
    std::barrier<> barrier(static_cast<std::ptrdiff_t>(threads));
    std::vector<std::thread> workers;
    workers.reserve(threads);
    for (unsigned long long t = 0; t < threads; t++) {
      workers.emplace_back([&, b, t] {
        ctx.block = unlinear(b, grid);
        ctx.thread = unlinear(t, block);
        ctx.block_dim = block;
        ctx.grid_dim = grid;
        ctx.barrier = &barrier;
        body();
      });
    }
    for (auto& w : workers) w.join();
  }
}

template <class... P, class... A>
void launch(void (*kernel)(P...), dim3 grid, dim3 block, Mode mode, unsigned long long seed, A... args) {
  static_assert(sizeof...(P) == sizeof...(A), "argument count differs from the kernel's parameters");
  run(grid, block, mode, seed, [&] { kernel(static_cast<P>(args)...); });
}

template <class... P, std::size_t... I>
void launch_packed_impl(void (*kernel)(P...), dim3 grid, dim3 block, Mode mode, unsigned long long seed,
                        void** params, std::index_sequence<I...>) {
  run(grid, block, mode, seed, [&] { kernel(*static_cast<std::remove_cv_t<P>*>(params[I])...); });
}

/** Launches with parameters packed as cuLaunchKernel's kernelParams: params[i] points at argument i. */
template <class... P>
void launch_packed(void (*kernel)(P...), dim3 grid, dim3 block, Mode mode, unsigned long long seed, void** params) {
  launch_packed_impl(kernel, grid, block, mode, seed, params, std::index_sequence_for<P...>{});
}
}  // namespace shim

#endif  // __CUDACC__
