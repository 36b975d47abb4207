/**
 * The visit forms: a student comes in (picked by name, with the reason and a first assessment), and a
 * student is checked out (what was done, what was found). Checked by the server's own zod schemas
 * before sending; the server's refusals (already in the office, out before in) are shown next to the
 * field or in words.
 */
import { Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Controller, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { checkOutVisitInput, recordVisitInput, VISIT_ACTIONS } from '../../../../src/domains/health/schemas';
import { api, unwrap } from '../../api/client';
import { FailureAlert } from '../../components/FailureAlert';
import { FormActions } from '../../components/FormActions';
import { fieldError } from '../../lib/forms';
import { useServerForm } from '../../lib/server-form';
import { StudentSearch } from './StudentSearch';

type Done = (message: string) => void;
const optional = { setValueAs: (v: string) => (v === '' ? undefined : v) };

export function RecordVisit(props: { onClose(): void; onDone: Done }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState<string>();
  const { form, errors, isSubmitting, failure, submit } = useServerForm(
    recordVisitInput,
    { reason: '' },
    ['studentUsi', 'reason', 'assessment'],
    async (values) => {
      await unwrap(api.POST('/api/v1/health/visits', { body: values }));
      await client.invalidateQueries({ queryKey: ['health', 'visits'] });
      props.onDone(t('health.visitRecorded', { name: name ?? '' }));
    },
  );
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={t('health.recordVisit')}
      closeButtonProps={{ 'aria-label': t('health.cancel') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <FailureAlert failure={failure} />
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
  const { form, errors, isSubmitting, failure, submit } = useServerForm(
    checkOutVisitInput,
    { assessment: visit.assessment ?? undefined },
    ['timeOut', 'actionTaken', 'assessment'],
    async (values) => {
      const saved = await unwrap(
        api.POST('/api/v1/health/visits/{visitId}/check-out', {
          params: { path: { visitId: visit.visitId } },
          body: values,
        }),
      );
      await client.invalidateQueries({ queryKey: ['health', 'visits'] });
      const told = saved.parentsNotified ? ` ${t('health.parentsNotified', { count: saved.parentsNotified })}` : '';
      props.onDone(`${t('health.checkedOut', { name: visit.studentName })}${told}`);
    },
  );
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={t('health.checkOutTitle', { name: visit.studentName })}
      closeButtonProps={{ 'aria-label': t('health.cancel') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <FailureAlert failure={failure} />
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
