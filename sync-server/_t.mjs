import { PGlite } from '@electric-sql/pglite';

let t = performance.now();
const a = new PGlite();
await a.waitReady;
console.log('new', performance.now() - t);
t = performance.now();
const b = new PGlite();
await b.waitReady;
console.log('new2', performance.now() - t);
if (a.clone) {
  t = performance.now();
  const c = await a.clone();
  await c.waitReady;
  console.log('clone', performance.now() - t);
}
t = performance.now();
const blob = await a.dumpDataDir('none');
console.log('dump', performance.now() - t);
t = performance.now();
const d = new PGlite({ loadDataDir: blob });
await d.waitReady;
console.log('load', performance.now() - t);
