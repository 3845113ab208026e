import type { SyncPhase } from '../../sync/attempt';
import { phaseText } from '../settings/sync/sync-text';

/** A first sync's step in words; its own chunk: the sync texts stay out of the first load. */
export function FirstSyncStep({ phase }: { phase: SyncPhase }) {
  return <>{phaseText(phase)}</>;
}
