import type { ReactNode } from 'react';

/**
 * A wide table on a narrow screen: it scrolls sideways inside a region that the keyboard can reach
 * (focusable and named), instead of antd's own scroll box, which keyboard users cannot scroll.
 */
export function TableRegion({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    <div className="table-region" role="region" aria-label={label} tabIndex={0}>
      <div style={{ minWidth }}>{children}</div>
    </div>
  );
}
