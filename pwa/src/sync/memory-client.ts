import {
  formatCursor,
  parseCursor,
  readChanges,
  stateToDataFile,
  type TrackerState,
  unwrap,
} from '@mpt/shared';
import {
  type MemoryServer,
  newMemoryServer,
  pushChanges,
} from '@mpt/shared/test-support/memory-server';
import type { ChangesRequest, SyncClient } from './client';

const SERVER_ID = '5e7e0000-0000-4000-8000-000000000001';

async function bodyText(req: ChangesRequest): Promise<string> {
  if (!req.gzip) return String(req.body);
  const stream = new Blob([req.body]).stream().pipeThrough(new DecompressionStream('gzip'));
  return new Response(stream).text();
}

/**
 * A sync client for tests whose server is the in-memory model of the delta protocol
 * (shared's test-support/memory-server.ts), with a clock of its own.
 */
export function memoryClient(
  now: () => Date = () => new Date(),
  hub: MemoryServer = newMemoryServer(),
): SyncClient & { hub: MemoryServer; sent: { since: string | null; changes: TrackerState }[] } {
  const sent: { since: string | null; changes: TrackerState }[] = [];
  const unused = async (): Promise<never> => {
    throw new Error('not in the memory client');
  };
  return {
    hub,
    sent,
    async pushChanges(req) {
      const text = await bodyText(req);
      const body = JSON.parse(text) as { since: string | null; changes: unknown };
      const changes = unwrap(readChanges(body.changes));
      sent.push({ since: body.since, changes });
      const cursor = body.since === null ? null : parseCursor(body.since);
      const since = cursor === null || cursor.server !== SERVER_ID ? null : cursor.seq;
      const at = now();
      const answer = pushChanges(hub, since, changes, at);
      const out = JSON.stringify(stateToDataFile(answer.changes, at));
      return {
        cursor: formatCursor({ server: SERVER_ID, seq: answer.cursor }),
        server_time: at.toISOString(),
        full: answer.full,
        report: answer.report,
        refused: answer.refusal,
        changes: JSON.parse(out),
        sentAt: Date.now(),
        receivedAt: Date.now(),
        bytes: out.length,
      };
    },
    pull: unused,
    revisions: unused,
    revision: unused,
    checkConnection: async () => ({ revision: null }),
  };
}
