// A stand-in libcuda.so.1 for tests on machines without a GPU (GPU.md section 3d).
//
// It implements the CUDA driver API calls that JCuda's launch path makes; every other symbol that
// JCuda's driver binding links is a generated stub (stubs.cpp) that prints "unimplemented" and
// returns CUDA_ERROR_NOT_SUPPORTED. "Device memory" is host memory: a CUdeviceptr is a host address.
// Copies are bounds-checked against the allocations, fresh allocations are filled with 0xCD (code
// that assumes zeroed memory fails), memory calls need a current context (as on a real driver), and
// cuLaunchKernel runs the host build of the kernel (same .cu source, compiled with g++ through
// cuda_shim.h) found by name in the registry.
//
// Environment:
//   FAKECUDA_MODE     cpu (default) | nodevice | stub | mismatch | unknown: what cuInit answers
//   FAKECUDA_MAX_PTX  newest PTX ISA the "driver" JIT accepts (default 8.5, a CUDA 12.6 driver)
//   FAKECUDA_CC       compute capability reported, default 8.0
//   FAKECUDA_MEM      device memory in bytes, default 1 GiB (cuMemAlloc beyond it: out of memory)
//   FAKECUDA_EXEC     seq (default) | threads
//   FAKECUDA_SEED     nonzero: shuffled (block, thread) order in seq mode
//   FAKECUDA_VERBOSE  1: log every implemented call to stderr
#define FAKECUDA_DRIVER
#include "fakecuda.h"

#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

typedef int CUresult;
typedef int CUdevice;
typedef unsigned long long CUdeviceptr;
typedef struct FakeContext* CUcontext;
typedef struct FakeModule* CUmodule;
typedef struct FakeFunction* CUfunction;
typedef struct FakeStream* CUstream;

enum : CUresult {
  CUDA_SUCCESS = 0,
  CUDA_ERROR_INVALID_VALUE = 1,
  CUDA_ERROR_OUT_OF_MEMORY = 2,
  CUDA_ERROR_NOT_INITIALIZED = 3,
  CUDA_ERROR_STUB_LIBRARY = 34,
  CUDA_ERROR_NO_DEVICE = 100,
  CUDA_ERROR_INVALID_DEVICE = 101,
  CUDA_ERROR_INVALID_IMAGE = 200,
  CUDA_ERROR_INVALID_CONTEXT = 201,
  CUDA_ERROR_UNSUPPORTED_PTX_VERSION = 222,
  CUDA_ERROR_INVALID_HANDLE = 400,
  CUDA_ERROR_NOT_FOUND = 500,
  CUDA_ERROR_HOST_MEMORY_ALREADY_REGISTERED = 712,
  CUDA_ERROR_HOST_MEMORY_NOT_REGISTERED = 713,
  CUDA_ERROR_NOT_SUPPORTED = 801,
  CUDA_ERROR_SYSTEM_DRIVER_MISMATCH = 803,
  CUDA_ERROR_UNKNOWN = 999,
};

struct FakeContext {
  int device;
};
struct FakeFunction {
  std::string name;
  fakecuda::Invoker invoker;
};
struct FakeModule {
  std::set<std::string> entries;
  std::map<std::string, std::unique_ptr<FakeFunction>> functions;
};
struct FakeStream {
  int unused;
};

