/** What the nurse's lists share: a search box's text (debounced) and the page of a server-paged list. */
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';

export const PAGE_SIZE = 25;

export function useSearchPage() {
  const [text, setText] = useState('');
  const [q] = useDebouncedValue(text.trim(), 250);
  const [pageIndex, setPageIndex] = useState(0);
  return {
    text,
    setText: (value: string) => {
      setText(value);
      setPageIndex(0);
    },
    pageIndex,
    setPageIndex,
    query: { ...(q ? { q } : {}), limit: PAGE_SIZE, offset: pageIndex * PAGE_SIZE },
    pageCount: (total: number | undefined) =>
      total === undefined ? pageIndex + 1 : Math.max(1, Math.ceil(total / PAGE_SIZE)),
  };
}
