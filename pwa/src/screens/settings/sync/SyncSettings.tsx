import { useSignal } from '@preact/signals';
import { useId } from 'preact/hooks';
import { t } from '../../../i18n';
import { completeServerUrl, serverUrlProblem } from '../../../sync/client';
import { getSyncService } from '../../../sync/instance';
import type { SyncService } from '../../../sync/service';
import './sync.css';
import { ServerBackups } from './ServerBackups';
import { SyncConflicts } from './SyncConflicts';
import { SyncDoubles } from './SyncDoubles';
import { SyncStatus } from './SyncStatus';
import { syncErrorText } from './sync-text';

/** An address the field accepts: empty (the app's own origin) or a server's base. */

/**
 * Settings → Sync (SPEC §6): turn sync on, the server URL (empty = the origin that
 * served the app) and optional token, "test connection", "sync now", the status and
 * the conflicts list. Fields are saved when they change (on blur or Enter).
 */
export function SyncSettings({
  service = getSyncService(),
  origin = typeof location === 'undefined' ? '' : location.origin,
}: {
  service?: SyncService;
  origin?: string;
}) {
  const id = useId();
  const { settings, connection } = service.state;
  const urlDraft = useSignal(settings.value.url);
  const urlProblem = useSignal<'credentials' | 'invalid' | null>(null);
  const urlInvalid = urlProblem.value !== null;
  // The app's scheme, for an address typed without one.
  const appProtocol = origin.startsWith('https:') ? 'https:' : 'http:';
  const s = settings.value;
  const check = connection.value;
  // A sync runs here or in another tab (its step shows below): another would only queue
  // behind it, and a second tap looks like the first did nothing (review).
  const syncing = service.state.activePhase.value !== null;

  const saveUrl = (raw: string) => {
    // "192.168.1.20:8080" becomes "http://192.168.1.20:8080" in the field (review: it
    // was refused as "not starting with http://").
    const typed = completeServerUrl(raw, appProtocol);
    urlDraft.value = typed;
    const problem = serverUrlProblem(typed);
    urlProblem.value = problem;
    if (!problem && typed !== s.url) service.updateSettings({ url: typed });
  };

  return (
    <div class="sync-settings">
      <p class="muted">{t('sync.intro')}</p>
      <label class="sync-toggle">
        <input
          type="checkbox"
          checked={s.enabled}
          onChange={(e) => service.updateSettings({ enabled: e.currentTarget.checked })}
          data-testid="sync-enabled"
        />
        {t('sync.enable')}
      </label>
      {/* A form so browsers treat the token as a credential field; Enter saves the field. */}
      <form class="sync-form" noValidate onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for={`${id}-url`}>{t('sync.url')}</label>
          <input
            id={`${id}-url`}
            type="url"
            inputMode="url"
            autoComplete="url"
            spellcheck={false}
            placeholder={origin}
            value={urlDraft.value}
            aria-invalid={urlInvalid ? 'true' : undefined}
            aria-describedby={`${id}-url-hint`}
            onChange={(e) => saveUrl(e.currentTarget.value)}
            // A shown error goes as soon as the address is right, not at the next blur
            // (review: the red hint and a disabled "Test connection" stayed meanwhile);
            // a new one waits for the change, not for each keystroke.
            onInput={(e) => {
              // The draft follows every keystroke: a re-render (the error going) must not
              // put back the text of the last change.
              urlDraft.value = e.currentTarget.value;
              if (urlProblem.value) {
                urlProblem.value = serverUrlProblem(completeServerUrl(urlDraft.value, appProtocol));
              }
            }}
            data-testid="sync-url"
          />
          <span id={`${id}-url-hint`} class={urlInvalid ? 'form-error small' : 'muted small'}>
            {urlProblem.value === 'credentials'
              ? t('sync.urlCredentials')
              : urlProblem.value
                ? t('sync.urlInvalid')
                : t('sync.urlHint', { origin })}
          </span>
        </div>
        <div class="field">
          <label for={`${id}-token`}>{t('sync.token')}</label>
          <input
            id={`${id}-token`}
            type="password"
            autoComplete="off"
            spellcheck={false}
            value={s.token}
            aria-describedby={`${id}-token-hint`}
            onChange={(e) => service.updateSettings({ token: e.currentTarget.value.trim() })}
            data-testid="sync-token"
          />
          <span id={`${id}-token-hint`} class="muted small">
            {t('sync.tokenHint')}
          </span>
        </div>
      </form>
      <div class="sync-actions">
        <button
          type="button"
          class="btn"
          disabled={check.state === 'checking' || urlInvalid}
          onClick={() => void service.testConnection()}
          data-testid="sync-test"
        >
          {t('sync.test')}
        </button>
        {/* aria-disabled, not disabled, while syncing: the focus stays on the button. */}
        <button
          type="button"
          class="btn btn-primary"
          disabled={!s.enabled || urlInvalid}
          aria-disabled={syncing ? 'true' : undefined}
          onClick={() => {
            if (!syncing) service.syncNow();
          }}
          data-testid="sync-now"
        >
          {t('sync.now')}
        </button>
      </div>
      <div role="status" data-testid="sync-test-result">
        {check.state === 'checking' && <p class="muted">{t('sync.testing')}</p>}
        {check.state === 'ok' && (
          <p class="ok">{check.revision === null ? t('sync.testOk') : t('sync.testOkRevision')}</p>
        )}
        {check.state === 'failed' && (
          <p class="form-error">
            {t('sync.testFailed', { error: syncErrorText(check.code, check.details, s.token) })}
          </p>
        )}
      </div>
      {s.enabled && <SyncStatus service={service} />}
      <SyncConflicts service={service} />
      <SyncDoubles service={service} />
      {s.enabled && <ServerBackups service={service} />}
    </div>
  );
}