namespace {

constexpr int kDriverVersion = 12060;
constexpr std::size_t kAlignment = 256;

struct Allocation {
  std::size_t size;
  bool device;  // false: registered or driver-allocated host memory
};

std::mutex mutex;  // guards everything below
bool initialised = false;
FakeContext primary_context{0};
int primary_retains = 0;
std::map<std::uintptr_t, Allocation> allocations;  // start address -> allocation
std::size_t device_bytes_in_use = 0;

thread_local CUcontext current_context = nullptr;

std::unordered_map<std::string, fakecuda::Invoker>& registry() {
  static std::unordered_map<std::string, fakecuda::Invoker> kernels;
  return kernels;
}

const char* env(const char* name, const char* fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && *value != '\0' ? value : fallback;
}

bool verbose() { return std::strcmp(env("FAKECUDA_VERBOSE", "0"), "1") == 0; }

void log(const char* format, ...) {
  if (!verbose()) return;
  std::va_list args;
  va_start(args, format);
  std::fprintf(stderr, "fakecuda: ");
  std::vfprintf(stderr, format, args);
  std::fprintf(stderr, "\n");
  va_end(args);
}

CUresult fail(CUresult code, const char* format, ...) {
  std::va_list args;
  va_start(args, format);
  std::fprintf(stderr, "fakecuda: error %d: ", code);
  std::vfprintf(stderr, format, args);
  std::fprintf(stderr, "\n");
  va_end(args);
  return code;
}

// "8.5" -> 85; -1 when unparsable.
int version_number(const std::string& text) {
  int major = 0, minor = 0;
  if (std::sscanf(text.c_str(), "%d.%d", &major, &minor) != 2) return -1;
  return major * 10 + minor;
}

void compute_capability(int* major, int* minor) {
  int number = version_number(env("FAKECUDA_CC", "8.0"));
  *major = number < 0 ? 8 : number / 10;
  *minor = number < 0 ? 0 : number % 10;
}

std::size_t total_memory() {
  return static_cast<std::size_t>(std::strtoull(env("FAKECUDA_MEM", "1073741824"), nullptr, 10));
}

// Callers hold the mutex. Checks that the driver is initialised and a context is current.
CUresult require_context() {
  if (!initialised) return fail(CUDA_ERROR_NOT_INITIALIZED, "cuInit was not called");
  if (current_context == nullptr)
    return fail(CUDA_ERROR_INVALID_CONTEXT, "no current context on this thread");
  return CUDA_SUCCESS;
}

// Callers hold the mutex. Whether [address, address + bytes) lies inside one known allocation
// (device memory, or host memory the driver allocated or registered).
bool inside_allocation(std::uintptr_t address, std::size_t bytes, bool device_only) {
  auto next = allocations.upper_bound(address);
  if (next == allocations.begin()) return false;
  auto found = std::prev(next);
  if (device_only && !found->second.device) return false;
  return address + bytes <= found->first + found->second.size && address + bytes >= address;
}

CUresult copy(void* destination, const void* source, std::size_t bytes, bool destination_device,
              bool source_device, const char* what) {
  std::lock_guard<std::mutex> lock(mutex);
  CUresult status = require_context();
  if (status != CUDA_SUCCESS) return status;
  if (bytes == 0) return CUDA_SUCCESS;
  if (destination == nullptr || source == nullptr)
    return fail(CUDA_ERROR_INVALID_VALUE, "%s: null pointer", what);
  auto to = reinterpret_cast<std::uintptr_t>(destination);
  auto from = reinterpret_cast<std::uintptr_t>(source);
  if (destination_device && !inside_allocation(to, bytes, false))
    return fail(CUDA_ERROR_INVALID_VALUE, "%s: %zu bytes to 0x%zx overrun every allocation", what,
                bytes, static_cast<std::size_t>(to));
  if (source_device && !inside_allocation(from, bytes, false))
    return fail(CUDA_ERROR_INVALID_VALUE, "%s: %zu bytes from 0x%zx overrun every allocation", what,
                bytes, static_cast<std::size_t>(from));
  std::memmove(destination, source, bytes);
  log("%s %zu bytes", what, bytes);
  return CUDA_SUCCESS;
}

CUresult set_memory(CUdeviceptr address, const void* pattern, std::size_t width, std::size_t count) {
  std::lock_guard<std::mutex> lock(mutex);
  CUresult status = require_context();
  if (status != CUDA_SUCCESS) return status;
  if (count == 0) return CUDA_SUCCESS;
  if (!inside_allocation(static_cast<std::uintptr_t>(address), width * count, false))
    return fail(CUDA_ERROR_INVALID_VALUE, "cuMemset: %zu bytes overrun every allocation",
                width * count);
  auto* target = reinterpret_cast<unsigned char*>(address);
  for (std::size_t i = 0; i < count; i++) std::memcpy(target + i * width, pattern, width);
  return CUDA_SUCCESS;
}

CUresult load_ptx(CUmodule* module, const void* image) {
  std::lock_guard<std::mutex> lock(mutex);
  CUresult status = require_context();
  if (status != CUDA_SUCCESS) return status;
  if (module == nullptr || image == nullptr) return CUDA_ERROR_INVALID_VALUE;
  const char* text = static_cast<const char*>(image);
  if (std::memcmp(text, "\x7f" "ELF", 4) == 0 || std::memcmp(text, "\x50\xed\x55\xba", 4) == 0)
    return fail(CUDA_ERROR_INVALID_IMAGE, "cubin and fatbin images are not supported, only PTX");
  std::string ptx(text);
  std::string version;
  auto at = ptx.find("\n.version ");
  if (ptx.rfind(".version ", 0) == 0) at = 0;
  else if (at != std::string::npos) at++;
  if (at == std::string::npos) return fail(CUDA_ERROR_INVALID_IMAGE, "no .version in the PTX image");
  version = ptx.substr(at + 9, ptx.find('\n', at) - at - 9);
  int have = version_number(version);
  int accepted = version_number(env("FAKECUDA_MAX_PTX", "8.5"));
  if (have < 0) return fail(CUDA_ERROR_INVALID_IMAGE, "bad .version '%s'", version.c_str());
  if (have > accepted)
    return fail(CUDA_ERROR_UNSUPPORTED_PTX_VERSION, "PTX .version %s is newer than this driver's %s",
                version.c_str(), env("FAKECUDA_MAX_PTX", "8.5"));
  auto loaded = std::make_unique<FakeModule>();
  for (std::size_t position = ptx.find(".entry "); position != std::string::npos;
       position = ptx.find(".entry ", position + 7)) {
    std::size_t start = position + 7;
    std::size_t end = ptx.find_first_of("( \t\n", start);
    loaded->entries.insert(ptx.substr(start, end - start));
  }
  log("module loaded: PTX %s, %zu entries", version.c_str(), loaded->entries.size());
  *module = loaded.release();
  return CUDA_SUCCESS;
}

unsigned long long seed() { return std::strtoull(env("FAKECUDA_SEED", "0"), nullptr, 10); }

}  // namespace

