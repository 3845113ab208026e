import type { ComponentChildren, ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';
import { online } from '../state/online';

type Loader<P> = () => Promise<ComponentType<P>>;

const cache = new Map<Loader<never>, ComponentType<never>>();

// Chromium keeps a failed module import failed for the page's life (whatwg/html#6768):
// a screen whose chunk could not be fetched comes back with the app.
const reload = () => location.reload();

/**
 * Renders a component that is loaded on first use (a screen split out of the initial
 * bundle). `load` is a stable module-level function, e.g. () => import('./X').then(m => m.X).
 * The loaded component is remembered per loader, so a loader change never shows the
 * previous screen. A screen that fails to load (offline before the service worker had
 * stored it: newcomer review, "Loading…" for good) says so, and reloads the app when the
 * network comes back, or online from its button; a part with no "Loading…" of its own
 * (`fallback` null) stays silent and tries again then.
 */
export function Lazy<P extends object>({
  load,
  props,
  fallback,
}: {
  load: Loader<P>;
  props: P;
  /** Shown while loading; the "Loading…" text when not given. */
  fallback?: ComponentChildren;
}) {
  const [, setLoaded] = useState(0);
  // The loader that failed: a screen switched to another one is not said to have failed.
  const [failed, setFailed] = useState<Loader<P> | null>(null);
  const Comp = cache.get(load as Loader<never>) as ComponentType<P> | undefined;
  const silent = fallback === null;
  useEffect(() => {
    if (Comp || failed === load) return;
    let alive = true;
    load().then(
      (c) => {
        cache.set(load as Loader<never>, c as ComponentType<never>);
        if (alive) setLoaded((n) => n + 1);
      },
      () => alive && setFailed(() => load),
    );
    return () => {
      alive = false;
    };
  }, [load, Comp, failed]);
  useEffect(() => {
    if (failed !== load) return;
    // A silent part only tries again; a screen comes back with the app.
    const again = silent ? () => setFailed(null) : reload;
    addEventListener('online', again);
    return () => removeEventListener('online', again);
  }, [failed, load, silent]);
  if (Comp) return <Comp {...props} />;
  if (failed === load && !silent) {
    // Offline, a reload would show the browser's own offline page (review): the screen
    // waits for the network instead, and says so.
    return (
      <div class="load-failed" role="alert">
        <p>{t(online.value ? 'app.loadFailed' : 'app.loadFailedOffline')}</p>
        {online.value && (
          <button type="button" class="btn" onClick={reload}>
            {t('app.tryAgain')}
          </button>
        )}
      </div>
    );
  }
  return fallback === undefined ? <p class="loading">{t('app.loading')}</p> : fallback;
}
