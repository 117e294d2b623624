/**
 * Which WebGPU adapter Dawn (the optional npm package `webgpu`) gives this process: a hardware adapter where a GPU
 * driver is installed; else, on Linux, SwiftShader, the software Vulkan driver that Chromium ships beside its binary
 * (slow, but WGSL computed to the spec's precision, so the WebGPU path is tested on machines without a GPU). Without
 * either, a {@link BackendError} whose one line names what to install.
 *
 * Dawn's Vulkan backend needs the Vulkan loader `libvulkan.so.1` (Debian `libvulkan1`) and reads the drivers it may
 * use from `VK_ICD_FILENAMES` when the loader starts, so the software driver is chosen by setting that variable
 * before a second Dawn instance is made. Mesa's lavapipe is refused by Dawn (it lacks a required Vulkan feature).
 */
import fs from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { BackendError } from "../../errors";
import { packageRoot } from "../../package";

/** What to install, as the one-line errors say it. */
export const INSTALL_WEBGPU = "npm install webgpu @tensorflow/tfjs-backend-webgpu";
export const INSTALL_SOFTWARE_GPU =
  "a GPU driver, or Chromium and the Vulkan loader for the software SwiftShader (Debian: apt install chromium libvulkan1)";

/** Where Chromium builds put SwiftShader's Vulkan driver manifest (Debian's chromium, Google Chrome, Ubuntu's). */
export const SWIFTSHADER_MANIFESTS = [
  "/usr/lib/chromium/vk_swiftshader_icd.json",
  "/opt/google/chrome/vk_swiftshader_icd.json",
  "/usr/lib/chromium-browser/vk_swiftshader_icd.json",
];

/** Folders the Vulkan loader searches for driver manifests (the loader's documented defaults on Linux). */
const DRIVER_FOLDERS = ["/etc/vulkan/icd.d", "/usr/share/vulkan/icd.d", "/usr/local/share/vulkan/icd.d", "/usr/local/etc/vulkan/icd.d"];

/** Folders the dynamic linker searches for the Vulkan loader on Debian and friends. */
const LIBRARY_FOLDERS = [
  "/usr/lib/x86_64-linux-gnu",
  "/usr/lib/aarch64-linux-gnu",
  "/lib/x86_64-linux-gnu",
  "/usr/lib64",
  "/usr/lib",
  "/lib64",
  "/lib",
];

/** Path of Dawn's Node addon inside an installed `webgpu` package, or null when the package is not installed. */
export function dawnAddonPath(): string | null {
  try {
    const pkg = require.resolve("webgpu/package.json", { paths: [process.cwd(), packageRoot()] });
    const arch = process.platform === "darwin" ? "universal" : process.arch;
    return join(dirname(pkg), "dist", `${process.platform}-${arch}`, "dawn.node");
  } catch {
    return null;
  }
}

/**
 * SwiftShader's driver manifest on this machine, or null: `EMTD_SWIFTSHADER_ICD` names one elsewhere (a Chrome of
 * Playwright's), or turns the software GPU off with `none`; else the first of {@link SWIFTSHADER_MANIFESTS}.
 */
export function swiftShaderManifest(): string | null {
  const named = process.env.EMTD_SWIFTSHADER_ICD;
  if (named === "none") return null;
  if (named) return fs.existsSync(named) ? named : null;
  return SWIFTSHADER_MANIFESTS.find((file) => fs.existsSync(file)) ?? null;
}

/** True when the Vulkan loader can be found (LD_LIBRARY_PATH, then the usual folders). */
export function vulkanLoaderPresent(): boolean {
  const folders = [...(process.env.LD_LIBRARY_PATH ?? "").split(":").filter((d) => d !== ""), ...LIBRARY_FOLDERS];
  return folders.some((d) => fs.existsSync(join(d, "libvulkan.so.1")));
}

