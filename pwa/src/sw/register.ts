import { pendingUpdate } from './update-state';

/**
 * Registers the service worker (production builds only) with workbox-window, loaded
 * after the first paint so it is not part of the initial bundle.
 *
 * Update flow, so a page never runs a stale mix of files: a new worker waits
 * (generateSW with registerType "prompt" does not skip waiting by itself); the prompt
 * offers "Reload"; on confirm we ask it to skip waiting and reload once it controls
 * the page. Updates are also checked whenever the app becomes visible again.
 */
export async function registerServiceWorker(
  url = `${import.meta.env.BASE_URL}sw.js`,
): Promise<void> {
  if (!('serviceWorker' in navigator)) return;
  const { Workbox } = await import('workbox-window');
  const wb = new Workbox(url, { scope: import.meta.env.BASE_URL });
  wb.addEventListener('waiting', () => {
    pendingUpdate.value = () => {
      wb.addEventListener('controlling', () => location.reload());
      wb.messageSkipWaiting();
    };
  });
  const registration = await wb.register();
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void registration?.update().catch(() => {});
  });
}
