import { signal, useSignalEffect } from '@preact/signals';
import { useMemo } from 'preact/hooks';

/** The Settings section whose outcome line describes the data as it is now. */
const latest = signal<symbol | null>(null);

/**
 * An outcome line ("Import finished…", "Data restored.") that gives way once another
 * Settings section replaces or merges the whole data (an import, a restore point, a
 * server backup, the server's copy): it then describes data that is gone (review:
 * «Импорт завершён…» stayed under the import button beside «Данные восстановлены.»).
 * Takes what clears this section's line; returns what the section calls when its own
 * action succeeds.
 */
export function useDataOutcome(clear: () => void): () => void {
  const me = useMemo(() => Symbol('data outcome'), []);
  useSignalEffect(() => {
    const owner = latest.value;
    if (owner !== null && owner !== me) clear();
  });
  return () => {
    latest.value = me;
  };
}
