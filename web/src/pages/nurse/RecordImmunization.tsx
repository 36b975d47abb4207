/**
 * Recording a dose given to a student: vaccine, dose number, date (not in the future), lot. Checked by
 * the server's own zod schema before sending; the server's refusals (a dose already recorded, a date in
 * the future) are shown next to the field or in words.
 */
import { Autocomplete, Button, Group, Modal, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Controller, type FieldError } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { IMMUNIZATION_REQUIREMENTS, recordImmunizationInput } from '../../../../src/domains/health/schemas';
import { api, unwrap } from '../../api/client';
import { FailureAlert } from '../../components/FailureAlert';
import { fieldError } from '../../lib/forms';
import { useServerForm } from '../../lib/server-form';

type Input = z.input<typeof recordImmunizationInput>;
type Output = z.output<typeof recordImmunizationInput>;

export interface Recorded {
  name: string;
  vaccine: string;
  dose: number;
}

interface Student {
  studentUsi: number;
  studentName: string;
  missing: { vaccine: string; recorded: number }[];
}

const today = () => new Date().toISOString().slice(0, 10);

export function RecordImmunization(props: { student: Student; onClose(): void; onRecorded(done: Recorded): void }) {
  const { student } = props;
  const { t } = useTranslation();
  const client = useQueryClient();
  const next = student.missing[0];
  const { form, errors, isSubmitting, failure, submit } = useServerForm<Input, Output>(
    recordImmunizationInput,
    {
      studentUsi: student.studentUsi,
      vaccineType: next?.vaccine ?? '',
      doseNumber: (next?.recorded ?? 0) + 1,
      dateAdministered: today(),
    },
    ['vaccineType', 'doseNumber', 'dateAdministered', 'lotNumber'],
    async (values) => {
      const saved = await unwrap(api.POST('/api/v1/health/immunizations', { body: values }));
      await client.invalidateQueries({ queryKey: ['health'] });
      props.onRecorded({ name: student.studentName, vaccine: saved.vaccineType, dose: saved.doseNumber ?? 0 });
    },
  );
  const optional = { setValueAs: (v: string) => (v === '' ? undefined : v) };
  return (
    <Modal
      opened
      onClose={props.onClose}
      title={t('health.recordTitle', { name: student.studentName })}
      closeButtonProps={{ 'aria-label': t('health.cancel') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <FailureAlert failure={failure} />
          <Controller
            control={form.control}
            name="vaccineType"
            render={({ field }) => (
              <Autocomplete
                label={t('health.vaccine')}
                data={IMMUNIZATION_REQUIREMENTS.map((r) => r.vaccine)}
                value={field.value}
                onChange={field.onChange}
                onBlur={field.onBlur}
                error={fieldError(t('health.vaccine'), errors.vaccineType)}
              />
            )}
          />
          <TextInput
            label={t('health.doseNumber')}
            type="number"
            min={1}
            // A coerced number's error is typed as a nested one; it is one message.
            error={fieldError(t('health.doseNumber'), errors.doseNumber as FieldError | undefined)}
            {...form.register('doseNumber')}
          />
          <TextInput
            label={t('health.dateAdministered')}
            type="date"
            max={today()}
            error={fieldError(t('health.dateAdministered'), errors.dateAdministered)}
            {...form.register('dateAdministered')}
          />
          <TextInput
            label={t('health.administeredBy')}
            error={fieldError(t('health.administeredBy'), errors.administeredBy)}
            {...form.register('administeredBy', optional)}
          />
          <TextInput
            label={t('health.lotNumber')}
            error={fieldError(t('health.lotNumber'), errors.lotNumber)}
            {...form.register('lotNumber', optional)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={props.onClose}>
              {t('health.cancel')}
            </Button>
            <Button type="submit" loading={isSubmitting}>
              {t('health.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
