import { expect, it } from 'vitest';
import { createPgliteDatabase, PGLITE_SHARED_BUFFERS_MB } from './pglite-database';

it('opens PGlite with the small shared buffers that keep the server under 300 MB idle', async () => {
  const db = await createPgliteDatabase(undefined);
  try {
    const [row] = await db.query<{ shared_buffers: string }>('SHOW shared_buffers');
    expect(row?.shared_buffers).toBe(`${PGLITE_SHARED_BUFFERS_MB}MB`);
  } finally {
    await db.close();
  }
});
