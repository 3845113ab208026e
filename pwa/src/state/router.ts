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

if (typeof window !== 'undefined') {
  window.addEventListener('hashchange', () => {
    route.value = parseRoute(location.hash);
  });
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
