import type { MiniatureType } from '@mpt/shared';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';
import type { Route } from '../state/router';

/** The name of a screen, for document.title: the type's own name on its page. */
export function screenName(r: Route, types: readonly MiniatureType[] | null): string {
  switch (r.name) {
    case 'list':
      return t('app.nav.list');
    case 'activity':
      return t('app.nav.activity');
    case 'settings':
      return t('app.nav.settings');
    case 'new':
      return t('create.title');
    case 'type':
      return types?.find((ty) => ty.id === r.id)?.name ?? t('app.loading');
    default:
      return t('app.notFound');
  }
}

/**
 * Makes `el` focusable by script only (not a Tab stop) and focuses it: a heading or a
 * list that a screen reader should start from.
 */
export function focusTarget(el: HTMLElement, preventScroll = false): void {
  if (!el.hasAttribute('tabindex')) el.setAttribute('tabindex', '-1');
  el.focus({ preventScroll });
}

/**
 * After a navigation, focus goes to the new screen's heading once it is shown (a screen
 * may load its code or data first), so keyboard and screen-reader users start there
 * rather than on the link they left behind. The first screen keeps the browser's focus.
 */
function focusHeadingWhenShown(): () => void {
  const main = document.getElementById('main');
  if (!main) return () => {};
  const tryFocus = () => {
    const heading = main.querySelector<HTMLElement>('h1');
    if (heading) focusTarget(heading, true);
    return heading !== null;
  };
  if (tryFocus()) return () => {};
  const observer = new MutationObserver(() => {
    if (tryFocus()) observer.disconnect();
  });
  observer.observe(main, { childList: true, subtree: true });
  const timer = setTimeout(() => observer.disconnect(), 5000);
  return () => {
    observer.disconnect();
    clearTimeout(timer);
  };
}

/** document.title names the screen (RU/EN, live); navigations move focus to its heading. */
export function useScreenChange(r: Route, types: readonly MiniatureType[] | null): void {
  const title = t('app.documentTitle', { screen: screenName(r, types) });
  useEffect(() => {
    document.title = title;
  }, [title]);
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    return focusHeadingWhenShown();
  }, [r]);
}