/** True when a Vulkan driver other than the software ones may be installed (or the user named drivers). */
function hardwareDriverListed(): boolean {
  if (process.env.VK_ICD_FILENAMES || process.env.VK_DRIVER_FILES) return true;
  const home = join(process.env.XDG_DATA_HOME ?? join(os.homedir(), ".local/share"), "vulkan/icd.d");
  return [...DRIVER_FOLDERS, home].some((d) => {
    try {
      return fs.readdirSync(d).some((f) => f.endsWith(".json") && !/lvp|swiftshader/i.test(f));
    } catch {
      return false;
    }
  });
}

/** Dawn's addon, as loaded: `create(flags)` makes a GPU instance; `globals` are the WebGPU classes and constants. */
export interface DawnModule {
  create(flags: string[]): DawnGpu;
  globals: Record<string, unknown>;
}
export interface DawnGpu {
  requestAdapter(o?: unknown): Promise<DawnAdapter | null>;
}
export interface DawnAdapter {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string };
  limits: Record<string, number>;
  requestDevice(o?: unknown): Promise<unknown>;
}

/** The adapter chosen: its GPU instance (what `navigator.gpu` is in a browser), the adapter, and what it is. */
export interface AdapterChoice {
  gpu: DawnGpu;
  adapter: DawnAdapter;
  /** The adapter in words: Dawn's description, else vendor and device. */
  description: string;
  /** True on SwiftShader (a software GPU). */
  software: boolean;
}

/** Dawn's addon, loaded, with the WebGPU globals installed; a BackendError naming the packages when absent. */
export function loadDawn(where: string): DawnModule {
  const addon = dawnAddonPath();
  if (addon === null) {
    throw new BackendError(`${where}: WebGPU needs the optional packages webgpu and @tensorflow/tfjs-backend-webgpu (${INSTALL_WEBGPU})`);
  }
  const dawn = require(addon) as DawnModule;
  Object.assign(globalThis, dawn.globals);
  return dawn;
}

/**
 * Dawn's GPU instances and adapters, held for the life of the process: Dawn's Node addon crashes the process
 * (segmentation fault) when the instance is garbage-collected while a device made from it is still in use.
 */
const keepAlive: unknown[] = [];

function describe(adapter: DawnAdapter): string {
  const i = adapter.info ?? {};
  const text = i.description || [i.vendor, i.architecture, i.device].filter((s) => s).join(" ");
  return text || "unnamed adapter";
}

/**
 * The best adapter (high-performance): hardware first; on Linux without one, SwiftShader through Chromium's driver
 * manifest. Throws a BackendError whose one line names what is missing.
 */
export async function chooseAdapter(where: string): Promise<AdapterChoice> {
  const dawn = loadDawn(where);
  const attempt = async (): Promise<AdapterChoice | null> => {
    const gpu = dawn.create([]);
    const adapter = await gpu.requestAdapter({ powerPreference: "high-performance" });
    keepAlive.push(gpu, adapter);
    if (adapter === null) return null;
    const description = describe(adapter);
    return { gpu, adapter, description, software: /swiftshader/i.test(description) };
  };
  const linux = process.platform === "linux";
  if (linux && !vulkanLoaderPresent()) {
    throw new BackendError(`${where}: no WebGPU adapter: the Vulkan loader libvulkan.so.1 is missing; install ${INSTALL_SOFTWARE_GPU}`);
  }
  // Without a listed driver Dawn would only print its own warnings: go straight to the software driver.
  const hardware = !linux || hardwareDriverListed() ? await attempt() : null;
  if (hardware !== null || !linux) {
    if (hardware === null) throw new BackendError(`${where}: Dawn found no WebGPU adapter on this machine (a GPU driver is needed)`);
    return hardware;
  }
  const manifest = swiftShaderManifest();
  if (manifest === null) throw new BackendError(`${where}: no GPU adapter and no SwiftShader; install ${INSTALL_SOFTWARE_GPU}`);
  process.env.VK_ICD_FILENAMES = manifest;
  const software = await attempt();
  if (software === null) throw new BackendError(`${where}: no GPU adapter, and SwiftShader (${manifest}) did not start`);
  return software;
}
