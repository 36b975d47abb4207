/** Sections as cards: name, course, school, roster size, teachers; each opens its roster. */
import { Badge, Card, Group, SimpleGrid, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

export interface SectionCardData {
  id: string;
  name: string;
  courseTitle: string | null;
  schoolName: string;
  sessionName: string;
  studentCount: number;
  teachers: string[];
}

export function SectionCards({ sections, link = true }: { sections: SectionCardData[]; link?: boolean }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
      {sections.map((s) => (
        <Card
          key={s.id}
          withBorder
          radius="md"
          padding="md"
          {...(link ? { component: Link, to: `/sections/${s.id}` } : {})}
          style={{ textDecoration: 'none' }}
        >
          <Group justify="space-between" align="flex-start" wrap="nowrap">
            <Text fw={600}>{s.name}</Text>
            <Badge variant="light" color="indigo" tt="none" style={{ flexShrink: 0 }}>
              {t('teacher.students', { count: s.studentCount })}
            </Badge>
          </Group>
          {s.courseTitle && s.courseTitle !== s.name ? (
            <Text size="sm" c="dimmed">
              {s.courseTitle}
            </Text>
          ) : null}
          <Text size="sm">{s.schoolName}</Text>
          <Text size="xs" c="dimmed">
            {[s.sessionName, s.teachers.join(', ')].filter(Boolean).join(' · ')}
          </Text>
        </Card>
      ))}
    </SimpleGrid>
  );
}
