import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One measured figure, with the baseline it is compared to and the target it must meet. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: { name: string; value: number };
  target?: string;
  met?: boolean;
}

const resultsDir = join(dirname(fileURLToPath(import.meta.url)), 'results');

/** Prints the figures as a table and writes bench/results/<bench>.json. */
export function report(bench: string, figures: Figure[], meta: Record<string, unknown> = {}): void {
  for (const f of figures) {
    const base = f.baseline ? `  (baseline ${f.baseline.name}: ${f.baseline.value} ${f.unit})` : '';
    const target = f.target ? `  target ${f.target}: ${f.met ? 'met' : 'NOT met'}` : '';
    console.log(`${f.name}: ${f.value} ${f.unit}${base}${target}`);
  }
  mkdirSync(resultsDir, { recursive: true });
  const out = {
    bench,
    measured_at: new Date().toISOString(),
    node: process.version,
    machine: {
      cpus:
        (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator
          ?.hardwareConcurrency ?? null,
    },
    ...meta,
    figures,
  };
  writeFileSync(join(resultsDir, `${bench}.json`), `${JSON.stringify(out, null, 2)}\n`);
}

/** Percentile (0–100) of a list of samples, nearest-rank. */
export function percentile(samples: readonly number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? Number.NaN;
}

/** Rounds to 3 decimals for readable JSON. */
export const round = (x: number): number => Math.round(x * 1000) / 1000;
