import type { Signal } from '@preact/signals';
import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import type { UndoOffer } from '../state/app-state';
import '../styles/snackbar.css';

/** How long an offer to undo (issue 13: ~8 s) or a sentence to read stays; "Undone." less. */
export const OFFER_MS = 8000;
export const DONE_MS = 3000;

/** The text of an offer in the current language ("Moved 1 Ork Boyz to Building"). */
export function offerText(o: Pick<UndoOffer, 'key' | 'params'>): string {
  const { params } = o;
  const stage = (s: unknown) => (typeof s === 'string' ? t(`stages.${s}`) : '');
  return t(o.key, {
    ...params,
    from: o.key === 'undo.renamed' ? params.from : stage(params.from),
    to: o.key === 'undo.renamed' ? params.to : stage(params.to),
    models: t('common.models', { count: params.count ?? 0 }),
  });
}

/**
 * The snackbar: the last change with its Undo button, at the bottom of the screen,
 * for OFFER_MS (the time stops while the pointer or the focus is on it, so nobody is
 * hurried); Ctrl+Z (⌘Z) outside a text field undoes too. A polite live region that
 * stays mounted, so a screen reader hears each change once; focus is never moved to it.
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
          <span class="snackbar-text">{offerText(shown)}</span>
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
