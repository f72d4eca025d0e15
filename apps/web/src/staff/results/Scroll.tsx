import type { ReactNode } from 'react';

/**
 * A wide table on a narrow screen: scrolls sideways in a named region that the keyboard can reach
 * (a table of plain figures has nothing focusable inside for its own scroll box).
 */
export function Scroll({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="results-scroll" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
