import {
  API_WRITER,
  type ErrorCode,
  type ErrorDetails,
  type HistoryEvent,
  wholePercent,
} from '@mpt/shared';
import { language, t } from '../../../i18n';
import { errorText } from '../../../i18n/error-text';
import { absoluteTime, distinctTimes, formatBytes } from '../../../i18n/format';
import { notAppliedText, stepText } from '../../../i18n/step-text';
import type { SyncPhase } from '../../../sync/attempt';
import { deviceParts, SOME_BROWSER, SOME_SYSTEM } from '../../../sync/device-name';
import type { StoredConflict } from '../../../sync/store';

const REASONS = new Set(['network', 'cors', 'timeout', 'answer_lost', 'bad_response', 'offline']);
// Reasons said on their own, without "the server cannot be reached": a server did answer,
// or this device has no network (newcomer review: the server was blamed for it).
const ON_THEIR_OWN = new Set(['cors', 'bad_response', 'offline']);

/**
 * An error code as text, with the sync-specific reason when the details carry one
 * (an unreachable server and a foreign site at the URL read differently). `token`: the
 * token set in Settings — a refusal with none set asks for one instead of "check it"
 * (review: the user was in Settings, with no token to check).
 */
export function syncErrorText(code: ErrorCode, details: ErrorDetails, token: string): string {
  // In Settings, beside the Token field: "check it in Settings" would send the user where
  // they are (review).
  if (code === 'ERR_UNAUTHORIZED')
    return t(token === '' ? 'sync.tokenNeeded' : 'sync.tokenRefused');
  if (
    code === 'ERR_SYNC_UNREACHABLE' &&
    typeof details.reason === 'string' &&
    REASONS.has(details.reason)
  ) {
    // 'cors' names the app's own origin: the address to add to the server's CORS_ORIGINS.
    const origin = typeof details.origin === 'string' ? details.origin : '';
    const reason = capitalize(t(`sync.reason.${details.reason}`, { origin }));
    // "Cannot be reached" would contradict the reason (review). The API path a request
    // went to is not the user's business either way.
    return ON_THEIR_OWN.has(details.reason) ? reason : `${t(`errors.${code}`)} ${reason}`;
  }
  if (code === 'ERR_VALIDATION' && details.field === 'url') return t('sync.urlInvalid');
  return errorText(code, details);
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * What a running sync is doing, as one of four numbered steps (send, receive, check,
 * save), for the status line and the badge's tooltip: a first sync of a large
 * collection takes a moment, and the user can read where it is.
 */
export function phaseText(phase: SyncPhase): string {
  switch (phase.phase) {
    case 'preparing':
      return t('sync.phase.preparing');
    case 'uploading':
      if (phase.received === 0)
        return t('sync.phase.uploading', { size: formatBytes(phase.bytes) });
      return phase.total === null
        ? t('sync.phase.downloadingUnknown', { received: formatBytes(phase.received) })
        : t('sync.phase.downloading', {
            received: formatBytes(phase.received),
            total: formatBytes(phase.total),
          });
    case 'checking':
      return t('sync.phase.checking', { percent: wholePercent(phase.done, phase.total) });
    case 'merging':
      if (phase.step !== 'writing') {
        return t(`sync.phase.${phase.step === 'restore-point' ? 'restorePoint' : phase.step}`);
      }
      // No total yet (a replace by the server's copy starts so): no percentage to say.
      return phase.total > 0
        ? t('sync.phase.writing', { percent: wholePercent(phase.done, phase.total) })
        : t('sync.phase.writingStarted');
  }
}

/** How far along a running sync is, 0–1, or null while that cannot be told. */
export function phaseProgress(phase: SyncPhase): number | null {
  if (phase.phase === 'uploading' && phase.total !== null && phase.received > 0) {
    return phase.received / phase.total;
  }
  if (phase.phase === 'checking') return wholePercent(phase.done, phase.total) / 100;
  if (phase.phase === 'merging' && phase.step === 'writing' && phase.total > 0) {
    return phase.done / phase.total;
  }
  return null;
}

const DURATION_UNITS: [string, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** A clock difference as words, e.g. "2 days", "3 hours", "12 minutes" (RU plurals by Intl). */
export function durationText(ms: number): string {
  const abs = Math.abs(ms);
  const [unit, size] = DURATION_UNITS.find(([, size]) => abs >= size) ?? DURATION_UNITS[2]!;
  return new Intl.NumberFormat(language.value, {
    style: 'unit',
    unit,
    unitDisplay: 'long',
    maximumFractionDigits: 0,
  }).format(Math.round(abs / size));
}

/** "This device's clock is 2 days ahead of the server's." */
export function clockText(skewMs: number): string {
  return t(skewMs > 0 ? 'sync.clock.ahead' : 'sync.clock.behind', {
    amount: durationText(skewMs),
  });
}

/** "Orks: move 2 from In box to Done" — an event of a type, in words. */
export function eventTitle(typeName: string, event: HistoryEvent): string {
  return stepText('sync.conflicts', event, { type: typeName });
}

/** Which move of which type could not be applied. */
export function conflictTitle(c: StoredConflict): string {
  return eventTitle(c.type_name, c.event);
}

/**
 * When a conflict's step was made, and when its twin (the same step, counted) was, as
 * shown: with seconds when both fall in one minute (format's distinctTimes), so the two
 * do not read as one time. `twin` is null when there is none.
 */
export function conflictTimes(c: StoredConflict): { made: string; twin: string | null } {
  if (!c.twin_at) return { made: absoluteTime(c.event.created_at), twin: null };
  const [made, twin] = distinctTimes([c.event.created_at, c.twin_at]);
  return { made: made!, twin: twin! };
}

/** When it was made and why it was refused. */
export function conflictDetail(c: StoredConflict): string {
  return notAppliedText(c.event.created_at, c.reason, conflictTimes(c).made);
}

/**
 * A name deviceName made, in the user's language, worded one way alone and in a list
 * (review: "Chrome on Android (3f2a)" but "Chrome (Android, 3f2a)"): "Chrome on Android
 * (3f2a)"; this device (`own`, with its tag) as "this device (Chrome on Android, 3f2a)".
 * Null for a name the app did not make.
 */
function namedDevice(
  name: string,
  own: string | undefined,
): { mine: true; kind: string; tag: string } | { mine: false; text: string } | null {
  const parts = deviceParts(name);
  if (!parts) return null;
  const browser = parts.browser === SOME_BROWSER ? t('sync.backups.someBrowser') : parts.browser;
  const system = parts.system === SOME_SYSTEM ? t('sync.backups.someSystem') : parts.system;
  const kind = t('sync.backups.name', { browser, system });
  // Only the tag tells two phones of one kind apart: an untagged name (storage refused)
  // is every such phone's, so it is never claimed as this one.
  if (parts.tag && name === own) return { mine: true, kind, tag: parts.tag };
  return {
    mine: false,
    text: parts.tag ? t('sync.backups.nameTagged', { name: kind, tag: parts.tag }) : kind,
  };
}

/**
 * Which device wrote a server backup (its X-Device name), in the user's language:
 * "from Chrome on Android (3f2a)"; a name the app did not make is shown as sent. `own`:
 * this device's name (the service's X-Device, deviceName), shown as "from this device
 * (Chrome on Android, 3f2a)" so two phones of one kind tell their backups apart. A backup
 * of several devices' changes names them all, as the server lists them ("a, b", cut at
 * 100 characters), each worded as alone: "from this device (Chrome on Linux, 0a18) and
 * Firefox on Windows". Changes made through the API without a device name (shared's
 * API_WRITER) say so.
 */
export function deviceText(name: string, own?: string): string {
  const names = name.split(', ');
  if (names.length > 1) {
    const list = names.map((n) => {
      if (n === API_WRITER) return t('sync.backups.apiShort');
      const d = namedDevice(n, own);
      if (!d) return n;
      return d.mine ? t('sync.backups.thisDevice', { name: d.kind, tag: d.tag }) : d.text;
    });
    const joined = new Intl.ListFormat(language.value, { type: 'conjunction' }).format(list);
    return t('sync.backups.devices', { list: joined });
  }
  if (name === API_WRITER) return t('sync.backups.api');
  const d = namedDevice(name, own);
  if (!d) return t('sync.backups.device', { device: name });
  return d.mine
    ? t('sync.backups.fromThisDevice', { name: d.kind, tag: d.tag })
    : t('sync.backups.deviceNamed', { name: d.text });
}
