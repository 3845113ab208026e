import { STAGES } from '@mpt/shared';
import type { ComponentChildren } from 'preact';
import { stageName } from '../i18n';

/**
 * `text` with every stage name (in the current language) and each of `keep` (a date as
 * shown, say) set in a span that never breaks across lines: at 320 px «В коробке»
 * split after «В», and a date over two lines (review). The text itself is unchanged —
 * its textContent, copied text and screen-reader text read as before; only where a line
 * may break moves.
 */
export function Unbroken({ text, keep = [] }: { text: string; keep?: readonly string[] }) {
  const whole = [...STAGES.map(stageName), ...keep].filter((s) => s.includes(' '));
  if (whole.length === 0) return <>{text}</>;
  // Longest first, so that "In box" inside a longer kept text stays in that one.
  const escaped = [...new Set(whole)]
    .sort((a, b) => b.length - a.length)
    .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const parts = text.split(new RegExp(`(${escaped.join('|')})`));
  const out: ComponentChildren[] = parts.map((part, i) =>
    i % 2 === 1 ? (
      <span key={i} class="nowrap">
        {part}
      </span>
    ) : (
      part
    ),
  );
  return <>{out}</>;
}
