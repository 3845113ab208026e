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
 * document.title names the screen (RU/EN, live). After a navigation, focus goes to the
 * new screen's heading (focus.ts), so keyboard and screen-reader users start there
 * rather than on the link they left behind; the first screen keeps the browser's focus.
 */
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
    let stop: (() => void) | null = null;
    let left = false;
    void import('./focus').then((m) => {
      if (!left) stop = m.focusHeadingWhenShown();
    });
    return () => {
      left = true;
      stop?.();
    };
  }, [r]);
}
