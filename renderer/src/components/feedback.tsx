/**
 * What a person sees after acting: a visible status line for confirmations
 * (also spoken by screen readers) and the app's own confirmation dialog —
 * in the UI's language, never the browser's.
 */
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAppState } from '../state.js';

/** How long a confirmation stays in view. */
const TOAST_MS = 7000;

export function StatusLine() {
  const { t } = useTranslation();
  const { message, messageKind } = useAppState();
  const [shown, setShown] = useState('');
  useEffect(() => {
    if (!message) return;
    setShown(message);
    const timer = setTimeout(() => setShown(''), TOAST_MS);
    return () => clearTimeout(timer);
  }, [message]);
  return (
    <div className={`toast ${messageKind} ${shown ? 'visible' : ''}`} role={messageKind === 'error' ? 'alert' : 'status'} aria-live="polite" data-testid="toast">
      {shown && (
        <>
          <span>{shown}</span>
          <button type="button" className="link" onClick={() => setShown('')} aria-label={t('app.close')}>×</button>
        </>
      )}
    </div>
  );
}

export function ConfirmDialog() {
  const { t } = useTranslation();
  const { pending } = useAppState();
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (pending && !dialog.open) dialog.showModal();
    if (!pending && dialog.open) dialog.close();
  }, [pending]);
  return (
    <dialog ref={ref} className="confirm" aria-labelledby="confirm-title" onCancel={(e) => { e.preventDefault(); pending?.resolve(false); }} data-testid="confirm-dialog">
      {pending && (
        <>
          <h2 id="confirm-title">{pending.title}</h2>
          <p>{pending.message}</p>
          <div className="actions">
            <button type="button" onClick={() => pending.resolve(false)} data-testid="confirm-cancel" autoFocus>{pending.cancel ?? t('appui.cancel')}</button>
            <button type="button" className={pending.danger ? 'danger' : 'primary'} onClick={() => pending.resolve(true)} data-testid="confirm-ok">{pending.ok}</button>
          </div>
        </>
      )}
    </dialog>
  );
}
