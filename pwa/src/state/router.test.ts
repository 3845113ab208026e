import { describe, expect, it, vi } from 'vitest';
import { leaveTo } from './leave';
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

describe('leaving a screen that Back must not return to', () => {
  it('goes back when the target is the screen before, else replaces the entry', () => {
    const back = vi.spyOn(history, 'back').mockImplementation(() => {});
    const replace = vi.spyOn(location, 'replace').mockImplementation(() => {});
    followHash('#/', 0);
    followHash(hrefOf.type('x'), 0); // list → a type, which is then deleted
    leaveTo(hrefOf.list);
    expect(back).toHaveBeenCalledTimes(1);
    expect(replace).not.toHaveBeenCalled();
    followHash('#/new', 0); // the create form, then the new type in its place
    leaveTo(hrefOf.type('y'));
    expect(replace).toHaveBeenCalledWith('#/type/y');
    expect(back).toHaveBeenCalledTimes(1);
    back.mockRestore();
    replace.mockRestore();
  });
});
