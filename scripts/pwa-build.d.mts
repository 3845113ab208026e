// Types of scripts/pwa-build.mjs, for the TypeScript callers (e2e/support/build.ts).

/** What ends up in the bundle, relative to the repository root. */
export const PWA_SOURCES: readonly string[];

/** The newest modification time (ms) under a path, and the file that has it. */
export function newestMtime(path: string): { ms: number; file: string | null };

/** Whether pwa/dist can be served as it is. */
export function pwaBuildState(
  base?: string,
): { state: 'fresh' } | { state: 'missing' } | { state: 'stale'; newer: string };

/** Builds the PWA when missing or stale, under a lock; 'fresh' when nothing was done. */
export function ensurePwaBuild(options?: {
  onBuild?: (state: { state: 'missing' } | { state: 'stale'; newer: string }) => void;
  stdio?: 'pipe' | 'inherit';
}): Promise<'fresh' | 'built'>;

/** `npm start`'s step: rebuild when needed, warn and go on without the app when the build fails. */
export function preparePwaForStart(log?: Pick<Console, 'log' | 'warn'>): Promise<void>;
