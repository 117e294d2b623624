/**
 * Which WebGPU adapter Dawn (the optional npm package `webgpu`) gives this process: a hardware adapter where a GPU
 * driver is installed; else, on Linux, SwiftShader, the software Vulkan driver that Chromium ships beside its binary
 * (slow, but WGSL computed to the spec's precision, so the WebGPU path is tested on machines without a GPU). Without
 * either, a {@link BackendError} whose one line names what to install.
 *
 * Dawn's Vulkan backend needs the Vulkan loader `libvulkan.so.1` (Debian `libvulkan1`) and reads the drivers it may
 * use from `VK_ICD_FILENAMES` when the loader starts, so the software driver is chosen by setting that variable
 * before a second Dawn instance is made. Mesa's lavapipe is refused by Dawn (it lacks a required Vulkan feature).
 *
 * A software GPU is never used silently (issue 43): without a hardware adapter the choice is refused, in one line
 * naming the missing Vulkan driver, unless `EMTD_WEBGPU_ADAPTER=software` asks for the software adapter on purpose
 * (tests and CI set it); a `VK_ICD_FILENAMES` that names a missing file is refused too, whatever the variable says.
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

/** How a refusal reads its fix: what to install for a real GPU, and the variable that allows the software one. */
export const HARDWARE_GPU_NEEDS = "a GPU needs libvulkan1 and its vendor's Vulkan driver; check with `vulkaninfo --summary`";
export const SOFTWARE_ON_PURPOSE = "to use the software GPU on purpose, set EMTD_WEBGPU_ADAPTER=software";

/** The adapters `EMTD_WEBGPU_ADAPTER` accepts: `hardware` (the default) or `software` (SwiftShader allowed). */
export const ADAPTER_KINDS = ["hardware", "software"] as const;
export type AdapterKind = (typeof ADAPTER_KINDS)[number];

/**
 * Why no adapter was chosen: no Vulkan loader; no adapter at all; only a software one without the variable; a
 * driver file named in `VK_ICD_FILENAMES` missing; a bad value of `EMTD_WEBGPU_ADAPTER`.
 */
export type AdapterRefusal = "no-loader" | "no-adapter" | "software-only" | "missing-driver-file" | "bad-setting";

/** A refused adapter choice: a {@link BackendError} whose one line names what is missing and how to fix it. */
export class AdapterError extends BackendError {
  override name = "AdapterError";
  constructor(
    message: string,
    readonly reason: AdapterRefusal,
  ) {
    super(message);
  }
}

/** The adapter kind asked for by `EMTD_WEBGPU_ADAPTER` (unset or empty: hardware); an AdapterError for another value. */
export function adapterKind(where: string): AdapterKind {
  const value = process.env.EMTD_WEBGPU_ADAPTER ?? "";
  if (value === "") return "hardware";
  if ((ADAPTER_KINDS as readonly string[]).includes(value)) return value as AdapterKind;
  throw new AdapterError(
    `${where}: EMTD_WEBGPU_ADAPTER must be one of ${ADAPTER_KINDS.join(", ")} (got ${JSON.stringify(value)})`,
    "bad-setting",
  );
}

/** The driver files named in `VK_ICD_FILENAMES` (or its newer name `VK_DRIVER_FILES`) that do not exist. */
function missingDriverFiles(): { variable: string; files: string[] } | null {
  for (const variable of ["VK_ICD_FILENAMES", "VK_DRIVER_FILES"]) {
    const named = (process.env[variable] ?? "").split(":").filter((f) => f !== "");
    const files = named.filter((f) => !fs.existsSync(f));
    if (files.length > 0) return { variable, files };
  }
  return null;
}

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
 * The best adapter (high-performance): a hardware one; a software one (SwiftShader through Chromium's driver
 * manifest on Linux) only when `EMTD_WEBGPU_ADAPTER=software` asks for it. Throws an {@link AdapterError} whose one
 * line names what is missing and the two ways on: the vendor's Vulkan driver, or the variable.
 */
export async function chooseAdapter(where: string): Promise<AdapterChoice> {
  const kind = adapterKind(where);
  const missing = missingDriverFiles();
  if (missing !== null) {
    throw new AdapterError(
      `${where}: ${missing.variable} names ${missing.files.join(", ")}, which does not exist: no Vulkan driver there (${HARDWARE_GPU_NEEDS})`,
      "missing-driver-file",
    );
  }
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
    throw new AdapterError(
      `${where}: no WebGPU adapter: the Vulkan loader libvulkan.so.1 is missing; install ${INSTALL_SOFTWARE_GPU}`,
      "no-loader",
    );
  }
  const noHardware = (found: string, reason: AdapterRefusal) =>
    new AdapterError(`${where}: no hardware GPU adapter: Dawn found ${found} (${HARDWARE_GPU_NEEDS}); ${SOFTWARE_ON_PURPOSE}`, reason);
  // Without a listed driver Dawn would only print its own warnings: go straight to the software driver.
  const hardware = !linux || hardwareDriverListed() ? await attempt() : null;
  if (hardware !== null) {
    if (!hardware.software || kind === "software") return hardware;
    throw noHardware(`only the software adapter ${hardware.description}`, "software-only");
  }
  if (kind !== "software") throw noHardware("no Vulkan driver of a GPU", "no-adapter");
  if (!linux) throw new AdapterError(`${where}: Dawn found no WebGPU adapter on this machine (a GPU driver is needed)`, "no-adapter");
  const manifest = swiftShaderManifest();
  if (manifest === null)
    throw new AdapterError(`${where}: no GPU adapter and no SwiftShader; install ${INSTALL_SOFTWARE_GPU}`, "no-adapter");
  process.env.VK_ICD_FILENAMES = manifest;
  const software = await attempt();
  if (software === null) throw new AdapterError(`${where}: no GPU adapter, and SwiftShader (${manifest}) did not start`, "no-adapter");
  return software;
}
