import { fireEvent, render } from '@testing-library/preact';
import { render as renderNow } from 'preact';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { initI18n } from '../i18n';
import { ConfirmDialog } from './ConfirmDialog';
import { Dialog } from './Dialog';

beforeAll(() => initI18n('en'));

describe('Dialog', () => {
  it('is a labelled modal dialog; Esc closes it; focus starts inside', () => {
    const onClose = vi.fn();
    const { getByRole } = render(
      <Dialog title="Delete it?" onClose={onClose}>
        <button type="button">Yes</button>
      </Dialog>,
    );
    const dialog = getByRole('dialog', { name: 'Delete it?' });
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(document.activeElement?.textContent).toBe('Yes');
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledOnce();
  });

  it('hears Esc and has focus right after it opens, before the next paint', () => {
    const onClose = vi.fn();
    const host = document.createElement('div');
    document.body.append(host);
    // Plain render, no act(): only what runs before the browser paints has run.
    renderNow(
      <Dialog title="Quick" onClose={onClose}>
        <button type="button">Ok</button>
      </Dialog>,
      host,
    );
    expect(document.activeElement?.textContent).toBe('Ok');
    fireEvent.keyDown(document, { key: 'Escape' });
    expect(onClose).toHaveBeenCalledOnce();
    renderNow(null, host);
    host.remove();
  });
});

describe('ConfirmDialog', () => {
  it('confirms or cancels', async () => {
    const onConfirm = vi.fn();
    const onCancel = vi.fn();
    const { getByRole } = render(
      <ConfirmDialog
        title="Delete “Orks”?"
        text="Gone."
        confirmLabel="Delete"
        danger
        onConfirm={onConfirm}
        onCancel={onCancel}
      />,
    );
    expect(document.activeElement).toBe(getByRole('button', { name: 'Cancel' }));
    fireEvent.click(getByRole('button', { name: 'Delete' }));
    expect(onConfirm).toHaveBeenCalledOnce();
    fireEvent.click(getByRole('button', { name: 'Cancel' }));
    expect(onCancel).toHaveBeenCalledOnce();
  });
});
