/** A section's pages: roster, attendance, gradebook, period grades (the open one in bold, aria-current). */
import { Anchor, Group } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

export function SectionTabs({ sectionId }: { sectionId: string }) {
  const { t } = useTranslation();
  const tabs = [
    { to: `/sections/${sectionId}`, label: t('teacher.roster'), exact: true },
    // The attendance tab stays current on a day's page (`…/attendance/2026-12-02`).
    { to: `/sections/${sectionId}/attendance`, label: t('k12att.attendance'), exact: false },
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
          activeOptions={{ exact: tab.exact ?? true }}
          activeProps={{ style: { fontWeight: 700 }, 'aria-current': 'page' }}
        >
          {tab.label}
        </Anchor>
      ))}
    </Group>
  );
}
