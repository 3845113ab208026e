import type { Signal } from '@preact/signals';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../../i18n';
import { narrow } from '../../state/viewport';

/**
 * The instant search box; "/" anywhere outside a field focuses it, Esc clears it.
 * `onType` runs on each input (the list loads its search then, if not yet loaded).
 */
export function SearchBox({ query, onType }: { query: Signal<string>; onType?: () => void }) {
  const ref = useRef<HTMLInputElement>(null);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== '/' || e.ctrlKey || e.metaKey || e.altKey) return;
      const target = e.target as HTMLElement | null;
      if (target?.closest('input, textarea, select, [contenteditable="true"]')) return;
      e.preventDefault();
      ref.current?.focus();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, []);
  return (
    <search class="search">
      <input
        ref={ref}
        type="search"
        aria-label={t('list.searchLabel')}
        // On a phone the "/" hint would be cut off beside View (and phones have no "/" key).
        placeholder={t(narrow.value ? 'list.searchPlaceholderShort' : 'list.searchPlaceholder')}
        value={query.value}
        autoComplete="off"
        spellcheck={false}
        onInput={(e) => {
          query.value = e.currentTarget.value;
          onType?.();
        }}
        onKeyDown={(e) => {
          if (e.key === 'Escape' && query.value !== '') {
            e.preventDefault();
            query.value = '';
          }
        }}
      />
      {query.value !== '' && (
        <button
          type="button"
          class="btn btn-icon search-clear"
          aria-label={t('list.clearSearch')}
          onClick={() => (query.value = '')}
        >
          ×
        </button>
      )}
    </search>
  );
}
