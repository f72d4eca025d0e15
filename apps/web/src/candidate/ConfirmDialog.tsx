import { useEffect, useId, useRef, type ReactNode } from 'react';

interface Props {
  open: boolean;
  title: string;
  confirmText: string;
  cancelText: string;
  confirmDisabled?: boolean;
  children: ReactNode;
  onConfirm: () => void;
  onCancel: () => void;
}

/**
 * A modal confirmation on the browser's own <dialog>: showModal() makes the page behind it inert and
 * keeps the focus inside, Escape closes it (and cancels). Focus starts on the safe choice (cancel)
 * and goes back where it was when the dialog closes.
 */
export function ConfirmDialog({ open, title, confirmText, cancelText, confirmDisabled, children, onConfirm, onCancel }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const titleId = useId();

  useEffect(() => {
    const element = dialog.current;
    if (!element || !open) return;
    const before = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    element.showModal();
    cancel.current?.focus();
    return () => {
      element.close();
      if (before?.isConnected) before.focus();
    };
  }, [open]);

  return (
    <dialog
      ref={dialog}
      className="confirm"
      aria-labelledby={titleId}
      // Escape closes the dialog in the browser; the state follows.
      onClose={() => open && onCancel()}
      onClick={(event) => {
        // A click on the backdrop lands on the <dialog> itself (its content fills it): cancel, as Escape does.
        if (event.target === event.currentTarget) onCancel();
      }}
    >
      <div className="confirm-body">
        <h2 id={titleId}>{title}</h2>
        {children}
        <div className="confirm-actions">
          <button ref={cancel} type="button" className="btn" onClick={onCancel}>
            {cancelText}
          </button>
          <button type="button" className="btn btn-primary" disabled={confirmDisabled} onClick={onConfirm}>
            {confirmText}
          </button>
        </div>
      </div>
    </dialog>
  );
}
