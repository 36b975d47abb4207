/**
 * A modal's subject kept while the modal closes: the caller clears it (null) to close, but the closing
 * transition still draws the modal, so its title and body show the last subject instead of going empty.
 */
import { useRef } from 'react';

export function useLastShown<T>(current: T | null): T | null {
  const last = useRef<T | null>(null);
  if (current) last.current = current;
  return last.current;
}
