/**
 * The kernel's stdin channel: a cell's `input()` (viz/input.ts) sends `input_request` to the front end that sent the
 * running execute_request, over the stdin ROUTER with that request's routing ids (a client gives its shell and stdin
 * sockets one identity, as jupyter_client does), and resolves with the `input_reply`'s value. One prompt at a time,
 * as the protocol has it; an interrupt rejects the pending one.
 */
import * as zmq from "zeromq";
import { KERNEL_STDIN, type KernelStdin } from "../viz/input";
import { decode, encode, type Message, reply } from "./wire";

/** The execute_request a prompt belongs to. */
export interface StdinParent {
  message: Message;
  ids: Buffer[];
}

export interface StdinChannel {
  /** A cell of `parent` starts: prompts go to its sender, when its `allow_stdin` is true. */
  begin(parent: StdinParent, allowStdin: boolean): void;
  /** The cell ended: later prompts (from its callbacks) are not allowed. */
  end(): void;
  /** Reject the pending prompt (the cell was interrupted). */
  cancel(reason: Error): void;
}

/**
 * Serve the stdin socket and install {@link KERNEL_STDIN} for cells; `log` reports dropped messages.
 * Replies that answer no pending prompt are ignored.
 */
export function serveStdin(socket: zmq.Router, key: string, session: string, log: (line: string) => void): StdinChannel {
  let parent: StdinParent | null = null;
  let allowed = false;
  // Set by ask() from a cell: a cast, or TypeScript narrows it to null in the reader loop below.
  let pending = null as { id: string; resolve: (value: string) => void; reject: (e: Error) => void } | null;

  const channel: KernelStdin = {
    allowed: () => parent !== null && allowed,
    ask(prompt, password) {
      if (!parent) return Promise.reject(new Error("emtd kernel: input() outside a running cell"));
      // A second prompt while one waits: the first is superseded (a front end shows one box).
      pending?.reject(new Error("emtd kernel: input() superseded by a later prompt"));
      const request = reply(parent.message, "input_request", { prompt, password }, session);
      return new Promise<string>((resolve, reject) => {
        pending = { id: request.header.msg_id, resolve, reject };
        socket.send(encode(request, key, parent!.ids)).catch((error: Error) => {
          pending = null;
          reject(error);
        });
      });
    },
  };
  (globalThis as Record<symbol, unknown>)[KERNEL_STDIN] = channel;

  void (async () => {
    for await (const frames of socket) {
      let message: Message;
      try {
        message = decode(frames as Buffer[], key);
      } catch (error) {
        log(`emtd kernel: dropped a stdin message: ${(error as Error).message}\n`);
        continue;
      }
      if (message.header.msg_type !== "input_reply" || !pending) continue;
      // A reply names its input_request as parent; jupyter_client's does, some clients send none.
      const to = message.parent_header.msg_id;
      if (to !== undefined && to !== pending.id) continue;
      const { resolve } = pending;
      pending = null;
      resolve(String((message.content as { value?: unknown }).value ?? ""));
    }
  })();

  return {
    begin(request, allowStdin) {
      parent = request;
      allowed = allowStdin;
    },
    end() {
      parent = null;
      allowed = false;
    },
    cancel(reason) {
      const waiting = pending;
      pending = null;
      waiting?.reject(reason);
    },
  };
}
