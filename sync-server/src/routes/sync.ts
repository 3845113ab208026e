import { createHash } from 'node:crypto';
import { createRoute } from '@hono/zod-openapi';
import {
  DomainError,
  readDataFileSteps,
  revisionListSchema,
  revisionParamSchema,
  stateToDataFile,
  syncPullSchema,
  syncPushBodySchema,
  syncPushResultSchema,
  type TrackerState,
  validationError,
} from '@mpt/shared';
import type { Context } from 'hono';
import { z } from 'zod';
import { asImportRefusal } from '../http/errors';
import type { Metrics } from '../http/metrics';
import { createRouter, errors, json } from '../http/openapi';
import { atField, deviceOf, idempotencyKey } from '../http/sync-request';
import { inTurns } from '../http/turns';
import type { Store } from '../store/store';

const pushEnvelopeSchema = z.strictObject({ snapshot: z.unknown() });

/** The body → a validated state; a broken snapshot reports the import codes and path. */
async function pushedState(text: string): Promise<TrackerState> {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new DomainError('ERR_VALIDATION', { reason: 'bad_json' });
  }
  const envelope = pushEnvelopeSchema.safeParse(body);
  if (!envelope.success) throw validationError(envelope.error);
  const state = await inTurns(readDataFileSteps(envelope.data.snapshot));
  if (!state.ok) throw atField(state, 'snapshot');
  return state.value;
}

const jsonText = (c: Context, text: string, status: 200) =>
  c.body(text, status, { 'Content-Type': 'application/json' });

/** /sync: pull, push (idempotent merge), and the stored revisions. */
export function syncRoutes(store: Store, metrics: Metrics) {
  const app = createRouter();
  const tags = ['sync'];
  const { 400: e400, 401: e401, 404: e404, 413: e413 } = errors;

  app.openapi(
    createRoute({
      method: 'get',
      path: '/sync',
      tags,
      summary: 'Pull: the latest revision number (0 before any push) and the current state',
      responses: { 200: json(syncPullSchema, 'Revision and snapshot'), 401: e401 },
    }),
    async (c) => {
      const { revision, state } = await store.readSync();
      return c.json({ revision, snapshot: stateToDataFile(state, new Date()) }, 200);
    },
  );

  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/sync',
    tags,
    summary: 'Push: merge a snapshot in one transaction and store the result as a revision',
    description:
      'Requires an Idempotency-Key header: a retry with the same key and body returns the first answer byte for byte and changes nothing. Optional X-Device names the device in the revision list.',
    request: { body: { ...json(syncPushBodySchema), required: true } },
    responses: {
      200: json(syncPushResultSchema, 'The new revision, the merged snapshot and the report'),
      400: e400,
      401: e401,
      413: e413,
    },
  });
  app.post('/sync', async (c) => {
    const key = idempotencyKey(c);
    const text = await c.req.text();
    try {
      const requestHash = createHash('sha256').update(text).digest('hex');
      const state = await pushedState(text);
      const result = await store
        .pushSync({ key, requestHash, state, device: deviceOf(c) })
        .catch((error: unknown) => Promise.reject(asImportRefusal(error, '$.snapshot')));
      metrics.countPush(result.replayed ? 'replayed' : 'ok', result.report?.conflicts.length ?? 0);
      if (result.replayed) c.header('Idempotent-Replayed', 'true');
      return jsonText(c, result.body, 200);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      metrics.countPush(typeof code === 'string' && code.startsWith('ERR_') ? code : 'error');
      throw error;
    }
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/sync/revisions',
      tags,
      summary: 'The stored revisions (the last SNAPSHOT_KEEP), newest first',
      responses: { 200: json(revisionListSchema, 'Revisions without their bodies'), 401: e401 },
    }),
    async (c) => c.json({ items: await store.listRevisions() }, 200),
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/sync/revisions/{rev}',
      tags,
      summary: 'One stored revision: a server-side backup to download and import',
      request: { params: revisionParamSchema },
      responses: {
        200: json(syncPullSchema, 'The stored snapshot'),
        400: e400,
        401: e401,
        404: e404,
      },
    }),
    async (c) => {
      const { rev } = c.req.valid('param');
      const body = await store.getRevision(rev);
      if (body === null) throw new DomainError('ERR_REVISION_NOT_FOUND', { revision: rev });
      return jsonText(c, `{"revision":${rev},"snapshot":${body}}`, 200) as never;
    },
  );
  return app;
}
