import { cleanup, render, screen } from '@testing-library/preact';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initI18n, setLanguage } from '../../i18n';
import { CopyRow } from './CopyRow';

const copy = { created_at: '2026-11-20T10:00:00.000Z', types: 1, events: 21, size_bytes: 2048 };
const row = () =>
  render(
    <ul>
      <CopyRow
        copy={copy}
        time="Nov 20, 2026, 10:00 AM"
        testId="copy"
        buttonText="Restore"
        buttonLabel="Restore the copy"
        onChoose={() => {}}
      />
    </ul>,
  );

describe('a row of a list of copies (restore points, server backups)', () => {
  beforeAll(() => initI18n('en'));
  afterEach(cleanup);

  it('counts types and entries with plural forms in both languages', async () => {
    row();
    expect(screen.getByTestId('copy').textContent).toContain('1 type, 21 history entries');
    cleanup();
    await setLanguage('ru');
    row();
    expect(screen.getByTestId('copy').textContent).toContain('1 тип, 21 запись истории');
    await setLanguage('en');
  });
});
