import { useEffect, useId, useRef, type ReactNode } from 'react';
import { useI18n } from '../../i18n/i18n';

/**
 * A modal dialog on the native <dialog>: the browser traps focus, closes on Escape and gives
 * focus back to where it was, so the page need not.
 */
export function Modal({ title, onClose, children, className }: { title: string; onClose: () => void; children: ReactNode; className?: string }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onCloseRef = useRef(onClose);
  onCloseRef.current = onClose;

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (!dialog.open) dialog.showModal();
    // The browser would focus the close button first; the content may name a better start.
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    // Escape: the browser would close the dialog itself; let the owner decide (it unmounts us).
    const cancel = (event: Event) => {
      event.preventDefault();
      onCloseRef.current();
    };
    dialog.addEventListener('cancel', cancel);
    return () => {
      dialog.removeEventListener('cancel', cancel);
      if (dialog.open) dialog.close();
    };
  }, []);

  return (
    <dialog ref={ref} className={`pb-modal ${className ?? ''}`} aria-labelledby={titleId}>
      <div className="pb-modal-head">
        <h2 id={titleId}>{title}</h2>
        <button type="button" className="icon-button" aria-label={t('common.close')} onClick={onClose}>
          ×
        </button>
      </div>
      {children}
    </dialog>
  );
}
