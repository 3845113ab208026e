import type { OpenAPIHono } from '@hono/zod-openapi';
import { Hono } from 'hono';

// A self-contained page (no CDN: the server often runs with no internet) that renders
// the OpenAPI document: every operation with its parameters, body and responses.
const PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Miniatures Progress Tracker — API v1</title>
<style>
body{font:15px/1.5 system-ui,sans-serif;max-width:960px;margin:2rem auto;padding:0 1rem;color:#222;background:#fff}
@media (prefers-color-scheme:dark){body{color:#ddd;background:#161616}pre{background:#222!important}}
h2{margin-top:2rem;border-bottom:1px solid #8884}details{margin:.4rem 0}summary{cursor:pointer}
code.m{display:inline-block;min-width:4.5rem;font-weight:bold}pre{background:#f4f4f4;padding:.6rem;overflow:auto;font-size:13px}
</style></head><body><h1>Miniatures Progress Tracker — API v1</h1>
<p>Machine-readable document: <a href="openapi.json">openapi.json</a>. Errors are always
<code>{"error":{"code","message","details"}}</code>.</p><main id="api">Loading…</main>
<script src="docs/app.js"></script></body></html>`;

const SCRIPT = `(async () => {
  const el = (tag, text) => { const e = document.createElement(tag); if (text !== undefined) e.textContent = text; return e; };
  const schemaBlock = (label, schema) => { const d = el('details'); d.append(el('summary', label)); d.append(el('pre', JSON.stringify(schema, null, 2))); return d; };
  const root = document.getElementById('api');
  const doc = await (await fetch('openapi.json')).json();
  root.textContent = '';
  const byTag = new Map();
  for (const [path, ops] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(ops)) {
    const tag = (op.tags && op.tags[0]) || 'other';
    if (!byTag.has(tag)) byTag.set(tag, []);
    byTag.get(tag).push({ path, method, op });
  }
  for (const [tag, list] of byTag) {
    root.append(el('h2', tag));
    for (const { path, method, op } of list) {
      const d = el('details'); const s = el('summary'); const m = el('code', method.toUpperCase()); m.className = 'm';
      s.append(m, el('code', ' ' + doc.servers?.[0]?.url.replace(/\\/$/, '') + path), el('span', ' — ' + (op.summary || '')));
      d.append(s);
      if (op.description) d.append(el('p', op.description));
      for (const p of op.parameters || []) d.append(el('div', p.in + ' ' + p.name + (p.required ? ' (required)' : '') + ': ' + JSON.stringify(p.schema)));
      const body = op.requestBody?.content?.['application/json']?.schema;
      if (body) d.append(schemaBlock('Request body', body));
      for (const [status, r] of Object.entries(op.responses || {})) {
        const sc = r.content?.['application/json']?.schema;
        if (sc) d.append(schemaBlock(status + ' ' + r.description, sc)); else d.append(el('div', status + ' ' + r.description));
      }
      root.append(d);
    }
  }
})();`;

/** /openapi.json (generated from the zod schemas) and /docs, a readable page of it. */
export function docsRoutes(api: OpenAPIHono, base: string) {
  const app = new Hono();
  app.get('/openapi.json', (c) =>
    c.json(
      api.getOpenAPI31Document({
        openapi: '3.1.0',
        info: {
          title: 'Miniatures Progress Tracker sync server',
          version: '1.0.0',
          description: 'REST API v1. With SYNC_TOKEN set, send Authorization: Bearer <token>.',
        },
        servers: [{ url: base }],
        security: [{ bearer: [] }],
      }),
    ),
  );
  app.get('/docs', (c) => c.html(PAGE));
  app.get('/docs/app.js', (c) =>
    c.body(SCRIPT, 200, { 'Content-Type': 'text/javascript; charset=utf-8' }),
  );
  return app;
}
