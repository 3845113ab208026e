import { t } from '../../i18n';

// Stands in for the file name while the sentence is translated, then is split on.
const SLOT = '\u0000';

/**
 * "Saved miniatures-2026-11-30.csv." in the app's language, the file name kept on one
 * line: browsers break after a hyphen, and a name cut at "2026-11-" reads as two.
 */
export function SavedFile({ name, testId }: { name: string; testId?: string }) {
  const [before = '', after = ''] = t('settings.backup.exported', { file: SLOT }).split(SLOT);
  return (
    <p role="status" class="ok" data-testid={testId}>
      {before}
      {/* The closing "." goes with the name, never alone on a line. */}
      <span class="file-name">
        {name}
        {after}
      </span>
    </p>
  );
}
