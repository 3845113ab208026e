import { createRoute } from '@hono/zod-openapi';
import { armyListSchema, listArmiesQuerySchema } from '@mpt/shared';
import { createRouter, errors, json } from '../http/openapi';
import type { Store } from '../store/store';

const route = createRoute({
  method: 'get',
  path: '/armies',
  tags: ['types'],
  summary: 'Totals per army: types, models and points (models × points per model) per stage',
  description:
    'Armies A–Z (case ignored, shown by their most used spelling), types without an army last (army null). game: only that game (empty: types without a game).',
  request: { query: listArmiesQuerySchema },
  responses: {
    200: json(armyListSchema, 'One entry per army'),
    400: errors[400],
    401: errors[401],
  },
});

/** /armies (SPEC §9). */
export function armiesRoutes(store: Store) {
  const app = createRouter();
  app.openapi(route, async (c) => c.json(await store.listArmies(c.req.valid('query')), 200));
  return app;
}
