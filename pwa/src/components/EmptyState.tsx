import type { ComponentChildren } from 'preact';

interface Props {
  title: string;
  text?: string;
  /** The title is the screen's heading (h1): the whole screen is this message. */
  heading?: boolean;
  children?: ComponentChildren;
}

/** What a screen shows when it has nothing to list, with an optional way forward. */
export function EmptyState({ title, text, heading = false, children }: Props) {
  return (
    <div class="empty" role="status">
      {heading ? <h1 class="empty-title">{title}</h1> : <p class="empty-title">{title}</p>}
      {text && <p class="empty-text">{text}</p>}
      {children}
    </div>
  );
}
