import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { onShutdownSignal, type ShutdownStep } from "./shutdown";

function harness(steps: ShutdownStep[], timeoutMs = 5_000) {
  const target = new EventEmitter();
  const exits: number[] = [];
  let resolveExit: (code: number) => void = () => {};
  const exited = new Promise<number>((r) => (resolveExit = r));
  onShutdownSignal(steps, {
    timeoutMs,
    target: target as unknown as NodeJS.Process,
    exit: (code) => {
      exits.push(code);
      resolveExit(code);
    },
  });
  return { target, exits, exited };
}

describe("shutdown on SIGTERM/SIGINT", () => {
  it("stops the scorer, drains the queue and closes the database in that order, then exits 0", async () => {
    const order: string[] = [];
    const step = (name: string): ShutdownStep => ({
      name,
      run: async () => {
        await new Promise((r) => setTimeout(r, 10));
        order.push(name);
      },
    });
    const { target, exited } = harness([step("scorer"), step("queue"), step("database")]);
    target.emit("SIGTERM", "SIGTERM");
    expect(await exited).toBe(0);
    expect(order).toEqual(["scorer", "queue", "database"]);
  });

  it("still closes the database when an earlier step fails, and exits 1", async () => {
    const order: string[] = [];
    const { target, exited } = harness([
      { name: "queue", run: () => Promise.reject(new Error("boom")) },
      { name: "database", run: async () => void order.push("database") },
    ]);
    target.emit("SIGINT", "SIGINT");
    expect(await exited).toBe(1);
    expect(order).toEqual(["database"]);
  });

  it("exits 1 when a step hangs past the bound", async () => {
    const { target, exited } = harness([{ name: "queue", run: () => new Promise(() => {}) }], 50);
    target.emit("SIGTERM", "SIGTERM");
    expect(await exited).toBe(1);
  });

  it("exits at once on a second signal while stopping", async () => {
    const { target, exits } = harness([{ name: "queue", run: () => new Promise(() => {}) }]);
    target.emit("SIGTERM", "SIGTERM");
    target.emit("SIGINT", "SIGINT");
    expect(exits).toEqual([1]);
  });
});
