import { describe, expect, it } from 'vitest';
import { followHash, hrefOf, parseRoute, route, scrollTopFor } from './router';

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

describe('scroll per screen', () => {
  it('other screens open at the top; the list opens where it was left', () => {
    followHash('#/', 0);
    followHash('#/activity', 700); // left the list scrolled to 700
    expect(scrollTopFor(route.value)).toBe(0);
    followHash('#/settings', 300); // scrolled on Activity: not carried over
    expect(scrollTopFor(route.value)).toBe(0);
    followHash('#/', 0);
    expect(scrollTopFor(route.value)).toBe(700);
    followHash(hrefOf.type('x'), 50);
    expect(scrollTopFor(route.value)).toBe(0);
    expect(scrollTopFor({ name: 'list' })).toBe(50);
  });
});
