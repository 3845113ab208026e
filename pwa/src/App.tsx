import type { ComponentType } from 'preact';
import { useLayoutEffect } from 'preact/hooks';
import { EmptyState } from './components/EmptyState';
import { Lazy } from './components/Lazy';
import { OfflineBadge } from './components/OfflineBadge';
import { useScreenChange } from './components/screen-change';
import { t } from './i18n';
import { ListScreen } from './screens/list/ListScreen';
import { AppContext, type App as AppValue } from './state/context';
import { hrefOf, type Route, route, scrollTopFor } from './state/router';
import { pendingUpdate } from './sw/update-state';

// Screens other than the list load on first use, keeping the initial bundle small.
const loadType = () =>
  import('./screens/type/TypeScreen').then((m) => m.TypeScreen as ComponentType<{ id: string }>);
const loadCreate = () =>
  import('./screens/create/CreateScreen').then((m) => m.CreateScreen as ComponentType<object>);
const loadActivity = () =>
  import('./screens/activity/ActivityScreen').then(
    (m) => m.ActivityScreen as ComponentType<object>,
  );
// Shown only when there is something to say (loaded then, or when idle: main.tsx).
export const loadNoticeBar = () =>
  import('./components/NoticeBar').then(
    (m) => m.NoticeBar as ComponentType<{ notice: AppValue['state']['notice'] }>,
  );
// The undo snackbar: loaded when idle (main.tsx), mounted from the first change on.
export const loadSnackbar = () =>
  import('./components/Snackbar').then(
    (m) => m.Snackbar as ComponentType<{ offer: AppValue['state']['undo']; onUndo: () => void }>,
  );
let snackbarUsed = false;

/** The snackbar, from the first change on (reads the offer itself: the shell does not). */
function SnackbarSlot({ app }: { app: AppValue }) {
  snackbarUsed ||= app.state.undo.value !== null;
  if (!snackbarUsed) return null;
  return (
    <Lazy
      load={loadSnackbar}
      props={{ offer: app.state.undo, onUndo: app.actions.undo }}
      fallback={null}
    />
  );
}
const loadUpdatePrompt = () =>
  import('./sw/UpdatePrompt').then((m) => m.UpdatePrompt as ComponentType<object>);
// Rarely needed: shown when another tab upgraded the database.
const loadReloadNotice = () =>
  import('./components/ReloadNotice').then((m) => m.ReloadNotice as ComponentType<object>);
// The sync badge pulls in the sync client (and zod): loaded after the first paint.
const loadSyncBadge = () =>
  import('./screens/settings/sync/SyncBadge').then((m) => m.SyncBadge as ComponentType<object>);
const loadSettings = () =>
  import('./screens/settings/SettingsScreen').then(
    (m) => m.SettingsScreen as ComponentType<object>,
  );

function Screen({ r }: { r: Route }) {
  switch (r.name) {
    case 'list':
      return <ListScreen />;
    case 'type':
      return <Lazy key={r.id} load={loadType} props={{ id: r.id }} />;
    case 'new':
      return <Lazy key="new" load={loadCreate} props={{}} />;
    case 'activity':
      return <Lazy key="activity" load={loadActivity} props={{}} />;
    case 'settings':
      return <Lazy key="settings" load={loadSettings} props={{}} />;
    default:
      return <EmptyState title={t('app.notFound')} heading />;
  }
}

const NAV: { name: Route['name']; href: string; key: string }[] = [
  { name: 'list', href: hrefOf.list, key: 'app.nav.list' },
  { name: 'activity', href: hrefOf.activity, key: 'app.nav.activity' },
  { name: 'settings', href: hrefOf.settings, key: 'app.nav.settings' },
];

/**
 * Skips the header (and on the list, the totals and search) to the content. A button,
 * not a "#main" link: in this app a hash is a route.
 */
const skip = () => void import('./components/focus').then((m) => m.skipToContent());

/** The shell: a skip link, header with navigation, notices, the current screen. */
export function App({ app }: { app: AppValue }) {
  const r = route.value;
  // A new screen opens at the top (the list where it was left), before it is painted.
  useLayoutEffect(() => window.scrollTo(0, scrollTopFor(r)), [r]);
  useScreenChange(r, app.state.types.value);
  return (
    <AppContext.Provider value={app}>
      <button type="button" class="skip-link" onClick={skip}>
        {t(r.name === 'list' ? 'app.skipToList' : 'app.skipToContent')}
      </button>
      <header class="topbar">
        <a class="brand" href={hrefOf.list}>
          <img src={`${import.meta.env.BASE_URL}icons/icon.svg`} alt="" width={28} height={28} />
          <span class="brand-name">{t('app.title')}</span>
        </a>
        <div class="topbar-status">
          <OfflineBadge />
          <Lazy load={loadSyncBadge} props={{}} fallback={null} />
        </div>
        <nav aria-label={t('app.nav.label')}>
          {NAV.map((n) => (
            <a
              key={n.name}
              href={n.href}
              class="nav-link"
              aria-current={r.name === n.name ? 'page' : undefined}
            >
              {t(n.key)}
            </a>
          ))}
        </nav>
        {/* Outside the navigation row: on a phone it sits at the end of the first row. */}
        <a
          href={hrefOf.new}
          class="btn btn-primary nav-new"
          aria-label={t('app.nav.newType')}
          aria-current={r.name === 'new' ? 'page' : undefined}
        >
          + <span class="nav-new-text">{t('app.nav.newType')}</span>
        </a>
      </header>
      {app.state.notice.value && (
        <Lazy load={loadNoticeBar} props={{ notice: app.state.notice }} fallback={null} />
      )}
      {pendingUpdate.value && <Lazy load={loadUpdatePrompt} props={{}} fallback={null} />}
      <main id="main">
        <Screen r={r} />
      </main>
      <SnackbarSlot app={app} />
      {app.state.dbStale.value && <Lazy load={loadReloadNotice} props={{}} fallback={null} />}
    </AppContext.Provider>
  );
}
