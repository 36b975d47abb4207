/**
 * Moving an enrolment to another class of the same course (POST …/enrollments/{id}/transfer): the
 * secretary picks one of the course's other active classes (with its seats taken); the server decides
 * (seats counted under a lock, same course, enrolment still open) and its refusals are shown in words.
 */
import { Alert, Button, Group, Modal, Select, Stack, Text } from '@mantine/core';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { problemMessage, ProblemError } from '../../lib/problem';

export interface TransferTarget {
  id: string;
  classId: string;
  studentName: string | null;
  className: string | null;
}

/** The refusal in the reader's language when its code is known; the server's detail otherwise. */
function TransferProblem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  const code = error instanceof ProblemError ? error.problem.code : undefined;
  const known = ['class_full', 'class_inactive', 'already_enrolled', 'enrollment_closed'];
  const message =
    code && known.includes(code) ? t(`ls.transferRefused.${code}`) : problemMessage(error, t('common.error'));
  return (
    <Alert color="red" role="alert" title={t('ls.transferRefusedTitle')}>
      {message}
    </Alert>
  );
}

export function TransferEnrollment({
  enrollment,
  onClose,
  onDone,
}: {
  enrollment: TransferTarget;
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t } = useTranslation();
  const [classId, setClassId] = useState<string | null>(null);
  const classes = useQuery({
    queryKey: ['ls-classes'],
    queryFn: () => unwrap(api.GET('/api/v1/school-ops/classes')),
  });
  const course = classes.data?.find((c) => c.id === enrollment.classId)?.courseName ?? null;
  const options = (classes.data ?? [])
    .filter((c) => c.isActive && c.id !== enrollment.classId && c.courseName === course)
    .map((c) => ({
      value: c.id,
      label: `${c.name ?? c.id} · ${t('ls.seats', { enrolled: c.enrolled, max: c.maxStudents })}`,
    }));
  const transfer = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/school-ops/enrollments/{enrollmentId}/transfer', {
          params: { path: { enrollmentId: enrollment.id } },
          body: { classId: classId ?? '' },
        }),
      ),
    onSuccess: (result) => {
      const to = classes.data?.find((c) => c.id === result.to.classId)?.name ?? result.to.className;
      onDone(t('ls.transferred', { name: enrollment.studentName ?? '', className: to ?? '' }));
    },
    onSettled: () => classes.refetch(),
  });
  const fieldError =
    transfer.error instanceof ProblemError ? transfer.error.fieldErrors.classId?.join('; ') : undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    transfer.mutate();
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={t('ls.transferTitle', { name: enrollment.studentName ?? '' })}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('ls.transferFrom', { className: enrollment.className ?? '' })}</Text>
          <Select
            label={t('ls.transferTo')}
            data={options}
            value={classId}
            onChange={setClassId}
            error={fieldError}
            nothingFoundMessage={t('common.none')}
            searchable
          />
          {classes.data && options.length === 0 ? <Text size="sm">{t('ls.transferNoClass')}</Text> : null}
          {fieldError ? null : <TransferProblem error={transfer.error} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" disabled={!classId} loading={transfer.isPending}>
              {t('ls.transfer')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
