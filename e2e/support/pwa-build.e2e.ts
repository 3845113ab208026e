import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PWA_SOURCES, pwaBuildState } from '../../scripts/pwa-build.mjs';

// The rule `npm start` and this harness share (scripts/pwa-build.mjs), on a fake
// repository whose file times the test sets.
let base = '';
afterEach(() => rmSync(base, { recursive: true, force: true }));

const T0 = new Date('2026-11-01T10:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

function file(path: string, when: Date): void {
  const full = join(base, path);
  mkdirSync(dirname(full), { recursive: true });
  writeFileSync(full, 'x');
  utimesSync(full, when, when);
  // A folder's own time changes when a file is added: keep the folders old.
  for (let d = dirname(full); d.startsWith(base) && d !== base; d = dirname(d))
    utimesSync(d, T0, T0);
}

describe('when pwa/dist must be rebuilt', () => {
  it('is missing without a build, fresh after one, stale once a source changes', () => {
    base = mkdtempSync(join(tmpdir(), 'mpt-pwa-build-'));
    for (const source of PWA_SOURCES) file(source.includes('.') ? source : `${source}/a.ts`, T0);
    expect(pwaBuildState(base)).toEqual({ state: 'missing' });
    file('pwa/dist/index.html', at(1));
    expect(pwaBuildState(base)).toEqual({ state: 'fresh' });
    // A test beside the code never reaches the bundle.
    file('pwa/src/list/Row.test.tsx', at(5));
    expect(pwaBuildState(base)).toEqual({ state: 'fresh' });
    file('shared/src/values/names.ts', at(2));
    expect(pwaBuildState(base)).toEqual({ state: 'stale', newer: 'shared/src/values/names.ts' });
    file('pwa/dist/index.html', at(3));
    file('package-lock.json', at(4));
    expect(pwaBuildState(base)).toEqual({ state: 'stale', newer: 'package-lock.json' });
  });
});
