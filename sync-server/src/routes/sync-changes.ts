import { createHash } from 'node:crypto';
import {
  cursorSchema,
  DomainError,
  readChangesSteps,
  syncChangesBodySchema,
  syncChangesResultSchema,
  validationError,
} from '@mpt/shared';
import { setMetric, timing, wrapTime } from 'hono/timing';
import { z } from 'zod';
import { asImportRefusal } from '../http/errors';
import type { Metrics } from '../http/metrics';
import { createRouter, errors, json } from '../http/openapi';
import { atField, bodyText, deviceOf, idempotencyKey, jsonAnswer } from '../http/sync-request';
import { inTurns } from '../http/turns';
import type { ChangesPush, Store } from '../store/store';

const envelopeSchema = z.strictObject({ since: cursorSchema.nullable(), changes: z.unknown() });

/** The body text → the push; a broken fragment reports the import codes and its path. */
async function readPush(text: string): Promise<Pick<ChangesPush, 'since' | 'changes'>> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new DomainError('ERR_VALIDATION', { reason: 'bad_json' });
  }
  const envelope = envelopeSchema.safeParse(body);
  if (!envelope.success) throw validationError(envelope.error);
  const changes = await inTurns(readChangesSteps(envelope.data.changes));
  if (!changes.ok) throw atField(changes, 'changes');
  return { since: envelope.data.since, changes: changes.value };
}

/**
 * POST /sync/changes (SPEC §10): a device sends what changed on it since its cursor and
 * gets back what changed on the server since then, in one transaction, idempotent per
 * key; bodies may be gzip both ways. `onChange` hears of a stored change (backups).
 */
export function syncChangesRoutes(
  store: Store,
  metrics: Metrics,
  maxBytes: number,
  onChange: () => void = () => {},
) {
  const app = createRouter();
  const { 400: e400, 401: e401, 413: e413 } = errors;

  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/sync/changes',
    tags: ['sync'],
    summary: 'Delta sync: send what changed here, get what changed there since the cursor',
    description: [
      'The body is `{since, changes}`: the cursor of the last sync (null for a new device or a',
      'lost cursor) and a data file fragment with the types this device changed (only their',
      'new events), its new tombstones. One transaction; requires an Idempotency-Key (a retry',
      'with the same key and body merges nothing again and gets what changed since `since`);',
      'optional X-Device names the device in the backup list. The answer holds the new',
      'cursor, the server time, what the device lacks (everything when `full`), the merge',
      "report and what waits for the device's clock (`refused`, ERR_CLOCK_SKEW). Bodies may",
      'be gzip (Content-Encoding) both ways; X-Uncompressed-Length gives the size of the',
      'answer before compression.',
    ].join(' '),
    request: { body: { ...json(syncChangesBodySchema), required: true } },
    responses: {
      200: json(syncChangesResultSchema, 'The new cursor, what the device lacks, the report'),
      400: e400,
      401: e401,
      413: e413,
    },
  });
  // Server-Timing (W3C): where a slow sync's time went on the server, for DevTools and
  // the benchmarks: reading the body, the store's transaction, compressing the answer,
  // and where a full answer's state came from.
  app.use('/sync/changes', timing({ totalDescription: 'Sync on the server' }));
  app.post('/sync/changes', async (c) => {
    const key = idempotencyKey(c);
    try {
      const text = await wrapTime(c, 'body', bodyText(c, maxBytes));
      const requestHash = createHash('sha256').update(text).digest('hex');
      const push = await wrapTime(c, 'check', readPush(text));
      const result = await wrapTime(
        c,
        'store',
        store
          .pushChanges({ key, requestHash, device: deviceOf(c), ...push })
          .catch((error: unknown) => Promise.reject(asImportRefusal(error, '$.changes'))),
      );
      metrics.countPush(result.replayed ? 'replayed' : 'ok', result.report?.conflicts.length ?? 0);
      if (result.replayed) c.header('Idempotent-Replayed', 'true');
      // Which way a full answer was assembled: a backup revision as it is, rolled
      // forward, or a read of the whole state.
      if (result.full !== null) setMetric(c, 'full', result.full);
      if (result.changed) onChange();
      return jsonAnswer(c, result.body);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      metrics.countPush(typeof code === 'string' && code.startsWith('ERR_') ? code : 'error');
      throw error;
    }
  });
  return app;
}