void fakecuda::register_kernel(const char* name, Invoker invoker) { registry()[name] = invoker; }

extern "C" {

CUresult cuInit(unsigned int flags) {
  std::string mode = env("FAKECUDA_MODE", "cpu");
  log("cuInit(%u) mode=%s", flags, mode.c_str());
  if (flags != 0) return CUDA_ERROR_INVALID_VALUE;
  if (mode == "nodevice") return CUDA_ERROR_NO_DEVICE;
  if (mode == "stub") return CUDA_ERROR_STUB_LIBRARY;
  if (mode == "mismatch") return CUDA_ERROR_SYSTEM_DRIVER_MISMATCH;
  if (mode == "unknown") return CUDA_ERROR_UNKNOWN;
  if (mode != "cpu") return fail(CUDA_ERROR_UNKNOWN, "unknown FAKECUDA_MODE '%s'", mode.c_str());
  std::lock_guard<std::mutex> lock(mutex);
  initialised = true;
  return CUDA_SUCCESS;
}

CUresult cuDriverGetVersion(int* version) {
  if (version == nullptr) return CUDA_ERROR_INVALID_VALUE;
  *version = kDriverVersion;
  return CUDA_SUCCESS;
}

CUresult cuDeviceGetCount(int* count) {
  if (!initialised) return CUDA_ERROR_NOT_INITIALIZED;
  if (count == nullptr) return CUDA_ERROR_INVALID_VALUE;
  *count = 1;
  return CUDA_SUCCESS;
}

CUresult cuDeviceGet(CUdevice* device, int ordinal) {
  if (!initialised) return CUDA_ERROR_NOT_INITIALIZED;
  if (device == nullptr) return CUDA_ERROR_INVALID_VALUE;
  if (ordinal != 0) return CUDA_ERROR_INVALID_DEVICE;
  *device = 0;
  return CUDA_SUCCESS;
}

CUresult cuDeviceGetName(char* name, int length, CUdevice device) {
  if (!initialised) return CUDA_ERROR_NOT_INITIALIZED;
  if (device != 0) return CUDA_ERROR_INVALID_DEVICE;
  if (name == nullptr || length <= 0) return CUDA_ERROR_INVALID_VALUE;
  std::snprintf(name, static_cast<std::size_t>(length), "%s", "fakecuda CPU device");
  return CUDA_SUCCESS;
}

CUresult cuDeviceGetAttribute(int* value, int attribute, CUdevice device) {
  if (!initialised) return CUDA_ERROR_NOT_INITIALIZED;
  if (device != 0) return CUDA_ERROR_INVALID_DEVICE;
  if (value == nullptr) return CUDA_ERROR_INVALID_VALUE;
  int major, minor;
  compute_capability(&major, &minor);
  switch (attribute) {
    case 1: *value = 1024; break;         // MAX_THREADS_PER_BLOCK
    case 2: *value = 1024; break;         // MAX_BLOCK_DIM_X
    case 3: case 4: *value = 1024; break; // MAX_BLOCK_DIM_Y/Z (real Z is 64; fine for tests)
    case 5: *value = 2147483647; break;   // MAX_GRID_DIM_X
    case 6: case 7: *value = 65535; break;
    case 8: *value = 49152; break;        // MAX_SHARED_MEMORY_PER_BLOCK
    case 10: *value = 32; break;          // WARP_SIZE
    case 16: *value = 4; break;           // MULTIPROCESSOR_COUNT
    case 75: *value = major; break;       // COMPUTE_CAPABILITY_MAJOR
    case 76: *value = minor; break;       // COMPUTE_CAPABILITY_MINOR
    default: *value = 0; break;
  }
  return CUDA_SUCCESS;
}

CUresult cuDeviceComputeCapability(int* major, int* minor, CUdevice device) {
  if (!initialised) return CUDA_ERROR_NOT_INITIALIZED;
  if (device != 0) return CUDA_ERROR_INVALID_DEVICE;
  compute_capability(major, minor);
  return CUDA_SUCCESS;
}

CUresult cuDeviceTotalMem_v2(std::size_t* bytes, CUdevice device) {
  if (!initialised) return CUDA_ERROR_NOT_INITIALIZED;
  if (device != 0) return CUDA_ERROR_INVALID_DEVICE;
  *bytes = total_memory();
  return CUDA_SUCCESS;
}

CUresult cuDevicePrimaryCtxRetain(CUcontext* context, CUdevice device) {
  std::lock_guard<std::mutex> lock(mutex);
  if (!initialised) return CUDA_ERROR_NOT_INITIALIZED;
  if (device != 0) return CUDA_ERROR_INVALID_DEVICE;
  primary_retains++;
  *context = &primary_context;
  return CUDA_SUCCESS;
}

CUresult cuDevicePrimaryCtxRelease_v2(CUdevice device) {
  std::lock_guard<std::mutex> lock(mutex);
  if (device != 0) return CUDA_ERROR_INVALID_DEVICE;
  if (primary_retains == 0) return CUDA_ERROR_INVALID_CONTEXT;
  primary_retains--;
  return CUDA_SUCCESS;
}

CUresult cuCtxCreate_v2(CUcontext* context, unsigned int, CUdevice device) {
  if (!initialised) return CUDA_ERROR_NOT_INITIALIZED;
  if (device != 0) return CUDA_ERROR_INVALID_DEVICE;
  *context = new FakeContext{device};
  current_context = *context;
  return CUDA_SUCCESS;
}

CUresult cuCtxDestroy_v2(CUcontext context) {
  if (context == nullptr || context == &primary_context) return CUDA_ERROR_INVALID_CONTEXT;
  if (current_context == context) current_context = nullptr;
  delete context;
  return CUDA_SUCCESS;
}

CUresult cuCtxSetCurrent(CUcontext context) {
  if (!initialised) return CUDA_ERROR_NOT_INITIALIZED;
  current_context = context;
  return CUDA_SUCCESS;
}

CUresult cuCtxGetCurrent(CUcontext* context) {
  if (!initialised) return CUDA_ERROR_NOT_INITIALIZED;
  *context = current_context;
  return CUDA_SUCCESS;
}

CUresult cuCtxGetDevice(CUdevice* device) {
  if (current_context == nullptr) return CUDA_ERROR_INVALID_CONTEXT;
  *device = current_context->device;
  return CUDA_SUCCESS;
}

CUresult cuCtxSynchronize() {
  std::lock_guard<std::mutex> lock(mutex);
  return require_context();
}

CUresult cuStreamCreate(CUstream* stream, unsigned int) {
  std::lock_guard<std::mutex> lock(mutex);
  CUresult status = require_context();
  if (status != CUDA_SUCCESS) return status;
  *stream = new FakeStream{0};
  return CUDA_SUCCESS;
}

CUresult cuStreamSynchronize(CUstream) { return CUDA_SUCCESS; }

CUresult cuStreamDestroy_v2(CUstream stream) {
  delete stream;
  return CUDA_SUCCESS;
}

CUresult cuMemAlloc_v2(CUdeviceptr* pointer, std::size_t bytes) {
  std::lock_guard<std::mutex> lock(mutex);
  CUresult status = require_context();
  if (status != CUDA_SUCCESS) return status;
  if (pointer == nullptr || bytes == 0) return CUDA_ERROR_INVALID_VALUE;
  if (bytes > total_memory() - device_bytes_in_use) {
    log("cuMemAlloc(%zu): out of memory, %zu in use", bytes, device_bytes_in_use);
    return CUDA_ERROR_OUT_OF_MEMORY;
  }
  std::size_t rounded = (bytes + kAlignment - 1) / kAlignment * kAlignment;
  void* memory = std::aligned_alloc(kAlignment, rounded);
  if (memory == nullptr) return CUDA_ERROR_OUT_OF_MEMORY;
  std::memset(memory, 0xCD, rounded);
  allocations[reinterpret_cast<std::uintptr_t>(memory)] = Allocation{bytes, true};
  device_bytes_in_use += bytes;
  *pointer = reinterpret_cast<CUdeviceptr>(memory);
  log("cuMemAlloc(%zu) = 0x%llx", bytes, *pointer);
  return CUDA_SUCCESS;
}

CUresult cuMemFree_v2(CUdeviceptr pointer) {
  std::lock_guard<std::mutex> lock(mutex);
  CUresult status = require_context();
  if (status != CUDA_SUCCESS) return status;
  auto found = allocations.find(static_cast<std::uintptr_t>(pointer));
  if (found == allocations.end() || !found->second.device)
    return fail(CUDA_ERROR_INVALID_VALUE, "cuMemFree of 0x%llx, not an allocation", pointer);
  device_bytes_in_use -= found->second.size;
  allocations.erase(found);
  std::free(reinterpret_cast<void*>(pointer));
  return CUDA_SUCCESS;
}

CUresult cuMemGetInfo_v2(std::size_t* free_bytes, std::size_t* total_bytes) {
  std::lock_guard<std::mutex> lock(mutex);
  CUresult status = require_context();
  if (status != CUDA_SUCCESS) return status;
  *total_bytes = total_memory();
  *free_bytes = total_memory() - device_bytes_in_use;
  return CUDA_SUCCESS;
}

CUresult cuMemcpyHtoD_v2(CUdeviceptr to, const void* from, std::size_t bytes) {
  return copy(reinterpret_cast<void*>(to), from, bytes, true, false, "cuMemcpyHtoD");
}
CUresult cuMemcpyDtoH_v2(void* to, CUdeviceptr from, std::size_t bytes) {
  return copy(to, reinterpret_cast<const void*>(from), bytes, false, true, "cuMemcpyDtoH");
}
CUresult cuMemcpyDtoD_v2(CUdeviceptr to, CUdeviceptr from, std::size_t bytes) {
  return copy(reinterpret_cast<void*>(to), reinterpret_cast<const void*>(from), bytes, true, true,
              "cuMemcpyDtoD");
}
CUresult cuMemcpyHtoDAsync_v2(CUdeviceptr to, const void* from, std::size_t bytes, CUstream) {
  return cuMemcpyHtoD_v2(to, from, bytes);
}
CUresult cuMemcpyDtoHAsync_v2(void* to, CUdeviceptr from, std::size_t bytes, CUstream) {
  return cuMemcpyDtoH_v2(to, from, bytes);
}
CUresult cuMemcpyDtoDAsync_v2(CUdeviceptr to, CUdeviceptr from, std::size_t bytes, CUstream) {
  return cuMemcpyDtoD_v2(to, from, bytes);
}

CUresult cuMemsetD8_v2(CUdeviceptr to, unsigned char value, std::size_t count) {
  return set_memory(to, &value, 1, count);
}
CUresult cuMemsetD32_v2(CUdeviceptr to, unsigned int value, std::size_t count) {
  return set_memory(to, &value, 4, count);
}
CUresult cuMemsetD8Async(CUdeviceptr to, unsigned char value, std::size_t count, CUstream) {
  return cuMemsetD8_v2(to, value, count);
}
CUresult cuMemsetD32Async(CUdeviceptr to, unsigned int value, std::size_t count, CUstream) {
  return cuMemsetD32_v2(to, value, count);
}

CUresult cuMemHostRegister_v2(void* pointer, std::size_t bytes, unsigned int) {
  std::lock_guard<std::mutex> lock(mutex);
  CUresult status = require_context();
  if (status != CUDA_SUCCESS) return status;
  if (pointer == nullptr || bytes == 0) return CUDA_ERROR_INVALID_VALUE;
  auto address = reinterpret_cast<std::uintptr_t>(pointer);
  if (allocations.count(address) != 0) return CUDA_ERROR_HOST_MEMORY_ALREADY_REGISTERED;
  allocations[address] = Allocation{bytes, false};
  return CUDA_SUCCESS;
}

CUresult cuMemHostUnregister(void* pointer) {
  std::lock_guard<std::mutex> lock(mutex);
  auto found = allocations.find(reinterpret_cast<std::uintptr_t>(pointer));
  if (found == allocations.end() || found->second.device)
    return CUDA_ERROR_HOST_MEMORY_NOT_REGISTERED;
  allocations.erase(found);
  return CUDA_SUCCESS;
}

CUresult cuMemHostGetDevicePointer_v2(CUdeviceptr* device, void* host, unsigned int) {
  std::lock_guard<std::mutex> lock(mutex);
  CUresult status = require_context();
  if (status != CUDA_SUCCESS) return status;
  if (!inside_allocation(reinterpret_cast<std::uintptr_t>(host), 1, false))
    return CUDA_ERROR_INVALID_VALUE;
  *device = reinterpret_cast<CUdeviceptr>(host);
  return CUDA_SUCCESS;
}

CUresult cuMemHostAlloc(void** pointer, std::size_t bytes, unsigned int) {
  std::lock_guard<std::mutex> lock(mutex);
  CUresult status = require_context();
  if (status != CUDA_SUCCESS) return status;
  if (pointer == nullptr || bytes == 0) return CUDA_ERROR_INVALID_VALUE;
  std::size_t rounded = (bytes + kAlignment - 1) / kAlignment * kAlignment;
  void* memory = std::aligned_alloc(kAlignment, rounded);
  if (memory == nullptr) return CUDA_ERROR_OUT_OF_MEMORY;
  std::memset(memory, 0xCD, rounded);
  allocations[reinterpret_cast<std::uintptr_t>(memory)] = Allocation{bytes, false};
  *pointer = memory;
  return CUDA_SUCCESS;
}

CUresult cuMemAllocHost_v2(void** pointer, std::size_t bytes) {
  return cuMemHostAlloc(pointer, bytes, 0);
}

CUresult cuMemFreeHost(void* pointer) {
  std::lock_guard<std::mutex> lock(mutex);
  auto found = allocations.find(reinterpret_cast<std::uintptr_t>(pointer));
  if (found == allocations.end() || found->second.device) return CUDA_ERROR_INVALID_VALUE;
  allocations.erase(found);
  std::free(pointer);
  return CUDA_SUCCESS;
}

CUresult cuModuleLoadData(CUmodule* module, const void* image) { return load_ptx(module, image); }

CUresult cuModuleLoadDataEx(CUmodule* module, const void* image, unsigned int, void*, void**) {
  return load_ptx(module, image);
}

CUresult cuModuleUnload(CUmodule module) {
  if (module == nullptr) return CUDA_ERROR_INVALID_HANDLE;
  delete module;
  return CUDA_SUCCESS;
}

CUresult cuModuleGetFunction(CUfunction* function, CUmodule module, const char* name) {
  std::lock_guard<std::mutex> lock(mutex);
  CUresult status = require_context();
  if (status != CUDA_SUCCESS) return status;
  if (module == nullptr || name == nullptr) return CUDA_ERROR_INVALID_HANDLE;
  if (module->entries.count(name) == 0)
    return fail(CUDA_ERROR_NOT_FOUND, "kernel %s is not in the loaded PTX image", name);
  auto kernel = registry().find(name);
  if (kernel == registry().end())
    return fail(CUDA_ERROR_NOT_FOUND, "kernel %s is in the PTX image but has no host build", name);
  auto& slot = module->functions[name];
  if (!slot) slot.reset(new FakeFunction{name, kernel->second});
  *function = slot.get();
  return CUDA_SUCCESS;
}

CUresult cuLaunchKernel(CUfunction function, unsigned gx, unsigned gy, unsigned gz, unsigned bx,
                        unsigned by, unsigned bz, unsigned shared_bytes, CUstream,
                        void** params, void** extra) {
  {
    std::lock_guard<std::mutex> lock(mutex);
    CUresult status = require_context();
    if (status != CUDA_SUCCESS) return status;
  }
  if (function == nullptr) return CUDA_ERROR_INVALID_HANDLE;
  if (extra != nullptr) return fail(CUDA_ERROR_NOT_SUPPORTED, "cuLaunchKernel: 'extra' is unsupported");
  if (params == nullptr) return fail(CUDA_ERROR_INVALID_VALUE, "cuLaunchKernel: no kernelParams");
  if (gx == 0 || gy == 0 || gz == 0 || bx == 0 || by == 0 || bz == 0 ||
      static_cast<unsigned long long>(bx) * by * bz > 1024 || shared_bytes > 49152)
    return fail(CUDA_ERROR_INVALID_VALUE, "cuLaunchKernel %s: bad launch shape",
                function->name.c_str());
  fakecuda::LaunchSpec spec{{gx, gy, gz}, {bx, by, bz},
                            std::strcmp(env("FAKECUDA_EXEC", "seq"), "threads") == 0, seed()};
  log("launch %s <<<(%u,%u,%u),(%u,%u,%u)>>>", function->name.c_str(), gx, gy, gz, bx, by, bz);
  function->invoker(spec, params);
  return CUDA_SUCCESS;
}

CUresult cuGetErrorName(CUresult error, const char** name) {
  static const std::map<CUresult, const char*> names = {
      {CUDA_SUCCESS, "CUDA_SUCCESS"},
      {CUDA_ERROR_INVALID_VALUE, "CUDA_ERROR_INVALID_VALUE"},
      {CUDA_ERROR_OUT_OF_MEMORY, "CUDA_ERROR_OUT_OF_MEMORY"},
      {CUDA_ERROR_NOT_INITIALIZED, "CUDA_ERROR_NOT_INITIALIZED"},
      {CUDA_ERROR_NO_DEVICE, "CUDA_ERROR_NO_DEVICE"},
      {CUDA_ERROR_INVALID_IMAGE, "CUDA_ERROR_INVALID_IMAGE"},
      {CUDA_ERROR_INVALID_CONTEXT, "CUDA_ERROR_INVALID_CONTEXT"},
      {CUDA_ERROR_UNSUPPORTED_PTX_VERSION, "CUDA_ERROR_UNSUPPORTED_PTX_VERSION"},
      {CUDA_ERROR_NOT_FOUND, "CUDA_ERROR_NOT_FOUND"},
      {CUDA_ERROR_NOT_SUPPORTED, "CUDA_ERROR_NOT_SUPPORTED"},
  };
  auto found = names.find(error);
  if (found == names.end()) return CUDA_ERROR_INVALID_VALUE;
  *name = found->second;
  return CUDA_SUCCESS;
}

CUresult cuGetErrorString(CUresult error, const char** text) { return cuGetErrorName(error, text); }

// Called by every generated stub in stubs.cpp.
void fakecuda_unimplemented(const char* name) {
  std::fprintf(stderr, "fakecuda: %s is unimplemented (returns CUDA_ERROR_NOT_SUPPORTED)\n", name);
}

}  // extern "C"
