/**
 * Create or edit one retention policy (compliance.data_retention_policies through the generic API):
 * checked by the shared zod form schema, the server's refusals shown next to the field they name.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, NumberInput, Select, Stack, Switch, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { retentionPolicyForm } from '../../../../src/domains/compliance/schemas';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldError } from '../../lib/forms';
import { applyFieldErrors } from '../../lib/problem';

export type PolicyRow = components['schemas']['compliance_data_retention_policies'];
type Input = z.input<typeof retentionPolicyForm>;
type Output = z.output<typeof retentionPolicyForm>;
const FIELDS = ['dataCategory', 'tableName', 'retentionPeriodYears', 'disposalMethod', 'legalBasis'] as const;

function defaultsOf(row: PolicyRow | undefined): Input {
  const criteria = (row?.retentionCriteria ?? {}) as { days?: number; dateColumn?: string };
  const disposal = row?.disposalMethod?.toLowerCase();
  return {
    dataCategory: row?.dataCategory ?? '',
    tableName: row?.tableName ?? '',
    retentionPeriodYears: row?.retentionPeriodYears ?? 1,
    days: criteria.days,
    dateColumn: criteria.dateColumn ?? '',
    disposalMethod: disposal === 'anonymize' ? 'anonymize' : 'delete',
    legalBasis: row?.legalBasis ?? '',
    active: row?.active !== false,
  };
}

export function PolicyForm({ row, onClose }: { row?: PolicyRow; onClose: (saved: boolean) => void }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<unknown>();
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(retentionPolicyForm),
    defaultValues: defaultsOf(row),
  });
  const { errors, isSubmitting } = form.formState;
  const label = (key: string) => t(`compliance.${key}`);

  const submit = form.handleSubmit(async ({ days, dateColumn, ...values }) => {
    setFailure(undefined);
    // Criteria this form does not edit (match, anonymize) are kept.
    const criteria: Record<string, unknown> = { ...((row?.retentionCriteria ?? {}) as Record<string, unknown>) };
    delete criteria.days;
    delete criteria.dateColumn;
    if (days !== undefined) criteria.days = days;
    if (dateColumn) criteria.dateColumn = dateColumn;
    const body = { ...values, retentionCriteria: criteria };
    try {
      if (row?.id !== undefined) {
        // A replacement: the review schedule this form does not edit is sent back as it was.
        const kept = {
          reviewFrequencyMonths: row.reviewFrequencyMonths,
          lastReviewDate: row.lastReviewDate,
          nextReviewDate: row.nextReviewDate,
        };
        await unwrap(
          api.PUT('/api/v1/compliance/data-retention-policies/{k0}', {
            params: { path: { k0: row.id } },
            body: { ...kept, ...body },
          }),
        );
      } else await unwrap(api.POST('/api/v1/compliance/data-retention-policies', { body }));
      onClose(true);
    } catch (error) {
      if (!applyFieldErrors(error, FIELDS, form.setError)) setFailure(error);
    }
  });

  return (
    <Modal
      opened
      onClose={() => onClose(false)}
      title={row ? label('editPolicy') : label('newPolicy')}
      size="lg"
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <ErrorAlert error={failure} />
          <Group grow>
            <TextInput
              label={label('category')}
              error={fieldError(label('category'), errors.dataCategory)}
              {...form.register('dataCategory')}
            />
            <TextInput
              label={label('table')}
              placeholder="schema.table"
              error={fieldError(label('table'), errors.tableName)}
              {...form.register('tableName')}
            />
          </Group>
          <Group grow>
            <Controller
              control={form.control}
              name="retentionPeriodYears"
              render={({ field }) => (
                <NumberInput
                  label={label('retentionPeriodYears')}
                  value={field.value}
                  onChange={(v) => field.onChange(typeof v === 'number' ? v : undefined)}
                  onBlur={field.onBlur}
                  error={fieldError(label('retentionPeriodYears'), errors.retentionPeriodYears)}
                />
              )}
            />
            <Controller
              control={form.control}
              name="days"
              render={({ field }) => (
                <NumberInput
                  label={label('daysOverride')}
                  value={field.value ?? ''}
                  onChange={(v) => field.onChange(typeof v === 'number' ? v : undefined)}
                  onBlur={field.onBlur}
                  error={fieldError(label('daysOverride'), errors.days)}
                />
              )}
            />
          </Group>
          <Group grow>
            <TextInput
              label={label('dateColumn')}
              error={fieldError(label('dateColumn'), errors.dateColumn)}
              {...form.register('dateColumn')}
            />
            <Controller
              control={form.control}
              name="disposalMethod"
              render={({ field }) => (
                <Select
                  label={label('disposal')}
                  data={[
                    { value: 'delete', label: label('disposal_delete') },
                    { value: 'anonymize', label: label('disposal_anonymize') },
                  ]}
                  value={field.value}
                  onChange={(v) => field.onChange(v ?? 'delete')}
                  allowDeselect={false}
                  error={fieldError(label('disposal'), errors.disposalMethod)}
                />
              )}
            />
          </Group>
          <Textarea
            label={label('legalBasis')}
            autosize
            minRows={2}
            error={fieldError(label('legalBasis'), errors.legalBasis)}
            {...form.register('legalBasis')}
          />
          <Switch label={label('active')} {...form.register('active')} />
          <Group justify="flex-end">
            <Button variant="default" onClick={() => onClose(false)}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={isSubmitting}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
