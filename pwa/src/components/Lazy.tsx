import type { ComponentChildren, ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';

type Loader<P> = () => Promise<ComponentType<P>>;

const cache = new Map<Loader<never>, ComponentType<never>>();

/**
 * Renders a component that is loaded on first use (a screen split out of the initial
 * bundle). `load` is a stable module-level function, e.g. () => import('./X').then(m => m.X).
 * The loaded component is remembered per loader, so a loader change never shows the
 * previous screen.
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
  const Comp = cache.get(load as Loader<never>) as ComponentType<P> | undefined;
  useEffect(() => {
    if (Comp) return;
    let alive = true;
    void load().then((c) => {
      cache.set(load as Loader<never>, c as ComponentType<never>);
      if (alive) setLoaded((n) => n + 1);
    });
    return () => {
      alive = false;
    };
  }, [load, Comp]);
  if (!Comp) return fallback === undefined ? <p class="loading">{t('app.loading')}</p> : fallback;
  return <Comp {...props} />;
}
