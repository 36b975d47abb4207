/**
 * "New lead" on the lead board: the CRM's own zod schema validates the form (e-mail, lengths, the
 * source list); the server's refusals are shown next to their fields, anything else in words.
 */
import { Modal, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Controller } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { createLeadInput, LEAD_SOURCES } from '../../../../src/domains/crm/schemas';
import { api, unwrap } from '../../api/client';
import { FailureAlert } from '../../components/FailureAlert';
import { FormActions } from '../../components/FormActions';
import { fieldError } from '../../lib/forms';
import { useServerForm } from '../../lib/server-form';

type Input = z.input<typeof createLeadInput>;
type Output = z.output<typeof createLeadInput>;
const FIELDS = ['name', 'email', 'phone', 'source', 'interest', 'notes'] as const;
/** An empty optional box is "not given", not an invalid empty string. */
const optional = { setValueAs: (v: string) => (v === '' ? undefined : v) };

export function NewLead({
  opened,
  onClose,
  onCreated,
}: {
  opened: boolean;
  onClose: () => void;
  onCreated: (name: string) => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const { form, errors, isSubmitting, failure, submit } = useServerForm<Input, Output>(
    createLeadInput,
    { name: '', source: 'walk_in' },
    FIELDS,
    async (values) => {
      const lead = await unwrap(api.POST('/api/v1/sales/leads', { body: values }));
      await client.invalidateQueries({ queryKey: ['ls-leads'] });
      form.reset();
      onCreated(lead.name);
    },
  );
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={opened}
      onClose={onClose}
      title={t('office.newLead')}
    >
      <form onSubmit={submit} noValidate>
        <Stack>
          <FailureAlert failure={failure} />
          <TextInput
            label={t('common.name')}
            required
            error={fieldError(t('common.name'), errors.name)}
            {...form.register('name')}
            data-autofocus
          />
          <TextInput
            label={t('office.email')}
            type="email"
            error={fieldError(t('office.email'), errors.email)}
            {...form.register('email', optional)}
          />
          <TextInput
            label={t('office.phone')}
            type="tel"
            error={fieldError(t('office.phone'), errors.phone)}
            {...form.register('phone', optional)}
          />
          <Controller
            control={form.control}
            name="source"
            render={({ field }) => (
              <Select
                label={t('office.source')}
                required
                data={LEAD_SOURCES.map((s) => ({ value: s, label: t(`office.sources.${s}`) }))}
                value={field.value ?? null}
                onChange={(v) => field.onChange(v ?? undefined)}
                error={fieldError(t('office.source'), errors.source)}
                allowDeselect={false}
              />
            )}
          />
          <TextInput
            label={t('office.interest')}
            error={fieldError(t('office.interest'), errors.interest)}
            {...form.register('interest', optional)}
          />
          <Textarea
            label={t('office.notes')}
            error={fieldError(t('office.notes'), errors.notes)}
            {...form.register('notes', optional)}
          />
          <FormActions onCancel={onClose} pending={isSubmitting} submit={t('office.createLead')} />
        </Stack>
      </form>
    </Modal>
  );
}
