/**
 * One student's period grade, edited in a dialog: override the letter (one of the school's scale, with a
 * required reason; or remove the override) and the teacher's comment printed on the report card. Field
 * errors next to the field (the domain's zod schemas, then the server's validationErrors); refusals in words.
 */
import { Button, Divider, Group, Modal, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { commentInput, overrideForm } from '../../../../src/domains/edfi/grades/schemas';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { FailureAlert } from '../../components/FailureAlert';
import { fieldError } from '../../lib/forms';
import { useServerForm } from '../../lib/server-form';

type PeriodGrades =
  paths['/api/v1/sections/{sectionId}/grades/{gradingPeriod}']['get']['responses'][200]['content']['application/json'];
export type PeriodGrade = PeriodGrades['grades'][number];

interface Props {
  sectionId: string;
  gradingPeriod: string;
  schoolId: number;
  grade: PeriodGrade;
  percent: string;
  onClose(): void;
  /** The saved grade and what to announce. */
  onSaved(grade: PeriodGrade, message: string): void;
}

const target = (p: Props) => ({
  params: { path: { sectionId: p.sectionId, gradingPeriod: p.gradingPeriod, studentUsi: p.grade.studentUsi } },
});

function OverrideForm(props: Props) {
  const { t } = useTranslation();
  const { grade } = props;
  const policy = useQuery({
    queryKey: ['grading-policy', props.schoolId],
    queryFn: () =>
      unwrap(api.GET('/api/v1/schools/{schoolId}/grading-policy', { params: { path: { schoolId: props.schoolId } } })),
    staleTime: 300_000,
  });
  const send = async (body: { letter: string | null; reason?: string }) => {
    const saved = await unwrap(
      api.PUT('/api/v1/sections/{sectionId}/grades/{gradingPeriod}/students/{studentUsi}/override', {
        ...target(props),
        body,
      }),
    );
    const letter = saved.letter ?? '—';
    props.onSaved(
      saved,
      body.letter === null
        ? t('k12grades.overrideRemoved', { student: grade.name, letter })
        : t('k12grades.overrideSaved', { student: grade.name, letter }),
    );
  };
  const { form, errors, isSubmitting, failure, submit, guard } = useServerForm(
    overrideForm,
    { letter: grade.letter ?? '', reason: grade.overrideReason ?? '' },
    ['letter', 'reason'],
    send,
  );
  return (
    <form onSubmit={submit} noValidate aria-labelledby="override-title">
      <Stack gap="sm">
        <Title order={3} size="h5" id="override-title">
          {t('k12grades.overrideTitle')}
        </Title>
        <Text size="sm">
          {t('k12grades.computedAs', { letter: grade.computedLetter ?? '—', percent: props.percent })}
        </Text>
        {grade.overridden ? (
          <Text size="sm" fw={600}>
            {t('k12grades.overriddenFrom', { computed: grade.computedLetter ?? '—', reason: grade.overrideReason })}
          </Text>
        ) : null}
        <FailureAlert failure={failure} p="xs" />
        <Controller
          control={form.control}
          name="letter"
          render={({ field }) => (
            <Select
              label={t('k12grades.overrideLetter')}
              data={(policy.data?.scale ?? []).map((l) => l.letter)}
              value={field.value || null}
              onChange={(v) => field.onChange(v ?? '')}
              onBlur={field.onBlur}
              allowDeselect={false}
              error={fieldError(t('k12grades.overrideLetter'), errors.letter)}
              w={160}
            />
          )}
        />
        <Textarea
          label={t('k12grades.overrideReason')}
          description={t('k12grades.overrideReasonHint')}
          autosize
          minRows={2}
          error={fieldError(t('k12grades.overrideReason'), errors.reason)}
          {...form.register('reason')}
        />
        <Group justify="flex-end">
          {grade.overridden ? (
            <Button variant="default" onClick={() => void guard(() => send({ letter: null }))} disabled={isSubmitting}>
              {t('k12grades.removeOverride')}
            </Button>
          ) : null}
          <Button type="submit" loading={isSubmitting}>
            {t('k12grades.saveOverride')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function CommentForm(props: Props) {
  const { t } = useTranslation();
  const { form, errors, isSubmitting, failure, submit } = useServerForm(
    commentInput,
    { comment: props.grade.comment ?? '' },
    ['comment'],
    async (body) => {
      const saved = await unwrap(
        api.PUT('/api/v1/sections/{sectionId}/grades/{gradingPeriod}/students/{studentUsi}/comment', {
          ...target(props),
          body,
        }),
      );
      props.onSaved(saved, t('k12grades.commentSaved', { student: props.grade.name }));
    },
  );
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <FailureAlert failure={failure} p="xs" />
        <Textarea
          label={t('k12grades.commentTitle')}
          description={t('k12grades.commentHint')}
          autosize
          minRows={3}
          maxLength={1024}
          error={fieldError(t('k12grades.commentTitle'), errors.comment)}
          {...form.register('comment')}
        />
        <Group justify="flex-end">
          <Button type="submit" loading={isSubmitting}>
            {t('k12grades.saveComment')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function GradeEditor(props: Props) {
  const { t } = useTranslation();
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened
      onClose={props.onClose}
      title={t('k12grades.editGradeOf', { student: props.grade.name })}
      size="lg"
    >
      <Stack>
        <OverrideForm {...props} />
        <Divider />
        <CommentForm {...props} />
      </Stack>
    </Modal>
  );
}
