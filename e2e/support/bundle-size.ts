import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { repoRoot } from './paths';

/** One JavaScript file the browser fetches before the app can start. */
export interface InitialChunk {
  file: string;
  bytes: number;
  gzipBytes: number;
}

/**
 * The JavaScript that index.html makes the browser load up front: its module entry
 * scripts and modulepreload links (lazy chunks are not counted), each gzipped with
 * node:zlib at the default level 6, as a web server would send it.
 */
export function initialJs(distDir = join(repoRoot, 'pwa', 'dist')): InitialChunk[] {
  const html = readFileSync(join(distDir, 'index.html'), 'utf8');
  const refs = new Set<string>();
  for (const tag of html.match(/<script\b[^>]*>/g) ?? []) {
    const src = /\bsrc="([^"]+)"/.exec(tag)?.[1];
    if (src && /\btype="module"/.test(tag)) refs.add(src);
  }
  for (const tag of html.match(/<link\b[^>]*>/g) ?? []) {
    const href = /\bhref="([^"]+)"/.exec(tag)?.[1];
    if (href && /\brel="modulepreload"/.test(tag)) refs.add(href);
  }
  return [...refs]
    .filter((ref) => !/^https?:/.test(ref))
    .map((ref) => {
      const file = ref.replace(/^\.?\//, '').split('?')[0] ?? ref;
      const body = readFileSync(join(distDir, file));
      return { file, bytes: body.length, gzipBytes: gzipSync(body).length };
    });
}
