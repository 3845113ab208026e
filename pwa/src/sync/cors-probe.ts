// Why a cross-origin request got no answer. A fetch the browser refused for CORS fails
// with the same TypeError as one that reached nothing; a no-cors request is not subject
// to CORS, so an answer to it tells the two apart (review: the app said "nothing
// answered" of a server that was up but did not list the app in CORS_ORIGINS).

/** The origin of an address, or null when it is not one. */
export function originOf(url: string): string | null {
  try {
    return new URL(url).origin;
  } catch {
    return null;
  }
}

/**
 * Whether anything answers at `baseUrl`/health to a no-cors request: any answer counts,
 * an opaque one too (its status cannot be read); false after `timeoutMs`. The server
 * sends that path with Cross-Origin-Resource-Policy: cross-origin for this
 * (sync-server/src/app.ts); same-origin would block even the opaque answer.
 */
export async function answersNoCors(
  doFetch: typeof fetch,
  baseUrl: string,
  timeoutMs: number,
): Promise<boolean> {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<false>((resolve) => {
    timer = setTimeout(() => {
      controller.abort();
      resolve(false);
    }, timeoutMs);
  });
  const probe = doFetch(`${baseUrl}/health`, {
    mode: 'no-cors',
    cache: 'no-store',
    signal: controller.signal,
  }).then(
    () => true,
    () => false,
  );
  try {
    // The deadline holds even for a fetch that ignores its signal.
    return await Promise.race([probe, deadline]);
  } finally {
    clearTimeout(timer);
  }
}
