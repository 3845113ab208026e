import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (two levels above this file). */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where e2e runs write screenshots and other artefacts (git-ignored). */
export const artifactsDir = join(repoRoot, 'e2e', 'artifacts');
