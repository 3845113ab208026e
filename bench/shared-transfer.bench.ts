// Data file v1 at the size of a big collection: 1 000 types × 50 events (adds and moves),
// validated, merged and replayed with the shared/ domain core. Baseline: JSON.parse of
// the same text. Targets: validate + merge ≤ 200 ms and ≤ 10 × JSON.parse.
//   npm run bench -- shared

import { loadavg } from 'node:os';
import {
  dataFileToState,
  emptyState,
  type HistoryEvent,
  type MiniatureType,
  mergeStates,
  parseDataFile,
  parseDataFileText,
  planAdd,
  planCreateType,
  planImport,
  planMove,
  replay,
  STAGES,
  stateToDataFile,
  type TrackerState,
  unwrap,
} from '@mpt/shared';
import { type Figure, percentile, report, round } from './report';

const TYPES = 1_000;
const EVENTS_PER_TYPE = 50;
const WARMUP = 5;
const RUNS = 30;

/** A small deterministic PRNG so every run measures the same file. */
function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1_664_525 + 1_013_904_223) >>> 0;
    return s / 2 ** 32;
  };
}

const idOf = (prefix: number, n: number): string =>
  `${prefix.toString(16).padStart(8, '0')}-0000-4000-8000-${n.toString(16).padStart(12, '0')}`;

/** `count` types built through the shared operations: a box bought, then painted in batches. */
function buildState(prefix: number, count: number, namePrefix: string): TrackerState {
  const rand = prng(prefix);
  let n = 0;
  const types: MiniatureType[] = [];
  const events: HistoryEvent[] = [];
  const start = Date.parse('2025-01-01T00:00:00.000Z');
  for (let t = 0; t < count; t++) {
    let now = start + t * 3_600_000;
    const created = unwrap(
      planCreateType(
        { name: `${namePrefix} ${t}`, counts: { IN_BOX: 40 + Math.floor(rand() * 40) } },
        { typeId: idOf(prefix, ++n), now: new Date(now), newEventId: () => idOf(prefix, ++n) },
        () => false,
      ),
    );
    const type = created.type;
    let last = created.events[0]!.created_at;
    events.push(...created.events);
    for (let e = 1; e < EVENTS_PER_TYPE; e++) {
      now += Math.floor(rand() * 600_000);
      const ledger = { id: type.id, counts: type.counts, last_event_at: last };
      const ctx = { eventId: idOf(prefix, ++n), now: new Date(now) };
      const held = STAGES.slice(0, 4).filter((s) => type.counts[s] > 0);
      const from = held[Math.floor(rand() * held.length)];
      const change =
        from === undefined || rand() < 0.1
          ? planAdd(ledger, { stage: 'IN_BOX', qty: 1 + Math.floor(rand() * 10) }, ctx)
          : planMove(
              ledger,
              {
                from_stage: from,
                to_stage:
                  STAGES[
                    STAGES.indexOf(from) + 1 + Math.floor(rand() * (4 - STAGES.indexOf(from)))
                  ],
                qty: 1 + Math.floor(rand() * type.counts[from]),
              },
              ctx,
            );
      const { event, counts } = unwrap(change);
      type.counts = counts;
      last = event.created_at;
      events.push(event);
    }
    types.push(type);
  }
  return mergeStates(emptyState(), { types, events, tombstones: [] }).state;
}

/**
 * Median and p95 of `RUNS` timed calls after `WARMUP` untimed ones, in ms of wall time,
 * and the median CPU time of this process (user + system, GC threads included): on a
 * busy machine wall time mostly measures the neighbours, CPU time still measures us.
 */
function measure(run: () => unknown): { median: number; p95: number; cpu: number } {
  for (let i = 0; i < WARMUP; i++) run();
  const samples: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    run();
    samples.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return {
    median: round(percentile(samples, 50)),
    p95: round(percentile(samples, 95)),
    cpu: round(percentile(cpu, 50)),
  };
}

