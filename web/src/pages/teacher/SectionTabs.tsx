/** A section's pages: roster, attendance, gradebook, period grades (the open one in bold, aria-current). */
import { Anchor, Group } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

export function SectionTabs({ sectionId }: { sectionId: string }) {
  const { t } = useTranslation();
  const tabs = [
    { to: `/sections/${sectionId}`, label: t('teacher.roster') },
    { to: `/sections/${sectionId}/attendance`, label: t('k12att.attendance') },
    { to: `/sections/${sectionId}/gradebook`, label: t('k12grades.gradebook') },
    { to: `/sections/${sectionId}/grades`, label: t('k12grades.periodGrades') },
  ];
  return (
    <Group gap="md" component="nav" aria-label={t('k12grades.sectionPages')}>
      {tabs.map((tab) => (
        <Anchor
          key={tab.to}
          component={Link}
          to={tab.to}
          activeOptions={{ exact: true }}
          activeProps={{ style: { fontWeight: 700 }, 'aria-current': 'page' }}
        >
          {tab.label}
        </Anchor>
      ))}
    </Group>
  );
}
