import type { ReactNode } from 'react';

export type NoticeTone = 'error' | 'warning' | 'info';

const MARKS: Record<NoticeTone, string> = { error: '!', warning: '!', info: 'i' };

/**
 * A message box in place of Ant Design's Alert (no UI library on a candidate's phone). Errors and
 * warnings interrupt a screen reader (role="alert"); information waits its turn (role="status").
 */
export function Notice(props: { tone: NoticeTone; children: ReactNode; action?: ReactNode; onClose?: () => void; closeLabel?: string; className?: string }) {
  const { tone, children, action, onClose, closeLabel, className } = props;
  return (
    <div className={`notice notice-${tone} ${className ?? ''}`} role={tone === 'info' ? 'status' : 'alert'}>
      <span className="notice-mark" aria-hidden="true">
        {MARKS[tone]}
      </span>
      <p className="notice-text">{children}</p>
      {action}
      {onClose && (
        <button type="button" className="notice-close" aria-label={closeLabel} onClick={onClose}>
          ×
        </button>
      )}
    </div>
  );
}
