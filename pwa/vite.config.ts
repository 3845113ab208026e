import { readFileSync } from 'node:fs';
import preact from '@preact/preset-vite';
import { defineConfig, type Plugin } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';

/**
 * The favicon written into index.html as a data: URL. Chromium fetches a page's icon
 * again on every navigation, hash changes included, and that fetch does not go through
 * the service worker: offline, each screen change was a failed request.
 */
function inlineFavicon(): Plugin {
  return {
    name: 'mpt-inline-favicon',
    transformIndexHtml(html) {
      const svg = readFileSync(new URL('./public/icons/icon.svg', import.meta.url), 'utf8');
      const href = `data:image/svg+xml,${encodeURIComponent(svg)}`;
      return html.replace('href="/icons/icon.svg"', `href="${href}"`);
    },
  };
}

// The app shell (HTML, JS, CSS, icons) is precached by a generated service worker, so
// after the first visit the app starts with no network. registerType "prompt": a new
// worker waits until the user accepts the update (src/sw/register.ts), never a mix.
export default defineConfig(({ command }) => ({
  // Any `vite build` registers the service worker (whatever NODE_ENV or --mode says);
  // the dev server never does.
  define: { __REGISTER_SW__: JSON.stringify(command === 'build') },
  resolve: {
    // Dexie's package entry wraps its UMD build; the modern ES build is smaller.
    alias: [{ find: /^dexie$/, replacement: 'dexie/dist/modern/dexie.mjs' }],
  },
  plugins: [
    preact(),
    inlineFavicon(),
    VitePWA({
      strategies: 'generateSW',
      registerType: 'prompt',
      injectRegister: false,
      filename: 'sw.js',
      manifestFilename: 'manifest.webmanifest',
      includeAssets: ['icons/icon.svg', 'icons/apple-touch-icon.png'],
      manifest: {
        id: '/',
        name: 'Miniatures Progress Tracker',
        short_name: 'Miniatures',
        description: 'Track your miniatures from box to done — offline.',
        lang: 'en',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#24324a',
        background_color: '#f4f5f8',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          {
            src: '/icons/maskable-512.png',
            sizes: '512x512',
            type: 'image/png',
            purpose: 'maskable',
          },
        ],
      },
      workbox: {
        globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
        navigateFallback: '/index.html',
        // The sync server's API must always reach the network.
        navigateFallbackDenylist: [/^\/api\//, /^\/health/, /^\/metrics/, /^\/docs/],
        cleanupOutdatedCaches: true,
        clientsClaim: false,
        skipWaiting: false,
      },
    }),
  ],
  build: {
    target: 'es2022',
    // Every browser the app targets (es2022) supports <link rel="modulepreload">; the
    // polyfill vite adds for older ones would cost the initial bundle ~0.3 KB gzip.
    modulePreload: { polyfill: false },
    sourcemap: false,
    rolldownOptions: {
      // shared/ is pure (no module-level side effects): let unused modules (the zod
      // schemas, needed only by import/export) drop out of the initial bundle.
      treeshake: { moduleSideEffects: (id: string) => !/[\\/]shared[\\/]src[\\/]/.test(id) },
    },
  },
}));
