/**
 * A table wider than the page on a tablet or a phone: it scrolls sideways inside its own frame, so the
 * page itself never does. The frame is a named, focusable region: the keyboard scrolls it too.
 */
import type { ReactNode } from 'react';

export function TableScroll({ label, minWidth, children }: { label: string; minWidth: number; children: ReactNode }) {
  return (
    <div role="region" aria-label={label} tabIndex={0} style={{ overflowX: 'auto' }}>
      <div style={{ minWidth }}>{children}</div>
    </div>
  );
}
