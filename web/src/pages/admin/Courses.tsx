/**
 * Grades & report cards → Courses: a school administrator sets each course's GPA level (regular,
 * honors, AP), which the weighted GPA reads (the school's add-ons). A course of the district's
 * catalog is shared by its schools: only a district administrator may change it, so its level is
 * shown but not offered for change here. A change counts for final grades computed from then on.
 */
import { Alert, Badge, Loader, NativeSelect, Table, Text } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { courseGpaLevelInput, GRADE_LEVELS } from '../../../../src/domains/edfi/grades/schemas';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';

type Level = (typeof GRADE_LEVELS)[number];

export function Courses() {
  const { t } = useTranslation();
  const client = useQueryClient();
  const schoolId = useMe()?.principal.schoolIds?.[0];
  const [notice, setNotice] = useState<string | null>(null);
  const courses = useQuery({
    queryKey: ['school-courses', schoolId],
    queryFn: () => unwrap(api.GET('/api/v1/schools/{schoolId}/courses', { params: { path: { schoolId: schoolId! } } })),
    enabled: schoolId !== undefined,
  });
  const change = useMutation({
    mutationFn: ({ courseCode, level }: { courseCode: string; level: Level }) =>
      unwrap(
        api.PUT('/api/v1/schools/{schoolId}/courses/{courseCode}/gpa-level', {
          params: { path: { schoolId: schoolId!, courseCode } },
          // The same rule the server applies (one declaration in the domain's schemas).
          body: courseGpaLevelInput.parse({ level }),
        }),
      ),
    onMutate: () => setNotice(null),
    onSuccess: (course) => {
      setNotice(t('courses.saved', { course: course.courseTitle, level: t(`courses.level.${course.level}`) }));
      void client.invalidateQueries({ queryKey: ['school-courses', schoolId] });
    },
  });
  const rows = courses.data?.courses ?? [];
  return (
    <Page title={t('courses.title')}>
      <Text>{t('courses.intro')}</Text>
      {courses.data && !courses.data.highSchool ? <Text c="dimmed">{t('courses.highSchoolOnly')}</Text> : null}
      {schoolId === undefined ? <Text>{t('k12att.noSchool')}</Text> : null}
      <ErrorAlert error={courses.error ?? change.error} />
      <div role="status" aria-live="polite">
        {notice ? (
          <Alert color="teal" variant="light" p="xs">
            {notice}
          </Alert>
        ) : null}
      </div>
      {courses.isFetching && !courses.data ? <Loader aria-label={t('app.loading')} /> : null}
      {courses.data && rows.length === 0 ? <Text>{t('courses.none')}</Text> : null}
      {rows.length > 0 ? (
        <Table.ScrollContainer minWidth={560}>
          <Table withTableBorder striped aria-label={t('courses.title')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('courses.course')}</Table.Th>
                <Table.Th scope="col">{t('courses.catalog')}</Table.Th>
                <Table.Th scope="col" style={{ textAlign: 'right' }}>
                  {t('courses.sections')}
                </Table.Th>
                <Table.Th scope="col">{t('courses.gpaLevel')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((c) => (
                <Table.Tr key={`${c.educationOrganizationId}:${c.courseCode}`} data-course={c.courseCode}>
                  <Table.Th scope="row">
                    {c.courseTitle}{' '}
                    <Text span c="dimmed" size="sm">
                      {c.courseCode}
                    </Text>
                  </Table.Th>
                  <Table.Td>{c.schoolCatalog ? t('courses.schoolCatalog') : t('courses.districtCatalog')}</Table.Td>
                  <Table.Td style={{ textAlign: 'right' }}>{c.sections}</Table.Td>
                  <Table.Td>
                    {c.mayChange ? (
                      <NativeSelect
                        aria-label={t('courses.levelOf', { course: c.courseTitle })}
                        value={c.level}
                        disabled={change.isPending}
                        data={GRADE_LEVELS.map((l) => ({
                          value: l,
                          label: t(`courses.level.${l}`),
                          // The server refuses a weighted level outside high school (422): not offered.
                          disabled: l !== 'regular' && !courses.data?.highSchool,
                        }))}
                        onChange={(e) =>
                          change.mutate({ courseCode: c.courseCode, level: e.currentTarget.value as Level })
                        }
                      />
                    ) : (
                      <>
                        <Badge variant="light" color={c.level === 'regular' ? 'gray' : 'indigo'}>
                          {t(`courses.level.${c.level}`)}
                        </Badge>{' '}
                        <Text span size="sm" c="dimmed">
                          {t('courses.districtOnly')}
                        </Text>
                      </>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Page>
  );
}
