package dev.sluice.gpu.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import jcuda.nvptxcompiler.JNvPTXCompiler;
import jcuda.nvptxcompiler.nvPTXCompileResult;
import jcuda.nvptxcompiler.nvPTXCompilerHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Static checks of the committed PTX resource; none needs nvcc or a driver. The staleness check
 * with nvcc itself runs in the Maven profile {@code nvcc} (build-ptx.sh --check).
 */
@Timeout(60)
class TestKernelsPtx {
  @org.junit.jupiter.api.BeforeEach
  void onlyOnce() {
    CudaSources.onlyInDefaultExecution();
  }

  @Test
  void committedPtxWasBuiltFromTheseSources() throws IOException {
    assertThat(KernelsPtx.sourceSha256())
        .as("source-sha256 of %s vs the sha256 of %s: the PTX is stale; run gpu/src/main/cuda/build-ptx.sh "
            + "(needs nvcc) and commit the PTX", KernelsPtx.RESOURCE, CudaSources.files())
        .isEqualTo(CudaSources.sha256());
  }

  @Test
  void everyKernelOfTheSourceIsAnEntryOfThePtx() throws IOException {
    assertThat(CudaSources.kernelNames()).isNotEmpty();
    assertThat(KernelsPtx.entryNames()).containsExactlyElementsOf(CudaSources.kernelNames());
  }

  @Test
  void ptxDeclaresIsa70ForSm80() {
    String text = KernelsPtx.text();
    assertThat(text).containsOnlyOnce("\n.version 7.0\n").contains("\n.target sm_80\n");
    assertThat(text).doesNotContain(".file").as("no -lineinfo: no paths in the PTX");
    byte[] image = KernelsPtx.image();
    assertThat(image[image.length - 1]).isZero();
  }

  /** JCuda's bundled nvPTXCompiler (12.0) runs on the CPU: a 12.x JIT accepts exactly this resource. */
  @ParameterizedTest
  @ValueSource(strings = {"sm_80", "sm_90"})
  void nvPtxCompilerCompilesTheResource(String arch) {
    JNvPTXCompiler.setExceptionsEnabled(false);
    nvPTXCompilerHandle compiler = new nvPTXCompilerHandle();
    byte[] image = KernelsPtx.image();
    assertThat(JNvPTXCompiler.nvPTXCompilerCreate(compiler, image.length - 1, image))
        .isEqualTo(nvPTXCompileResult.NVPTXCOMPILE_SUCCESS);
    try {
      int result = JNvPTXCompiler.nvPTXCompilerCompile(compiler, 1, new String[] {"--gpu-name=" + arch});
      assertThat(result).as("nvPTXCompiler %s: %s\n%s", arch, nvPTXCompileResult.stringFor(result),
          errorLog(compiler)).isEqualTo(nvPTXCompileResult.NVPTXCOMPILE_SUCCESS);
      long[] size = new long[1];
      JNvPTXCompiler.nvPTXCompilerGetCompiledProgramSize(compiler, size);
      assertThat(size[0]).isPositive();
    } finally {
      JNvPTXCompiler.nvPTXCompilerDestroy(compiler);
    }
  }

  private static String errorLog(nvPTXCompilerHandle compiler) {
    long[] size = new long[1];
    JNvPTXCompiler.nvPTXCompilerGetErrorLogSize(compiler, size);
    byte[] log = new byte[(int) size[0]];
    JNvPTXCompiler.nvPTXCompilerGetErrorLog(compiler, log);
    return new String(log, StandardCharsets.UTF_8).trim();
  }
}
