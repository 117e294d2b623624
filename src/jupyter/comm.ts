/**
 * Jupyter comms in the emtd kernel: comm_open, comm_msg and comm_close both ways, comm_info, targets the library
 * registers, the `jupyter.widget.version` handshake that classic Notebook's jupyter-js-widgets (ipywidgets 6)
 * starts when it connects, and ipywidgets 8's `jupyter.widget.control` comm, on which JupyterLab and Notebook 7 ask
 * for the state of every live widget at once (`request_states`, answered `update_states`) when they (re)load. The library reaches this through the bridge of src/viz/kernel-comms.ts.
 * Reference: https://jupyter-client.readthedocs.io/en/stable/messaging.html#custom-messages
 */
import { randomUUID } from "node:crypto";
import {
  type Comm,
  type CommMessage,
  type Header,
  KERNEL_COMMS,
  type KernelComms,
  type OutputSink,
  widgetDisplayId,
} from "../viz/kernel-comms";
import type { Message } from "./wire";

/** What the comm manager needs of the server. */
export interface CommIo {
  /**
   * Publish on iopub under `parent` (null: where outputs go now), past any capture; `metadata` is the message's own
   * (header-level) metadata, `{}` when not given.
   */
  publish(parent: Header | null, msgType: string, content: Record<string, unknown>, metadata?: Record<string, unknown>): void;
  /** Where outputs go now (the running cell, or the comm message being handled). */
  parent(): Header | null;
  /** Send the coalesced console output now (before a capture starts or ends). */
  flush(): void;
}

/** The target of the widget version handshake. */
export const WIDGET_VERSION_TARGET = "jupyter.widget.version";
/** The jupyter-js-widgets range ipywidgets 6 asks for in that handshake (its front end then answers its version). */
export const JS_WIDGETS_RANGE = "~2.1.4";
/** The target ipywidgets 8 front ends open to fetch all widget states in one message. */
export const WIDGET_CONTROL_TARGET = "jupyter.widget.control";
/**
 * `content` of a display_data or execute_result to publish, with a display id when it shows a widget (so the widget
 * can replace it later, see {@link widgetDisplayId}); other content unchanged.
 */
export function withWidgetDisplayId(msgType: string, content: Record<string, unknown>): Record<string, unknown> {
  if (msgType !== "display_data" && msgType !== "execute_result") return content;
  const view = (content.data as Record<string, unknown> | undefined)?.["application/vnd.jupyter.widget-view+json"] as
    { model_id?: unknown } | undefined;
  const transient = (content.transient ?? {}) as Record<string, unknown>;
  if (typeof view?.model_id !== "string" || transient.display_id !== undefined) return content;
  return { ...content, transient: { ...transient, display_id: widgetDisplayId(view.model_id) } };
}

/** The widget comm target (viz/widget.ts): the models `update_states` lists. */
const WIDGET_TARGET = "jupyter.widget";

type OpenHandler = (comm: Comm, message: CommMessage) => void;

class KernelComm implements Comm {
  closed = false;
  modelState?: () => Record<string, unknown>;
  onFrontEnd?: (version: string, session: string | null, reshow: boolean) => void;
  sentTo?: (session: string) => boolean;
  readonly messageHandlers: Array<(m: CommMessage) => void> = [];
  readonly closeHandlers: Array<(m: CommMessage | null) => void> = [];
  constructor(
    readonly id: string,
    readonly target: string,
    private readonly manager: CommManager,
    readonly session: string | null = null,
    /** Its place in the order comms were opened (see CommManager.infoAt). */
    readonly seq = 0,
  ) {}
  send(data: Record<string, unknown>, parent: Header | null = null): void {
    if (!this.closed) this.manager.io.publish(parent, "comm_msg", { comm_id: this.id, data });
  }
  reopen(data: Record<string, unknown>, metadata: Record<string, unknown> = {}, closeFirst = false): void {
    if (this.closed) return;
    if (closeFirst) this.manager.io.publish(null, "comm_close", { comm_id: this.id, data: {} });
    this.manager.io.publish(null, "comm_open", { comm_id: this.id, target_name: this.target, data }, metadata);
  }
  close(data: Record<string, unknown> = {}): void {
    if (this.closed) return;
    this.closed = true;
    this.manager.forget(this.id);
    this.manager.io.publish(null, "comm_close", { comm_id: this.id, data });
  }
  onMsg(handler: (m: CommMessage) => void): void {
    this.messageHandlers.push(handler);
  }
  onClose(handler: (m: CommMessage | null) => void): void {
    this.closeHandlers.push(handler);
  }
}

