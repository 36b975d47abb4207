/** A page: its title (the one h1, also the document title) and its content. */
import { Stack, Title } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';

export function Page({ title, actions, children }: { title: string; actions?: ReactNode; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Schola`;
  }, [title]);
  return (
    <Stack gap="lg">
      <div
        style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center', gap: 16, flexWrap: 'wrap' }}
      >
        <Title order={1} size="h2">
          {title}
        </Title>
        {actions}
      </div>
      {children}
    </Stack>
  );
}
