import { fireEvent, render, waitFor } from '@testing-library/preact';
import type { ComponentType } from 'preact';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n, t } from '../i18n';
import { online } from '../state/online';
import { Lazy } from './Lazy';

beforeAll(() => initI18n('en'));
afterEach(() => vi.restoreAllMocks());

/** Lets effects run (Preact runs them after the paint). */
const settled = () => new Promise((r) => setTimeout(r, 50));

const Screen = ({ text }: { text: string }) => <p>{text}</p>;

/** A loader that fails `failures` times (a module import offline), then gives Screen. */
function flakyLoader(failures: number) {
  let calls = 0;
  return () =>
    ++calls <= failures
      ? Promise.reject(new TypeError('Failed to fetch dynamically imported module'))
      : Promise.resolve(Screen as ComponentType<{ text: string }>);
}

/** location.reload, watched. */
function watchReload() {
  const reload = vi.fn();
  vi.spyOn(window, 'location', 'get').mockReturnValue({ reload } as unknown as Location);
  return reload;
}

describe('Lazy: a screen that could not be loaded (newcomer review)', () => {
  it('says so instead of "Loading…" for good, and reloads the app when the network is back', async () => {
    const reload = watchReload();
    const view = render(<Lazy load={flakyLoader(1)} props={{ text: 'Type page' }} />);
    await waitFor(() => expect(view.getByRole('alert').textContent).toContain(t('app.loadFailed')));
    expect(view.queryByText(t('app.loading'))).toBeNull();
    await settled();
    expect(reload).not.toHaveBeenCalled();
    window.dispatchEvent(new Event('online'));
    expect(reload).toHaveBeenCalledOnce();
  });

  it('reloads the app from its button', async () => {
    const reload = watchReload();
    const view = render(<Lazy load={flakyLoader(1)} props={{ text: 'Activity' }} />);
    fireEvent.click(await view.findByRole('button', { name: t('app.tryAgain') }));
    expect(reload).toHaveBeenCalledOnce();
  });

  it('offline, offers no reload (the browser would show its own offline page) and waits for the network', async () => {
    const reload = watchReload();
    online.value = false;
    try {
      const view = render(<Lazy load={flakyLoader(1)} props={{ text: 'Activity' }} />);
      await waitFor(() =>
        expect(view.getByRole('alert').textContent).toBe(t('app.loadFailedOffline')),
      );
      expect(view.queryByRole('button')).toBeNull();
      await settled();
      online.value = true;
      window.dispatchEvent(new Event('online'));
      expect(reload).toHaveBeenCalledOnce();
    } finally {
      online.value = true;
    }
  });

  it('stays silent for a part with no "Loading…" of its own, and comes when online', async () => {
    const reload = watchReload();
    const view = render(
      <Lazy load={flakyLoader(1)} props={{ text: 'Snackbar' }} fallback={null} />,
    );
    await settled();
    expect(view.container.textContent).toBe('');
    window.dispatchEvent(new Event('online'));
    await waitFor(() => expect(view.getByText('Snackbar')).toBeTruthy());
    expect(reload).not.toHaveBeenCalled();
  });
});
