import type { ReactNode } from 'react';

/**
 * A wide table on a narrow screen scrolls sideways inside a named region that takes the keyboard
 * focus, so it can be scrolled without a mouse even when the table holds no button or link (antd's
 * own scroll box cannot be). `minWidth` keeps the table from being squeezed below it; `className`
 * adds an area's own table styles.
 */
export function ScrollRegion({ label, minWidth, className, children }: { label: string; minWidth?: number; className?: string; children: ReactNode }) {
  return (
    <div className={className ? `scroll-region ${className}` : 'scroll-region'} role="region" aria-label={label} tabIndex={0}>
      {minWidth ? <div style={{ minWidth }}>{children}</div> : children}
    </div>
  );
}
