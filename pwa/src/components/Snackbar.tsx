import type { Signal } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { UndoOffer } from '../state/app-state';
import '../styles/snackbar.css';
import { useRootPx } from './root-px';
import { Unbroken } from './Unbroken';

/** How long an offer to undo (issue 13: ~8 s) or a sentence to read stays; "Undone." less. */
export const OFFER_MS = 8000;
export const DONE_MS = 3000;

/**
 * The CSS variable holding the room the snackbar takes at the foot of the viewport while
 * it shows (px: its gap to the bottom, its height and a 12 px gap above it); unset
 * otherwise. styles/snackbar.css reserves it under the page and as scroll padding.
 */
export const SNACKBAR_ROOM = '--snackbar-room';

/** Type names in the snackbar are cut to this many characters (code points). */
export const OFFER_NAME_CHARS = 40;

/** A name cut to OFFER_NAME_CHARS characters with "…"; any other value as it is. */
const shortName = (name: unknown) => {
  if (typeof name !== 'string') return name;
  const chars = [...name];
  return chars.length <= OFFER_NAME_CHARS
    ? name
    : `${chars
        .slice(0, OFFER_NAME_CHARS - 1)
        .join('')
        .trimEnd()}…`;
};

/**
 * The text of an offer in the current language ("Moved 1 Ork Boyz to Building"). Type
 * names longer than OFFER_NAME_CHARS are cut: a 120-character name took five lines,
 * half of a 320 px screen, for the snackbar's 8 seconds, and what matters is the step
 * at the end (review).
 */
export function offerText(o: Pick<UndoOffer, 'key' | 'params'>): string {
  const { params } = o;
  const stage = (s: unknown) => (typeof s === 'string' ? t(`stages.${s}`) : '');
  const renamed = o.key === 'undo.renamed';
  return t(o.key, {
    ...params,
    name: shortName(params.name),
    from: renamed ? shortName(params.from) : stage(params.from),
    to: renamed ? shortName(params.to) : stage(params.to),
    models: t('common.models', { count: params.count ?? 0 }),
  });
}

/**
 * The snackbar: the last change with its Undo button, at the bottom of the screen,
 * for OFFER_MS (the time stops while the pointer or the focus is on it, so nobody is
 * hurried); Ctrl+Z (⌘Z) outside a text field undoes too. A polite live region that
 * stays mounted, so a screen reader hears each change once; focus is never moved to it.
 * While it shows, the page keeps room for it (SNACKBAR_ROOM), so it hides nothing for good.
 */
export function Snackbar({
  offer,
  onUndo,
}: {
  offer: Signal<UndoOffer | null>;
  onUndo: () => void;
}) {
  const o = offer.value;
  const [held, setHeld] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  // Shown one frame after mounting: a live region added with its text is often not read.
  const [ready, setReady] = useState(false);
  useEffect(() => {
    const frame = requestAnimationFrame(() => setReady(true));
    return () => cancelAnimationFrame(frame);
  }, []);
  useEffect(() => {
    if (!o || held) return;
    const timer = setTimeout(
      () => {
        if (offer.value?.id === o.id) offer.value = null;
      },
      o.undo || o.key !== 'undo.done' ? OFFER_MS : DONE_MS,
    );
    return () => clearTimeout(timer);
  }, [o, held]);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && box.current?.contains(document.activeElement)) {
        offer.value = null;
        return;
      }
      if (!(e.ctrlKey || e.metaKey) || e.shiftKey || e.altKey || e.key.toLowerCase() !== 'z')
        return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable]')) return;
      if (!offer.value?.undo) return;
      e.preventDefault();
      onUndo();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [onUndo]);
  const shown = ready ? o : null;
  // Measured (its height is its text's: three lines of Russian at 320 px, review: a fixed
  // 88 px under the page left the end of Settings → Sync's conflicts under it); offsetHeight,
  // not the box on screen, which the entry animation slides in from below. A page at its
  // end stays there, so the last row's "→" or history entry just tapped is not covered.
  useRootPx(
    box,
    shown !== null,
    SNACKBAR_ROOM,
    (node) => (Number.parseFloat(getComputedStyle(node).bottom) || 0) + node.offsetHeight + 12,
    true,
  );
  return (
    <div
      ref={box}
      class={`snackbar${shown ? '' : ' snackbar-empty'}`}
      role="status"
      aria-label={t('undo.region')}
      data-testid="snackbar"
      onPointerEnter={() => setHeld(true)}
      onPointerLeave={() => setHeld(false)}
      onFocusIn={() => setHeld(true)}
      onFocusOut={(e) => {
        if (!box.current?.contains(e.relatedTarget as Node | null)) setHeld(false);
      }}
    >
      {shown && (
        <>
          <span class="snackbar-text">
            <Unbroken text={offerText(shown)} />
          </span>
          {shown.undo && (
            <button type="button" class="btn snackbar-undo" onClick={onUndo}>
              {t('undo.action')}
            </button>
          )}
        </>
      )}
    </div>
  );
}
