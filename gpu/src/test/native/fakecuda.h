// The kernel registry interface of the stand-in libcuda.so.1 (fakecuda.cpp).
//
// gen-registry.sh writes one registry file per .cu source: it includes the source (compiled as host
// C++ through cuda_shim.h) and registers every `extern "C" __global__` kernel by name, so adding a
// kernel needs no manual registration. The parameter types are deduced from the kernel's C++
// signature: cuLaunchKernel's `void** kernelParams` are unpacked as `*(T*)params[i]`, exactly as
// the real driver reads them, so a Java `int[]` passed for a `long long` parameter gives garbage
// here too.
#pragma once

#include <cstddef>
#include <type_traits>
#include <utility>

namespace fakecuda {

// One launch as cuLaunchKernel describes it, plus the execution settings read from the environment.
struct LaunchSpec {
  unsigned grid[3];
  unsigned block[3];
  bool threads;            // FAKECUDA_EXEC=threads: each block's threads are real threads
  unsigned long long seed; // FAKECUDA_SEED: nonzero shuffles the (block, thread) order in seq mode
};

using Invoker = void (*)(const LaunchSpec& spec, void** params);

// Registers a host build of a kernel; called from the generated registries' static initialisers.
void register_kernel(const char* name, Invoker invoker);

#ifndef FAKECUDA_DRIVER  // the registries need cuda_shim.h's dim3 and shim::launch; the driver doesn't
template <typename Fn, Fn* kernel>
struct Launch;

template <typename... Params, void (*kernel)(Params...)>
struct Launch<void(Params...), kernel> {
  static void run(const LaunchSpec& spec, void** params) {
    run(spec, params, std::index_sequence_for<Params...>{});
  }

 private:
  template <std::size_t... I>
  static void run(const LaunchSpec& spec, void** params, std::index_sequence<I...>) {
    dim3 grid(spec.grid[0], spec.grid[1], spec.grid[2]);
    dim3 block(spec.block[0], spec.block[1], spec.block[2]);
    shim::launch(kernel, grid, block, spec.threads ? shim::Mode::THREADS : shim::Mode::SEQ,
                 spec.seed,
                 *static_cast<std::remove_cv_t<std::remove_reference_t<Params>>*>(params[I])...);
  }
};

struct Registrar {
  Registrar(const char* name, Invoker invoker) { register_kernel(name, invoker); }
};

#endif  // FAKECUDA_DRIVER
}  // namespace fakecuda

#define FAKECUDA_REGISTER(name) \
  static ::fakecuda::Registrar fakecuda_registrar_##name( \
      #name, &::fakecuda::Launch<decltype(name), &name>::run);
