import type { ComponentChildren, ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';

type Loader<P> = () => Promise<ComponentType<P>>;

const cache = new Map<Loader<never>, ComponentType<never>>();

/**
 * Renders a component that is loaded on first use (a screen split out of the initial
 * bundle). `load` is a stable module-level function, e.g. () => import('./X').then(m => m.X).
 * The loaded component is remembered per loader, so a loader change never shows the
 * previous screen. A load that fails (offline before the service worker had stored the
 * screen: newcomer review, "Loading…" stayed for good) says so with a way to try again,
 * and is tried again by itself when the network comes back (reloading the app when the
 * browser keeps the failure); a part with no "Loading…" of its own (`fallback` null)
 * stays silent and only tries again.
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
  const [attempt, setAttempt] = useState(0);
  const [failed, setFailed] = useState(false);
  const Comp = cache.get(load as Loader<never>) as ComponentType<P> | undefined;
  useEffect(() => {
    if (Comp) return;
    let alive = true;
    load().then(
      (c) => {
        cache.set(load as Loader<never>, c as ComponentType<never>);
        if (!alive) return;
        setFailed(false);
        setAttempt((n) => n + 1);
      },
      () => {
        if (alive) setFailed(true);
      },
    );
    return () => {
      alive = false;
    };
  }, [load, Comp, attempt]);
  const silent = fallback === null;
  useEffect(() => {
    if (!failed) return;
    const loaded = () => setAttempt((n) => n + 1);
    // A screen may reload the app to come; a silent part only tries again.
    const again = () => (silent ? loaded() : retryOrReload(load, loaded));
    window.addEventListener('online', again);
    return () => window.removeEventListener('online', again);
  }, [failed, silent, load]);
  if (Comp) return <Comp {...props} />;
  if (failed && !silent) {
    return <LoadFailed onRetry={() => retryOrReload(load, () => setAttempt((n) => n + 1))} />;
  }
  return fallback === undefined ? <p class="loading">{t('app.loading')}</p> : fallback;
}

/**
 * Tries the load again; when it fails again at once, reloads the app: a browser may keep
 * a failed module import failed for the page's life (whatwg/html#6768).
 */
function retryOrReload<P>(load: Loader<P>, loaded: () => void) {
  load().then(
    (c) => {
      cache.set(load as Loader<never>, c as ComponentType<never>);
      loaded();
    },
    () => window.location.reload(),
  );
}

/** What a screen that could not be loaded shows: why, and a button to try again. */
function LoadFailed({ onRetry }: { onRetry: () => void }) {
  return (
    <div class="load-failed" role="alert">
      <p>{t('app.loadFailed')}</p>
      <button type="button" class="btn" onClick={onRetry}>
        {t('app.tryAgain')}
      </button>
    </div>
  );
}
