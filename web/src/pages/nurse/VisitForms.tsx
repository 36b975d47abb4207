/**
 * The visit forms: a student comes in (picked by name, with the reason and a first assessment), and a
 * student is checked out (what was done, what was found). Checked by the server's own zod schemas
 * before sending; the server's refusals (already in the office, out before in) are shown next to the
 * field or in words.
 */
import { FormActions } from '../../components/FormActions';
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, useForm, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { checkOutVisitInput, recordVisitInput, VISIT_ACTIONS } from '../../../../src/domains/health/schemas';
import { api, unwrap } from '../../api/client';
import { fieldError } from '../../lib/forms';
import { applyFieldErrors, problemMessage } from '../../lib/problem';
import { StudentSearch } from './StudentSearch';

type Done = (message: string) => void;
const optional = { setValueAs: (v: string) => (v === '' ? undefined : v) };

function Failure({ message }: { message: string | undefined }) {
  return message ? (
    <Alert color="red" role="alert">
      {message}
    </Alert>
  ) : null;
}

export function RecordVisit(props: { onClose(): void; onDone: Done }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [failure, setFailure] = useState<string>();
  const [name, setName] = useState<string>();
  const form = useForm<z.input<typeof recordVisitInput>, unknown, z.output<typeof recordVisitInput>>({
    resolver: zodResolver(recordVisitInput),
    defaultValues: { reason: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    setFailure(undefined);
    try {
      await unwrap(api.POST('/api/v1/health/visits', { body: values }));
      await client.invalidateQueries({ queryKey: ['health', 'visits'] });
      props.onDone(t('health.visitRecorded', { name: name ?? '' }));
    } catch (error) {
      const fields = ['studentUsi', 'reason', 'assessment'] as const;
      if (!applyFieldErrors(error, fields, form.setError)) setFailure(problemMessage(error, t('common.error')));
    }
  });
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={t('health.recordVisit')}
      closeButtonProps={{ 'aria-label': t('health.cancel') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Failure message={failure} />
          <Controller
            control={form.control}
            name="studentUsi"
            render={({ field }) => (
              <StudentSearch
                label={t('health.student')}
                value={field.value as number | undefined}
                onChange={(usi, label) => {
                  field.onChange(usi);
                  setName(label?.replace(/ \(.*\)$/, ''));
                }}
                onBlur={field.onBlur}
                error={fieldError(t('health.student'), errors.studentUsi as FieldError | undefined)}
              />
            )}
          />
          <TextInput
            label={t('health.reason')}
            error={fieldError(t('health.reason'), errors.reason)}
            {...form.register('reason')}
          />
          <Textarea
            label={t('health.assessment')}
            autosize
            minRows={2}
            error={fieldError(t('health.assessment'), errors.assessment)}
            {...form.register('assessment', optional)}
          />
          <FormActions onCancel={props.onClose} pending={isSubmitting} submit={t('health.checkIn')} />
        </Stack>
      </form>
    </Modal>
  );
}

export function CheckOutVisit(props: {
  visit: { visitId: string; studentName: string; assessment: string | null };
  onClose(): void;
  onDone: Done;
}) {
  const { visit } = props;
  const { t } = useTranslation();
  const client = useQueryClient();
  const [failure, setFailure] = useState<string>();
  const form = useForm<z.input<typeof checkOutVisitInput>, unknown, z.output<typeof checkOutVisitInput>>({
    resolver: zodResolver(checkOutVisitInput),
    defaultValues: { assessment: visit.assessment ?? undefined },
  });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    setFailure(undefined);
    try {
      const saved = await unwrap(
        api.POST('/api/v1/health/visits/{visitId}/check-out', {
          params: { path: { visitId: visit.visitId } },
          body: values,
        }),
      );
      await client.invalidateQueries({ queryKey: ['health', 'visits'] });
      const told = saved.parentsNotified ? ` ${t('health.parentsNotified', { count: saved.parentsNotified })}` : '';
      props.onDone(`${t('health.checkedOut', { name: visit.studentName })}${told}`);
    } catch (error) {
      const fields = ['timeOut', 'actionTaken', 'assessment'] as const;
      if (!applyFieldErrors(error, fields, form.setError)) setFailure(problemMessage(error, t('common.error')));
    }
  });
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={t('health.checkOutTitle', { name: visit.studentName })}
      closeButtonProps={{ 'aria-label': t('health.cancel') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <Failure message={failure} />
          <Controller
            control={form.control}
            name="actionTaken"
            render={({ field }) => (
              <Select
                label={t('health.actionTaken')}
                data={VISIT_ACTIONS.map((a) => ({ value: a, label: t(`health.actions.${a}`) }))}
                value={field.value ?? null}
                onChange={(v) => field.onChange(v ?? undefined)}
                onBlur={field.onBlur}
                error={fieldError(t('health.actionTaken'), errors.actionTaken)}
              />
            )}
          />
          <Textarea
            label={t('health.assessment')}
            autosize
            minRows={2}
            error={fieldError(t('health.assessment'), errors.assessment)}
            {...form.register('assessment', optional)}
          />
          <FormActions onCancel={props.onClose} pending={isSubmitting} submit={t('health.checkOut')} />
        </Stack>
      </form>
    </Modal>
  );
}
