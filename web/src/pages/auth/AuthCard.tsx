/** The frame of the signed-out pages: the name, a card, the language picker. */
import { Center, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { LanguagePicker } from '../../shell/LanguagePicker';

export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} · Schola`;
  }, [title]);
  return (
    <Center mih="100vh" p="md" component="main" id="main">
      <Stack w="100%" maw={420} gap="md">
        <Group justify="space-between">
          <Text fw={800} fz={28} c="indigo.8">
            Schola
          </Text>
          <LanguagePicker />
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <Title order={1} size="h3" mb="md">
            {title}
          </Title>
          {children}
        </Paper>
      </Stack>
    </Center>
  );
}
