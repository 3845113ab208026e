// Creates a new PGlite data folder, then exits: `node pglite-initdb.mjs <dataDir> <startParams JSON>`.
// Run as a child process by pglite-database.ts, because PGlite's first start (initdb,
// in a second WebAssembly instance) peaks near 700 MB, which a process never fully
// returns; the server then opens the finished folder at its normal size.
import { PGlite } from '@electric-sql/pglite';

const [dataDir, params] = process.argv.slice(2);
const db = new PGlite(dataDir, { startParams: JSON.parse(params ?? '[]') });
await db.waitReady;
await db.close();
