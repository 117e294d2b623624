/* global document */
/**
 * What JupyterLab's page carries before any of its code runs: its configuration, with the server's base URL (figures
 * read it), and the settings @jupyterlab/services connects with. Shared by the test pages bundled from this folder.
 */
import { ServerConnection } from "@jupyterlab/services";

export function serverPage(baseUrl) {
  const config = document.createElement("script");
  config.id = "jupyter-config-data";
  config.type = "application/json";
  config.textContent = JSON.stringify({ baseUrl });
  document.head.appendChild(config);
  return ServerConnection.makeSettings({ baseUrl, wsUrl: baseUrl.replace(/^http/, "ws"), token: "" });
}
