/** A section's pages: roster, gradebook, period grades. */
import { Anchor, Group } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

export function SectionTabs({ sectionId }: { sectionId: string }) {
  const { t } = useTranslation();
  return (
    <Group gap="md">
      <Anchor component={Link} to={`/sections/${sectionId}`}>
        {t('teacher.roster')}
      </Anchor>
      <Anchor component={Link} to={`/sections/${sectionId}/gradebook`}>
        {t('k12grades.gradebook')}
      </Anchor>
      <Anchor component={Link} to={`/sections/${sectionId}/grades`}>
        {t('k12grades.periodGrades')}
      </Anchor>
    </Group>
  );
}