/**
 * The kernel's comms: one per process, installed under {@link KERNEL_COMMS} by {@link CommManager.install}.
 * Handlers run while the comm message is where outputs go, so an observer's prints reach the front end under it.
 */
export class CommManager implements KernelComms {
  private readonly comms = new Map<string, KernelComm>();
  private readonly targets = new Map<string, OpenHandler>();
  private readonly sinks: OutputSink[] = [];
  private sinking = false;
  private version: string | null = null;
  private opened = 0;
  /**
   * Per front-end session, how many comms had been opened when its first comm_info_request came: classic Notebook's
   * widget manager sends one as it starts, so comms opened for that session before then may have found no manager.
   */
  private readonly infoAt = new Map<string, number>();

  constructor(readonly io: CommIo) {
    this.registerTarget(WIDGET_VERSION_TARGET, (comm) => {
      comm.onMsg(({ data, header }) => {
        if (typeof data.frontend_version !== "string") return;
        this.version = data.frontend_version;
        const session = typeof header.session === "string" ? header.session : null;
        const started = session === null ? undefined : this.infoAt.get(session);
        // Cells may have run before this front end's widget manager was ready: their widgets re-show in its shape.
        for (const open of [...this.comms.values()]) {
          try {
            open.onFrontEnd?.(data.frontend_version, session, started !== undefined && open.session === session && open.seq <= started);
          } catch (error) {
            process.stderr.write(`emtd kernel: re-showing widget ${open.id} failed: ${(error as Error)?.stack ?? String(error)}\n`);
          }
        }
      });
      comm.send({ version: JS_WIDGETS_RANGE });
    });
    this.registerTarget(WIDGET_CONTROL_TARGET, (comm) => {
      comm.onMsg(({ data, header }) => {
        if (data.method === "request_states") comm.send({ method: "update_states", states: this.widgetStates(), buffer_paths: [] }, header);
      });
    });
  }

  /**
   * `update_states`' `states`: every open widget model that has a state (protocol 2), by model id, with its model
   * names beside its state as ipywidgets sends them. Widgets here hold no binary buffers, so `buffer_paths` is empty.
   */
  widgetStates(): Record<
    string,
    { model_name: unknown; model_module: unknown; model_module_version: unknown; state: Record<string, unknown> }
  > {
    const states: ReturnType<CommManager["widgetStates"]> = {};
    for (const comm of this.comms.values()) {
      if (comm.target !== WIDGET_TARGET || !comm.modelState) continue;
      const state = comm.modelState();
      states[comm.id] = {
        model_name: state._model_name,
        model_module: state._model_module,
        model_module_version: state._model_module_version,
        state,
      };
    }
    return states;
  }

  /** Make this the process's comm bridge for the library. */
  install(): this {
    (globalThis as Record<symbol, unknown>)[KERNEL_COMMS] = this;
    return this;
  }

  /**
   * comm_open to the front end. `metadata` goes in the message's own metadata, as ipykernel's Comm.open sends it: that
   * is where ipywidgets' front ends (7 and 8, base-manager's handle_comm_open) read the widget protocol `version`.
   */
  open(target: string, data: Record<string, unknown>, metadata: Record<string, unknown> = {}): Comm {
    const session = this.io.parent()?.session;
    const comm = new KernelComm(randomUUID().replace(/-/g, ""), target, this, typeof session === "string" ? session : null, ++this.opened);
    this.comms.set(comm.id, comm);
    this.io.publish(null, "comm_open", { comm_id: comm.id, target_name: target, data }, metadata);
    return comm;
  }