const fileState = buildState(1, TYPES, 'Squad');
const text = JSON.stringify(stateToDataFile(fileState, '2026-11-22T10:00:00.000Z'));
const json: unknown = JSON.parse(text);
const read = (): TrackerState => {
  const file = unwrap(parseDataFile(json));
  return unwrap(dataFileToState(file));
};
const incoming = read();
// A replica that shares half of the file's types (same ids and events) and has 500 of its own.
const shared = new Set(fileState.types.slice(0, TYPES / 2).map((t) => t.id));
const own = buildState(2, TYPES / 2, 'Own squad');
// Through JSON, as a store hands it over: flat strings, like every state in the app.
const halfOverlap: TrackerState = JSON.parse(
  JSON.stringify(
    mergeStates(own, {
      types: fileState.types.filter((t) => shared.has(t.id)),
      events: fileState.events.filter((e) => shared.has(e.type_id)),
      tombstones: [],
    }).state,
  ),
);

const eventCount = incoming.events.length;
console.log(
  `data file: ${TYPES} types, ${eventCount} events, ${(text.length / 1e6).toFixed(2)} MB; ` +
    `${WARMUP} warm-up + ${RUNS} timed runs each`,
);

const parse = measure(() => JSON.parse(text));
const validate = measure(read);
const mergeEmpty = measure(() => mergeStates(emptyState(), incoming));
const mergeHalf = measure(() => mergeStates(halfOverlap, incoming));
// The headline: validate + merge of a parsed file into a replica that shares half of it.
const headline = measure(() => planImport(halfOverlap, read(), true));
// The whole import from text, JSON.parse included, for the record.
const fromText = measure(() => {
  const file = unwrap(parseDataFileText(text));
  return planImport(halfOverlap, unwrap(dataFileToState(file)), true);
});
const byType = new Map<string, HistoryEvent[]>();
for (const e of incoming.events) byType.set(e.type_id, [...(byType.get(e.type_id) ?? []), e]);
const replayAll = measure(() => {
  for (const list of byType.values()) replay(list);
});

const baseline = { name: 'JSON.parse median', value: parse.median };
const ms = (name: string, value: number, extra: Partial<Figure> = {}): Figure => ({
  name,
  value,
  unit: 'ms',
  ...extra,
});
const limit = Math.min(200, 10 * parse.median);
report(
  'shared-transfer',
  [
    ms('JSON.parse median', parse.median),
    ms('JSON.parse p95', parse.p95),
    ms('validate (parseDataFile + dataFileToState) median', validate.median, { baseline }),
    ms('validate p95', validate.p95),
    ms('mergeStates into empty median', mergeEmpty.median, { baseline }),
    ms('mergeStates into empty p95', mergeEmpty.p95),
    ms('mergeStates into half-overlapping median', mergeHalf.median, { baseline }),
    ms('mergeStates into half-overlapping p95', mergeHalf.p95),
    ms('planImport: validate + merge into half-overlapping median', headline.median, {
      baseline,
      target: `≤ 200 ms and ≤ 10 × JSON.parse (≤ ${round(limit)} ms)`,
      met: headline.median <= limit,
    }),
    ms('planImport p95', headline.p95, { target: '≤ 200 ms', met: headline.p95 <= 200 }),
    {
      name: 'planImport / JSON.parse',
      value: round(headline.median / parse.median),
      unit: '×',
      target: '≤ 10',
      met: headline.median / parse.median <= 10,
    },
    ms('JSON.parse CPU time median', parse.cpu),
    ms('planImport CPU time median', headline.cpu, {
      baseline: { name: 'JSON.parse CPU time median', value: parse.cpu },
      target: '≤ 10 × JSON.parse CPU time',
      met: headline.cpu <= 10 * parse.cpu,
    }),
    ms('import from text (JSON.parse + validate + merge) median', fromText.median, { baseline }),
    ms('import from text p95', fromText.p95),
    ms('replay of all types median', replayAll.median, { baseline }),
    ms('replay of all types p95', replayAll.p95),
  ],
  {
    types: TYPES,
    events: eventCount,
    bytes: text.length,
    warmup: WARMUP,
    runs: RUNS,
    // Other work on the machine inflates every figure; the ratio to JSON.parse less so.
    load_average: loadavg().map(round),
  },
);
