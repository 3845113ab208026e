import { describe, expect, it } from 'vitest';
import { loadPrefs, savePrefs } from './view-prefs';

const memory = () => {
  const items = new Map<string, string>();
  return {
    getItem: (k: string) => items.get(k) ?? null,
    setItem: (k: string, v: string) => void items.set(k, v),
  };
};

describe('Activity view prefs', () => {
  it('remembers period, metric and army; anything broken falls back to week, models, all', () => {
    const s = memory();
    expect(loadPrefs(s)).toEqual({ period: 'week', metric: 'models', army: { kind: 'all' } });
    savePrefs({ period: 'year', metric: 'points', army: { kind: 'army', key: 'orks' } }, s);
    expect(loadPrefs(s)).toEqual({
      period: 'year',
      metric: 'points',
      army: { kind: 'army', key: 'orks' },
    });
    s.setItem('mpt.activity.view', '{"period":"decade","metric":7,"army":{"kind":"army"}}');
    expect(loadPrefs(s)).toEqual({ period: 'week', metric: 'models', army: { kind: 'all' } });
    s.setItem('mpt.activity.view', 'not json');
    expect(loadPrefs(s).period).toBe('week');
    expect(loadPrefs(null).metric).toBe('models');
  });
});
