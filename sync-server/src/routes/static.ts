import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { serveStatic } from '@hono/node-server/serve-static';
import { type Context, Hono, type Next } from 'hono';

// Vite puts content-hashed files under /assets/; workbox adds workbox-<hash>.js.
const HASHED = /^\/(assets\/.+|workbox-[0-9a-f]{6,}\.js)$/;
const NO_CACHE = 'no-cache';
const IMMUTABLE = 'public, max-age=31536000, immutable';
const HAS_EXTENSION = /\.[a-z0-9]+$/i;
const NOT_STATIC = /^\/(api|health|metrics)(\/|$)/;

const MISSING = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Miniatures Progress Tracker</title>
<p>The app is not built yet. Run <code>npm run build -w pwa</code> (or <code>npm start</code>, which builds it) and reload.</p>
<p>The sync API is running: <a href="/api/v1/docs">/api/v1/docs</a>.</p></html>`;

/**
 * Serves the built PWA from `dir`: files as they are (hashed assets cached for a
 * year, everything else — index.html, sw.js, the manifest — revalidated every time,
 * so an update never mixes old and new files), and index.html for any other path
 * without a file extension (the app's client-side routes). Works before the app is
 * built: `/` then explains how to build it.
 */
export function staticRoutes(dir: string) {
  const root = resolve(dir);
  // Built lazily: serveStatic warns at creation when the folder does not exist yet.
  const makeFiles = () => serveStatic({ root });
  const makeIndex = () => serveStatic({ root, rewriteRequestPath: () => '/index.html' });
  let files: ReturnType<typeof serveStatic> | null = null;
  let index: ReturnType<typeof serveStatic> | null = null;
  const app = new Hono();
  app.get('*', async (c: Context, next: Next) => {
    if (NOT_STATIC.test(c.req.path)) return next();
    const spaPath = !HAS_EXTENSION.test(c.req.path);
    if (!existsSync(resolve(root, 'index.html'))) {
      return spaPath ? c.html(MISSING, 200, { 'Cache-Control': NO_CACHE }) : next();
    }
    files ??= makeFiles();
    index ??= makeIndex();
    const spa = index;
    // serveStatic's onFound runs after the response is built, so the header goes first
    // and is taken back when no file answers.
    c.header('Cache-Control', HASHED.test(c.req.path) ? IMMUTABLE : NO_CACHE);
    const file = await files(c, async () => {});
    if (file) return file;
    if (spaPath) {
      c.header('Cache-Control', NO_CACHE);
      const page = await spa(c, async () => {});
      if (page) return page;
    }
    c.header('Cache-Control', undefined);
    return next();
  });
  return app;
}
