/** One student: photo placeholder, name, school, grade, and their sections. */
import { Card, Group, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { formatDate } from '../lib/format';
import { PersonAvatar } from './Avatar';
import { SectionCards, type SectionCardData } from './SectionCards';

export interface StudentData {
  studentUsi: number;
  studentUniqueId: string;
  firstName: string;
  lastSurname: string;
  birthDate: string;
  gradeLevel: string | null;
  schoolName: string | null;
  sections: SectionCardData[];
}

export function StudentCard({ student, headingLevel = 2 }: { student: StudentData; headingLevel?: 2 | 3 }) {
  const { t } = useTranslation();
  const details = [
    `${t('student.grade')}: ${student.gradeLevel ?? '—'}`,
    `${t('student.uniqueId')}: ${student.studentUniqueId}`,
    `${t('student.birthDate')}: ${formatDate(student.birthDate)}`,
  ].join(' · ');
  return (
    <Stack gap="md">
      <Card withBorder radius="md">
        <Group wrap="nowrap">
          <PersonAvatar first={student.firstName} last={student.lastSurname} size="lg" />
          <div>
            <Title order={headingLevel} size="h3">
              {student.firstName} {student.lastSurname}
            </Title>
            <Text size="sm">{student.schoolName ?? '—'}</Text>
            <Text size="sm" c="dimmed">
              {details}
            </Text>
          </div>
        </Group>
      </Card>
      <Title order={(headingLevel + 1) as 3 | 4} size="h4">
        {t('student.sections')}
      </Title>
      <SectionCards sections={student.sections} link={false} />
    </Stack>
  );
}
