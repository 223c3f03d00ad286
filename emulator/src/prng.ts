// Deterministic PRNG (mulberry32): the same seed must always produce the same org, so tests and
// screenshots are reproducible. Math.random is only used for fault injection.
export class Prng {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0 || 0x9e3779b9;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  int(minInclusive: number, maxInclusive: number): number {
    return minInclusive + Math.floor(this.next() * (maxInclusive - minInclusive + 1));
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)];
    if (item === undefined) throw new Error("pick from empty list");
    return item;
  }

  /** RFC 4122 version-4 shaped UUID; table-driven because the seed mints one per person (200k). */
  uuid(): string {
    let out = "";
    for (let i = 0; i < 16; i++) {
      let byte = Math.floor(this.next() * 256);
      if (i === 6) byte = (byte & 0x0f) | 0x40;
      if (i === 8) byte = (byte & 0x3f) | 0x80;
      out += HEX[byte];
      if (i === 3 || i === 5 || i === 7 || i === 9) out += "-";
    }
    return out;
  }

}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));
