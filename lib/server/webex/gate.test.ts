// @vitest-environment node
import { describe, expect, it } from "vitest";
import { FifoGate, gateFor } from "./gate";

const tick = (ms = 0) => new Promise((r) => setTimeout(r, ms));

describe("FifoGate", () => {
  it("runs turns one at a time, in arrival order", async () => {
    const gate = new FifoGate();
    const order: string[] = [];
    let running = 0;
    const turn = (name: string, ms: number) =>
      gate.run(
        async () => {
          running++;
          expect(running).toBe(1);
          order.push(`start ${name}`);
          await tick(ms);
          order.push(`end ${name}`);
          running--;
          return name;
        },
        1000,
        () => new Error("timeout"),
      );
    const results = await Promise.all([turn("a", 20), turn("b", 1), turn("c", 5)]);
    expect(results).toEqual(["a", "b", "c"]);
    expect(order).toEqual(["start a", "end a", "start b", "end b", "start c", "end c"]);
  });

  it("lets a caller leave the line on timeout without running it or blocking the rest", async () => {
    const gate = new FifoGate();
    const ran: string[] = [];
    const slow = gate.run(async () => (await tick(60), ran.push("slow")), 1000, () => new Error("t"));
    const impatient = gate.run(async () => ran.push("impatient"), 10, () => new Error("gave up"));
    const patient = gate.run(async () => ran.push("patient"), 1000, () => new Error("t"));
    await expect(impatient).rejects.toThrow("gave up");
    await Promise.all([slow, patient]);
    expect(ran).toEqual(["slow", "patient"]);
  });

  it("lets a caller leave the line when its browser goes away, without running it or blocking the rest", async () => {
    const gate = new FifoGate();
    const ran: string[] = [];
    const browser = new AbortController();
    const slow = gate.run(async () => (await tick(60), ran.push("slow")), 1000, () => new Error("t"));
    const gone = gate.run(async () => ran.push("gone"), 1000, () => new Error("t"), browser.signal, () => new Error("cancelled"));
    const patient = gate.run(async () => ran.push("patient"), 1000, () => new Error("t"));
    browser.abort();
    await expect(gone).rejects.toThrow("cancelled");
    await Promise.all([slow, patient]);
    expect(ran).toEqual(["slow", "patient"]);
  });

  it("keeps going after a turn throws", async () => {
    const gate = new FifoGate();
    await expect(gate.run(async () => Promise.reject(new Error("boom")), 100, () => new Error("t"))).rejects.toThrow("boom");
    await expect(gate.run(async () => "next", 100, () => new Error("t"))).resolves.toBe("next");
  });

  it("shares one gate per owner and key", () => {
    const a = {};
    expect(gateFor(a, "org")).toBe(gateFor(a, "org"));
    expect(gateFor(a, "org")).not.toBe(gateFor(a, "other"));
    expect(gateFor({}, "org")).not.toBe(gateFor(a, "org"));
  });
});
