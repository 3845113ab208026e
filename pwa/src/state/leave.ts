import { hrefOf, previousRoute, type Route } from './router';

function hrefFor(r: Route): string | null {
  switch (r.name) {
    case 'type':
      return hrefOf.type(r.id);
    case 'missing':
      return null;
    default:
      return hrefOf[r.name];
  }
}

/**
 * Leaves a screen that must not be come back to with Back (a form just sent, a type
 * just deleted) for `href`: back in the history when that is where the user came from,
 * else in place of the current entry.
 */
export function leaveTo(href: string): void {
  const previous = previousRoute();
  if (previous && hrefFor(previous) === href) history.back();
  else location.replace(href);
}
