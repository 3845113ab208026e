import { fireEvent, render, screen } from '@testing-library/preact';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../i18n';
import { UpdatePrompt } from './UpdatePrompt';
import { pendingUpdate } from './update-state';

beforeAll(() => initI18n('en'));

describe('UpdatePrompt', () => {
  it('is hidden until a new version waits; Reload activates it, Later hides it', async () => {
    pendingUpdate.value = null;
    render(<UpdatePrompt />);
    expect(screen.queryByText('A new version is ready.')).toBeNull();
    const activate = vi.fn();
    pendingUpdate.value = activate;
    await screen.findByText('A new version is ready.');
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(activate).toHaveBeenCalledOnce();
    fireEvent.click(screen.getByRole('button', { name: 'Later' }));
    expect(pendingUpdate.value).toBeNull();
  });
});
