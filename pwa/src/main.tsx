import { render } from 'preact';
import { App, loadNoticeBar, loadSnackbar } from './App';
import { db } from './db/instance';
import { initI18n } from './i18n';
import { loadListBody } from './screens/list/ListScreen';
import { createActions, loadWriteOps } from './state/actions';
import { createAppState, loadSearch } from './state/app-state';
import { connectAppState } from './state/connect';
import './styles/base.css';
import './styles/controls.css';
import './styles/list.css';
import './styles/screens.css';
import './styles/dialogs.css';
import './styles/narrow.css';

// The dictionary, the list's code and the first read of the types load in parallel.
const ready = initI18n();
void loadListBody();
const state = createAppState();
connectAppState(state, db);
const actions = createActions(db, state);
void ready.then(() => {
  render(<App app={{ db, state, actions }} />, document.getElementById('app')!);
  // The write code and the search are not needed to show the list: fetch them once the
  // first frame is painted and the page is idle, so even the first "→" click or key
  // finds them loaded.
  const preload = () => {
    void loadWriteOps();
    void loadNoticeBar(); // the text of a failed "→", at once
    void loadSnackbar(); // the undo after the first change, at once
    void loadSearch(state);
    // The Activity index, when an update or another writer left it out of step.
    void import('./db/activity-index').then((m) => m.warmActivityIndex(db));
  };
  requestAnimationFrame(() =>
    'requestIdleCallback' in window
      ? requestIdleCallback(preload, { timeout: 300 })
      : setTimeout(preload, 0),
  );
});

if (__REGISTER_SW__) {
  // After the first paint: the service worker is not needed to show the data.
  window.addEventListener('load', () => {
    void import('./sw/register').then((m) => m.registerServiceWorker());
  });
}
