import {
  dataFileSchema,
  dataFileToStateSteps,
  fileImportReportSchema,
  importQuerySchema,
  parseDataFileTextSteps,
  parseOrThrow,
  stateToDataFile,
  textRepairs,
  unwrap,
} from '@mpt/shared';
import { asImportRefusal } from '../http/errors';
import type { Metrics } from '../http/metrics';
import { createRouter, errors, json } from '../http/openapi';
import { inTurns } from '../http/turns';
import type { Store } from '../store/store';

/** /export and /import: the data file out and in (all-or-nothing merge, dry run). */
export function transferRoutes(store: Store, metrics: Metrics) {
  const app = createRouter();
  const tags = ['transfer'];
  const { 400: e400, 401: e401, 413: e413 } = errors;

  app.openAPIRegistry.registerPath({
    method: 'get',
    path: '/export',
    tags,
    summary: 'The whole state as a data file (v1)',
    responses: { 200: json(dataFileSchema, 'The data file'), 401: e401 },
  });
  app.get('/export', async (c) => {
    const now = new Date();
    const file = stateToDataFile(await store.exportState(), now);
    const day = now.toISOString().slice(0, 10);
    c.header('Content-Disposition', `attachment; filename="miniatures-${day}.json"`);
    return c.json(file, 200);
  });

  app.openAPIRegistry.registerPath({
    method: 'post',
    path: '/import',
    tags,
    summary: 'Merge a data file, all or nothing; ?dry_run=true only reports',
    request: {
      query: importQuerySchema,
      body: { ...json(dataFileSchema), required: true },
    },
    responses: {
      200: json(fileImportReportSchema, 'What was (or would be) merged, and what reading replaced'),
      400: e400,
      401: e401,
      413: e413,
    },
  });
  // Validated by hand rather than by the route's validator, so a broken file reports
  // shared's import codes (ERR_IMPORT_*) with the JSON path of the first problem.
  app.post('/import', async (c) => {
    const { dry_run: dryRun } = parseOrThrow(importQuerySchema, c.req.query());
    try {
      const file = unwrap(await inTurns(parseDataFileTextSteps(await c.req.text())));
      const state = unwrap(await inTurns(dataFileToStateSteps(file)));
      const report = await store
        .importState(state, dryRun)
        .catch((error: unknown) => Promise.reject(asImportRefusal(error, '$')));
      metrics.countImport(dryRun ? 'dry_run' : 'ok', dryRun ? 0 : report.conflicts.length);
      // What reading replaced by itself, as the app's import review says it (review:
      // an import through the API did not tell it).
      return c.json({ ...report, text_repairs: textRepairs(file) }, 200);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      metrics.countImport(typeof code === 'string' && code.startsWith('ERR_') ? code : 'error');
      throw error;
    }
  });
  return app;
}
