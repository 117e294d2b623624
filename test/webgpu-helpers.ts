import { dawnAddonPath, swiftShaderManifest, vulkanLoaderPresent } from "../src/engine/webgpu/adapter";

/**
 * Why the WebGPU tests cannot run here (printed as their skip reason), or null when they can: they need the optional
 * `webgpu` package, and on Linux the Vulkan loader and a driver (a GPU's, or Chromium's SwiftShader;
 * scripts/system-packages.sh installs Debian's chromium and libvulkan1).
 */
export function webgpuMissing(): string | null {
  if (dawnAddonPath() === null) return "the optional package webgpu is not installed (npm install)";
  if (process.platform !== "linux") return null;
  if (!vulkanLoaderPresent()) return "no Vulkan loader libvulkan.so.1 (Debian: apt install libvulkan1)";
  if (swiftShaderManifest() === null && !process.env.VK_ICD_FILENAMES) {
    return "no SwiftShader (Debian: apt install chromium) and no driver named in VK_ICD_FILENAMES";
  }
  return null;
}

/**
 * Let this test process (and the commands it spawns, which inherit its environment) run the `webgpu` backend on the
 * software GPU on purpose: without a hardware adapter the backend is refused unless `EMTD_WEBGPU_ADAPTER=software`
 * (engine/webgpu/adapter.ts). A hardware adapter, where there is one, is still chosen first.
 */
export function allowSoftwareGpu(): void {
  process.env.EMTD_WEBGPU_ADAPTER = "software";
}
