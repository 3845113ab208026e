/**
 * Gzip-compresses a text with the browser's CompressionStream (SPEC §10: bodies may be
 * gzip). Null where the browser has none (Safari before 16.4): the body then goes out
 * as it is, which every server accepts.
 */
export async function gzipText(text: string): Promise<Uint8Array<ArrayBuffer> | null> {
  if (typeof CompressionStream === 'undefined') return null;
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
