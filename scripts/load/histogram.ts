/**
 * Latency histogram that merges across worker threads by adding arrays: 0.05 ms buckets up to
 * 100 ms, then 1 ms buckets up to 60 s (anything slower lands in the last bucket). Quantiles are
 * exact to the bucket width, which is finer than the targets (20 ms, 50 ms) by two orders.
 */
const FINE_MS = 100;
const FINE_PER_MS = 20;
const COARSE_MAX_MS = 60_000;
const FINE = FINE_MS * FINE_PER_MS;
export const BUCKETS = FINE + (COARSE_MAX_MS - FINE_MS) + 1;

export class Histogram {
  readonly counts: Uint32Array;
  count = 0;
  sum = 0;
  max = 0;

  constructor(counts?: Uint32Array) {
    this.counts = counts ?? new Uint32Array(BUCKETS);
  }

  add(ms: number): void {
    const v = ms < 0 ? 0 : ms;
    const i = v < FINE_MS ? Math.floor(v * FINE_PER_MS) : Math.min(BUCKETS - 1, FINE + Math.floor(v - FINE_MS));
    this.counts[i]++;
    this.count++;
    this.sum += v;
    if (v > this.max) this.max = v;
  }

  merge(o: HistogramData): void {
    for (let i = 0; i < BUCKETS; i++) this.counts[i] += o.counts[i];
    this.count += o.count;
    this.sum += o.sum;
    if (o.max > this.max) this.max = o.max;
  }

  /** Upper edge of the bucket holding quantile q (0..1), in ms; 0 when empty. */
  quantile(q: number): number {
    if (this.count === 0) return 0;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) return Math.min(this.max, i < FINE ? (i + 1) / FINE_PER_MS : FINE_MS + (i - FINE) + 1);
    }
    return this.max;
  }

  get mean(): number {
    return this.count ? this.sum / this.count : 0;
  }

  data(): HistogramData {
    return { counts: this.counts, count: this.count, sum: this.sum, max: this.max };
  }

  summary(): LatencySummary {
    const r = (x: number) => Math.round(x * 100) / 100;
    return {
      samples: this.count,
      p50: r(this.quantile(0.5)),
      p95: r(this.quantile(0.95)),
      p99: r(this.quantile(0.99)),
      max: r(this.max),
      mean: r(this.mean),
    };
  }
}

/** What crosses the worker boundary (structured clone copies the typed array). */
export interface HistogramData {
  counts: Uint32Array;
  count: number;
  sum: number;
  max: number;
}

export interface LatencySummary {
  samples: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
  mean: number;
}
