import { createRoute } from '@hono/zod-openapi';
import {
  createTypeBodySchema,
  idParamSchema,
  listTypesQuerySchema,
  miniatureTypeSchema,
  moveBodySchema,
  revertBodySchema,
  reworkBodySchema,
  stageQtyBodySchema,
  typeChangeSchema,
  typeListSchema,
  updateTypeBodySchema,
} from '@mpt/shared';
import { createRouter, errors, json } from '../http/openapi';
import type { Store } from '../store/store';

const tags = ['types'];
const { 400: e400, 401: e401, 404: e404, 409: e409 } = errors;

const list = createRoute({
  method: 'get',
  path: '/types',
  tags,
  summary: 'Types with counts and fields, filtered by name words, army and game, sorted, paginated',
  description:
    'q: every word must occur in the name (accents and case ignored). army, game: that army or game (case ignored); empty: types without one. sort: name (A–Z), progress (most done first), in_box (most in the box first), recent (latest change first).',
  request: { query: listTypesQuerySchema },
  responses: { 200: json(typeListSchema, 'One page of types'), 400: e400, 401: e401 },
});

const create = createRoute({
  method: 'post',
  path: '/types',
  tags,
  summary: 'Create a type with optional initial counts, army, game, points per model and notes',
  request: { body: { ...json(createTypeBodySchema), required: true } },
  responses: { 201: json(miniatureTypeSchema, 'Created'), 400: e400, 401: e401, 409: e409 },
});

const read = createRoute({
  method: 'get',
  path: '/types/{id}',
  tags,
  summary: 'One type with its counts',
  request: { params: idParamSchema },
  responses: { 200: json(miniatureTypeSchema, 'The type'), 400: e400, 401: e401, 404: e404 },
});

const edit = createRoute({
  method: 'patch',
  path: '/types/{id}',
  tags,
  summary: 'Edit a type: name, army, game, points per model, notes (only what changes moves)',
  description:
    'Each field given is set (army or game null clears it); fields left out, and fields given with their current value, keep their value and their time, so a form that sends every field never overrides a newer edit made on another device.',
  request: { params: idParamSchema, body: { ...json(updateTypeBodySchema), required: true } },
  responses: {
    200: json(miniatureTypeSchema, 'The type after the edit'),
    400: e400,
    401: e401,
    404: e404,
    409: e409,
  },
});

const remove = createRoute({
  method: 'delete',
  path: '/types/{id}',
  tags,
  summary: 'Delete a type and its history (leaves a tombstone so sync cannot revive it)',
  request: { params: idParamSchema },
  responses: { 204: { description: 'Deleted' }, 400: e400, 401: e401, 404: e404 },
});

const changeResponses = {
  200: json(typeChangeSchema, 'The type after the change and the event written'),
  400: e400,
  401: e401,
  404: e404,
};
const stageQty = { params: idParamSchema, body: { ...json(stageQtyBodySchema), required: true } };

const add = createRoute({
  method: 'post',
  path: '/types/{id}/add',
  tags,
  summary: 'Add models at a stage',
  request: stageQty,
  responses: changeResponses,
});

const removeModels = createRoute({
  method: 'post',
  path: '/types/{id}/remove',
  tags,
  summary: 'Remove models from a stage (sold, lost, a typo)',
  request: stageQty,
  responses: changeResponses,
});

const move = createRoute({
  method: 'post',
  path: '/types/{id}/move',
  tags,
  summary: 'Move models to a later stage, in one transaction with the type row locked',
  request: { params: idParamSchema, body: { ...json(moveBodySchema), required: true } },
  responses: changeResponses,
});

const rework = createRoute({
  method: 'post',
  path: '/types/{id}/rework',
  tags,
  summary: 'Send models back to an earlier stage (strip and repaint, a broken arm)',
  request: { params: idParamSchema, body: { ...json(reworkBodySchema), required: true } },
  responses: changeResponses,
});

const revert = createRoute({
  method: 'post',
  path: '/types/{id}/revert',
  tags,
  summary: 'Undo one event of the type exactly (once, and only while the counts allow it)',
  description:
    'Errors: ERR_EVENT_NOT_FOUND (404), ERR_EVENT_OF_OTHER_TYPE, ERR_ALREADY_REVERTED, ERR_NOT_REVERTIBLE (an undo, or an event set aside as a conflict), ERR_INSUFFICIENT_QTY.',
  request: { params: idParamSchema, body: { ...json(revertBodySchema), required: true } },
  responses: changeResponses,
});

/** /types: list, create, read, edit, delete, add, remove, move, rework, revert. */
export function typesRoutes(store: Store) {
  const app = createRouter();
  app.openapi(list, async (c) => c.json(await store.listTypes(c.req.valid('query')), 200));
  app.openapi(create, async (c) => c.json(await store.createType(c.req.valid('json')), 201));
  app.openapi(read, async (c) => c.json(await store.getType(c.req.valid('param').id), 200));
  app.openapi(edit, async (c) => {
    const { id } = c.req.valid('param');
    return c.json(await store.updateType(id, c.req.valid('json')), 200);
  });
  app.openapi(remove, async (c) => {
    await store.deleteType(c.req.valid('param').id);
    return c.body(null, 204);
  });
  app.openapi(add, async (c) => {
    const change = { op: 'add' as const, ...c.req.valid('json') };
    return c.json(await store.changeCounts(c.req.valid('param').id, change), 200);
  });
  app.openapi(removeModels, async (c) => {
    const change = { op: 'remove' as const, ...c.req.valid('json') };
    return c.json(await store.changeCounts(c.req.valid('param').id, change), 200);
  });
  app.openapi(move, async (c) => {
    const change = { op: 'move' as const, ...c.req.valid('json') };
    return c.json(await store.changeCounts(c.req.valid('param').id, change), 200);
  });
  app.openapi(rework, async (c) => {
    const change = { op: 'rework' as const, ...c.req.valid('json') };
    return c.json(await store.changeCounts(c.req.valid('param').id, change), 200);
  });
  app.openapi(revert, async (c) => {
    const change = { op: 'revert' as const, ...c.req.valid('json') };
    return c.json(await store.changeCounts(c.req.valid('param').id, change), 200);
  });
  return app;
}
