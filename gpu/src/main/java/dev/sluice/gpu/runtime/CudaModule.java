package dev.sluice.gpu.runtime;

import static jcuda.driver.JCudaDriver.cuModuleGetFunction;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import jcuda.CudaException;
import jcuda.driver.CUfunction;
import jcuda.driver.CUmodule;

/**
 * A PTX module loaded into the runtime's context, with its kernels looked up once each. Loaded by
 * {@link CudaRuntime}; lives as long as the process.
 */
public final class CudaModule {
  private final CudaRuntime runtime;
  private final String resource;
  private final CUmodule module;
  private final ConcurrentMap<String, CUfunction> functions = new ConcurrentHashMap<>();

  CudaModule(CudaRuntime runtime, String resource, CUmodule module) {
    this.runtime = runtime;
    this.resource = resource;
    this.module = module;
  }

  /** The class path resource the PTX came from. */
  public String resource() {
    return resource;
  }

  /**
   * The kernel of this name ({@code extern "C"}, so the source name).
   *
   * @throws GpuException when the module has no such kernel
   */
  public CUfunction function(String name) {
    CUfunction found = functions.get(name);
    if (found != null) {
      return found;
    }
    runtime.bindContext();
    try {
      CUfunction function = new CUfunction();
      cuModuleGetFunction(function, module, name);
      CUfunction raced = functions.putIfAbsent(name, function);
      return raced == null ? function : raced;
    } catch (CudaException e) {
      throw new GpuException(
          "kernel %s not found in %s: %s".formatted(name, resource, e.getMessage()), e);
    }
  }
}
