import type { ComponentChildren } from 'preact';

interface Props {
  title: string;
  text?: string;
  children?: ComponentChildren;
}

/** What a screen shows when it has nothing to list, with an optional way forward. */
export function EmptyState({ title, text, children }: Props) {
  return (
    <div class="empty" role="status">
      <p class="empty-title">{title}</p>
      {text && <p class="empty-text">{text}</p>}
      {children}
    </div>
  );
}
