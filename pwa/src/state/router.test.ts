import { describe, expect, it } from 'vitest';
import { hrefOf, parseRoute } from './router';

describe('parseRoute', () => {
  it('parses every screen and round-trips type hrefs', () => {
    expect(parseRoute('')).toEqual({ name: 'list' });
    expect(parseRoute('#/')).toEqual({ name: 'list' });
    expect(parseRoute('#/new')).toEqual({ name: 'new' });
    expect(parseRoute('#/activity')).toEqual({ name: 'activity' });
    expect(parseRoute('#/settings')).toEqual({ name: 'settings' });
    expect(parseRoute(hrefOf.type('a b'))).toEqual({ name: 'type', id: 'a b' });
    expect(parseRoute('#/nope')).toEqual({ name: 'missing' });
  });
});
