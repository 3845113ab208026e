import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { countsEqual } from '../pipeline/stages';
import { planImport } from './import';
import { parseDataFileText, readDataFile } from './read-data-file';
import { emptyState } from './state';

const doc = readFileSync(
  fileURLToPath(new URL('../../../docs/data-format.md', import.meta.url)),
  'utf8',
);

describe('docs/data-format.md', () => {
  it('shows a complete, valid example file', () => {
    const block = /```json\n([\s\S]*?)\n```/.exec(doc)?.[1];
    expect(block).toBeDefined();
    const parsed = parseDataFileText(block!);
    expect(parsed.ok).toBe(true);
    const read = readDataFile(JSON.parse(block!));
    expect(read.ok).toBe(true);
    if (!read.ok) return;
    // The count-only type got its synthesized add event; the other replays to its counts.
    expect(read.value.events).toHaveLength(4);
    const plan = planImport(emptyState(), read.value, true);
    expect(plan.report).toMatchObject({ types_created: 2, events_added: 4, conflicts: [] });
    const orks = plan.state.types.find((t) => t.name === 'Ork Boyz ×20');
    expect(
      orks &&
        countsEqual(orks.counts, { IN_BOX: 0, BUILDING: 20, PRIMING: 0, PAINTING: 0, DONE: 0 }),
    ).toBe(true);
  });

  it('names every error code the data file reader can return', () => {
    for (const code of [
      'ERR_PAYLOAD_TOO_LARGE',
      'ERR_IMPORT_INVALID',
      'ERR_IMPORT_UNSUPPORTED_VERSION',
      'ERR_IMPORT_INCONSISTENT',
    ]) {
      expect(doc).toContain(code);
    }
  });
});
