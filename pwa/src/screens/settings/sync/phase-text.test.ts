import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../../../i18n';
import type { SyncPhase } from '../../../sync/attempt';
import { phaseProgress, phaseText } from './sync-text';

/** Every shape a running sync reports, the edge values included (nothing known yet: 0). */
const PHASES: SyncPhase[] = [
  { phase: 'preparing' },
  { phase: 'uploading', bytes: 171, received: 0, total: null },
  { phase: 'uploading', bytes: 171, received: 2048, total: null },
  { phase: 'uploading', bytes: 171, received: 2048, total: 376_000 },
  { phase: 'checking', done: 0, total: 0 },
  { phase: 'checking', done: 300, total: 1000 },
  ...(['reading', 'merging', 'restore-point'] as const).map(
    (step): SyncPhase => ({ phase: 'merging', step, done: 0, total: 0 }),
  ),
  // A replace by the server's copy reports the write before it knows its size.
  { phase: 'merging', step: 'writing', done: 0, total: 0 },
  { phase: 'merging', step: 'writing', done: 500, total: 1000 },
];

describe('a running sync said as one of four steps', () => {
  beforeAll(() => initI18n('en'));
  afterAll(() => setLanguage('en'));

  it.each(['en', 'ru'] as const)(
    'in %s: every phase reads whole, never a raw {{placeholder}}',
    async (lang) => {
      await setLanguage(lang);
      for (const phase of PHASES) {
        const text = phaseText(phase);
        expect(text, JSON.stringify(phase)).not.toMatch(/\{\{|\}\}|sync\.phase/);
        expect(text).toMatch(/^(Step|Шаг) \d (of|из) 4: /);
      }
      const starting = { phase: 'merging', step: 'writing', done: 0, total: 0 } as const;
      expect(phaseText(starting)).toBe(
        lang === 'en' ? 'Step 4 of 4: saving…' : 'Шаг 4 из 4: сохраняем…',
      );
      expect(phaseProgress(starting)).toBeNull();
    },
  );
});