  registerTarget(target: string, onOpen: OpenHandler): void {
    this.targets.set(target, onOpen);
  }

  parent(): Header | null {
    return this.io.parent();
  }

  publish(parent: Header | null, msgType: string, content: Record<string, unknown>): void {
    this.io.publish(parent, msgType, content);
  }

  frontendVersion(): string | null {
    return this.version;
  }

  capture<T>(sink: OutputSink, fn: () => T): T {
    this.io.flush();
    this.sinks.push(sink);
    const release = () => {
      this.io.flush();
      const at = this.sinks.lastIndexOf(sink);
      if (at >= 0) this.sinks.splice(at, 1);
    };
    let result: T;
    try {
      result = fn();
    } catch (error) {
      release();
      throw error;
    }
    if (result instanceof Promise) return result.finally(release) as T;
    release();
    return result;
  }

  /** The server's publish asks first: true when an output went to a capturing sink instead of the cell. */
  intercept(msgType: string, content: Record<string, unknown>): boolean {
    const sink = this.sinks[this.sinks.length - 1];
    if (!sink || this.sinking) return false;
    if (msgType !== "stream" && msgType !== "display_data" && msgType !== "clear_output" && msgType !== "update_display_data") return false;
    this.sinking = true;
    try {
      sink(msgType, content);
    } finally {
      this.sinking = false;
    }
    return true;
  }

  /**
   * comm_info_reply's `comms`: the open comms, of `target` when given; `session`: the asking front end's (comms the
   * kernel re-shows to it itself are left out, see Comm.sentTo).
   */
  info(target?: string, session?: string): Record<string, { target_name: string }> {
    if (session !== undefined && !this.infoAt.has(session)) this.infoAt.set(session, this.opened);
    const out: Record<string, { target_name: string }> = {};
    for (const comm of this.comms.values()) {
      if (target && comm.target !== target) continue;
      if (session !== undefined && comm.sentTo?.(session)) continue;
      out[comm.id] = { target_name: comm.target };
    }
    return out;
  }

  forget(id: string): void {
    this.comms.delete(id);
  }

  /** A comm_open, comm_msg or comm_close from the front end (on shell). A handler's throw is reported, not fatal. */
  receive(message: Message): void {
    const content = message.content as { comm_id?: string; target_name?: string; data?: Record<string, unknown> };
    const id = String(content.comm_id ?? "");
    const received: CommMessage = { data: content.data ?? {}, header: message.header as unknown as Header };
    const guarded = (what: string, fn: () => void) => {
      try {
        fn();
      } catch (error) {
        process.stderr.write(`emtd kernel: ${what} failed: ${(error as Error)?.stack ?? String(error)}\n`);
      }
    };
    switch (message.header.msg_type) {
      case "comm_open": {
        const target = String(content.target_name ?? "");
        const onOpen = this.targets.get(target);
        const comm = new KernelComm(id, target, this);
        if (!onOpen) {
          // No such target: the front end is told at once (what ipykernel does).
          comm.close();
          return;
        }
        this.comms.set(id, comm);
        guarded(`comm_open of ${target}`, () => onOpen(comm, received));
        return;
      }
      case "comm_msg": {
        const comm = this.comms.get(id);
        if (comm) for (const h of comm.messageHandlers) guarded(`comm_msg to ${comm.target}`, () => h(received));
        return;
      }
      case "comm_close": {
        const comm = this.comms.get(id);
        if (!comm) return;
        comm.closed = true;
        this.forget(id);
        for (const h of comm.closeHandlers) guarded(`comm_close of ${comm.target}`, () => h(received));
        return;
      }
    }
  }
}
