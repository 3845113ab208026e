import { fireEvent, render, waitFor } from '@testing-library/preact';
import type { ComponentType } from 'preact';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n, t } from '../i18n';
import { Lazy } from './Lazy';

beforeAll(() => initI18n('en'));

/** Lets effects run (Preact runs them after the paint). */
const settled = () => new Promise((r) => setTimeout(r, 50));

const Screen = ({ text }: { text: string }) => <p>{text}</p>;

/** A loader that fails `failures` times (a module import offline), then gives Screen. */
function flakyLoader(failures: number) {
  let calls = 0;
  const load = () => {
    calls++;
    return calls <= failures
      ? Promise.reject(new TypeError('Failed to fetch dynamically imported module'))
      : Promise.resolve(Screen as ComponentType<{ text: string }>);
  };
  return { load, calls: () => calls };
}

describe('Lazy: a screen that could not be loaded (newcomer review)', () => {
  it('says so instead of "Loading…" for good, and loads by itself when the network is back', async () => {
    const { load } = flakyLoader(1);
    const view = render(<Lazy load={load} props={{ text: 'Type page' }} />);
    await waitFor(() => expect(view.getByRole('alert').textContent).toContain(t('app.loadFailed')));
    expect(view.queryByText(t('app.loading'))).toBeNull();
    await settled();
    window.dispatchEvent(new Event('online'));
    await waitFor(() => expect(view.getByText('Type page')).toBeTruthy());
    expect(view.queryByRole('alert')).toBeNull();
  });

  it('tries again on the button; when the browser keeps the failure, reloads the app', async () => {
    const once = flakyLoader(1);
    const first = render(<Lazy load={once.load} props={{ text: 'Activity' }} />);
    fireEvent.click(await first.findByRole('button', { name: t('app.tryAgain') }));
    await waitFor(() => expect(first.getByText('Activity')).toBeTruthy());
    first.unmount();
    const reload = vi.fn();
    vi.spyOn(window, 'location', 'get').mockReturnValue({ reload } as unknown as Location);
    const always = flakyLoader(Number.POSITIVE_INFINITY);
    const second = render(<Lazy load={always.load} props={{ text: 'Never' }} />);
    fireEvent.click(await second.findByRole('button', { name: t('app.tryAgain') }));
    await waitFor(() => expect(reload).toHaveBeenCalledOnce());
    vi.restoreAllMocks();
  });

  it('reloads the app when the network is back and the browser keeps the failure', async () => {
    const reload = vi.fn();
    vi.spyOn(window, 'location', 'get').mockReturnValue({ reload } as unknown as Location);
    const { load } = flakyLoader(Number.POSITIVE_INFINITY);
    const view = render(<Lazy load={load} props={{ text: 'Never' }} />);
    await view.findByRole('alert');
    await settled();
    window.dispatchEvent(new Event('online'));
    await waitFor(() => expect(reload).toHaveBeenCalledOnce());
    vi.restoreAllMocks();
  });

  it('stays silent for a part with no "Loading…" of its own, and still comes when online', async () => {
    const { load } = flakyLoader(1);
    const view = render(<Lazy load={load} props={{ text: 'Snackbar' }} fallback={null} />);
    await settled();
    expect(view.container.textContent).toBe('');
    window.dispatchEvent(new Event('online'));
    await waitFor(() => expect(view.getByText('Snackbar')).toBeTruthy());
  });
});
