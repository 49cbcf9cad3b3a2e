import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * The frame of a source's details: a titled card that takes the focus when it opens (for keyboard
 * and screen-reader users who just pressed the button that opened it), a close button, and the
 * last action's notice.
 */
export function SourcePanel({ title, closeLabel, onClose, notice, focusKey, children }: { title: string; closeLabel: string; onClose: () => void; notice?: string; focusKey: string; children: ReactNode }) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), [focusKey]);
  return (
    <section className="card admin-section" aria-labelledby={`${id}-title`}>
      <div className="settings-actions">
        <h2 id={`${id}-title`} tabIndex={-1} ref={heading}>
          {title}
        </h2>
        <button type="button" onClick={onClose}>
          {closeLabel}
        </button>
      </div>
      {notice && (
        <p className="admin-status" role="status">
          {notice}
        </p>
      )}
      {children}
    </section>
  );
}
