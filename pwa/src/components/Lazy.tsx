import type { ComponentType } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { t } from '../i18n';

/**
 * Renders a component that is loaded on first use (a screen split out of the initial
 * bundle). `load` is a stable module-level function, e.g. () => import('./X').then(m => m.X).
 */
export function Lazy<P extends object>({
  load,
  props,
}: {
  load: () => Promise<ComponentType<P>>;
  props: P;
}) {
  const [Comp, setComp] = useState<ComponentType<P> | null>(
    () => (cache.get(load) as ComponentType<P> | null) ?? null,
  );
  useEffect(() => {
    if (Comp) return;
    let alive = true;
    void load().then((c) => {
      cache.set(load, c as ComponentType<object>);
      if (alive) setComp(() => c);
    });
    return () => {
      alive = false;
    };
  }, [load, Comp]);
  if (!Comp) return <p class="loading">{t('app.loading')}</p>;
  return <Comp {...props} />;
}

const cache = new Map<unknown, ComponentType<object>>();
