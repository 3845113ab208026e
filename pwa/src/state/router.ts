import { signal } from '@preact/signals';

/** A parsed hash route. */
export type Route =
  | { name: 'list' }
  | { name: 'type'; id: string }
  | { name: 'new' }
  | { name: 'activity' }
  | { name: 'settings' }
  | { name: 'missing' };

/** Parses #/, #/type/:id, #/new, #/activity, #/settings. */
export function parseRoute(hash: string): Route {
  const path = hash.replace(/^#/, '') || '/';
  if (path === '/' || path === '') return { name: 'list' };
  if (path === '/new') return { name: 'new' };
  if (path === '/activity') return { name: 'activity' };
  if (path === '/settings') return { name: 'settings' };
  const m = /^\/type\/([^/]+)$/.exec(path);
  if (m) return { name: 'type', id: decodeURIComponent(m[1]!) };
  return { name: 'missing' };
}

/** The current route, kept in step with location.hash. */
export const route = signal<Route>(
  typeof location === 'undefined' ? { name: 'list' } : parseRoute(location.hash),
);

/** Where the list was scrolled when the user left it (other screens start at the top). */
let listScrollY = 0;
/** The screen shown before the current one in this visit (Back would most likely go there). */
let previous: Route | null = null;

/**
 * The scroll position a screen should open at: the list where it was left, any other
 * screen at the top. App.tsx applies it after the new screen is in the DOM.
 */
export function scrollTopFor(r: Route): number {
  return r.name === 'list' ? listScrollY : 0;
}

/** The screen shown before the current one in this visit (for leave.ts). */
export const previousRoute = (): Route | null => previous;

/** Goes to the route of `hash`, first noting how far the list was scrolled. */
export function followHash(hash: string, scrollY: number): void {
  if (route.value.name === 'list') listScrollY = scrollY;
  previous = route.value;
  route.value = parseRoute(hash);
}

if (typeof window !== 'undefined') {
  // The app places the scroll itself (scrollTopFor); the browser's own restoring on
  // back/forward would fight it.
  if ('scrollRestoration' in history) history.scrollRestoration = 'manual';
  window.addEventListener('hashchange', () => followHash(location.hash, window.scrollY));
}

/** The href of a route, for links. */
export const hrefOf = {
  list: '#/',
  type: (id: string) => `#/type/${encodeURIComponent(id)}`,
  new: '#/new',
  activity: '#/activity',
  settings: '#/settings',
};

/** Goes to a route. */
export function navigate(href: string): void {
  location.hash = href;
}
