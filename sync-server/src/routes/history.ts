import { createRoute } from '@hono/zod-openapi';
import { historyPageSchema, historyQuerySchema, idParamSchema } from '@mpt/shared';
import { createRouter, errors, json } from '../http/openapi';
import type { Store } from '../store/store';

const route = createRoute({
  method: 'get',
  path: '/types/{id}/history',
  tags: ['history'],
  summary: 'Grouped history of a type (same move within 300 s joins a group), paginated',
  request: { params: idParamSchema, query: historyQuerySchema },
  responses: {
    200: json(historyPageSchema, 'One page of groups'),
    400: errors[400],
    401: errors[401],
    404: errors[404],
  },
});

/** /types/:id/history */
export function historyRoutes(store: Store) {
  const app = createRouter();
  app.openapi(route, async (c) =>
    c.json(await store.history(c.req.valid('param').id, c.req.valid('query')), 200),
  );
  return app;
}
