import type { SyncPhase } from './attempt';

/** What the syncing tab tells the others: its phase, or null when it finished. */
export interface LiveMessage {
  tab: string;
  phase: SyncPhase | null;
}

export interface StatusChannel {
  post(message: LiveMessage): void;
  subscribe(listener: (message: LiveMessage) => void): () => void;
  close(): void;
}

const CHANNEL = 'mpt-sync-status';

/**
 * A BroadcastChannel between the app's tabs, so the tabs that do not hold the sync
 * lock show the syncing tab's progress. A no-op where BroadcastChannel is missing.
 */
export function openStatusChannel(name: string = CHANNEL): StatusChannel {
  if (typeof BroadcastChannel === 'undefined') {
    return { post() {}, subscribe: () => () => {}, close() {} };
  }
  const channel = new BroadcastChannel(name);
  const listeners = new Set<(message: LiveMessage) => void>();
  channel.onmessage = (event: MessageEvent<LiveMessage>) => {
    for (const listener of listeners) listener(event.data);
  };
  return {
    post: (message) => channel.postMessage(message),
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    close: () => channel.close(),
  };
}
