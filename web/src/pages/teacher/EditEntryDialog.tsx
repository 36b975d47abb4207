/**
 * Correcting an assignment from the gradebook: a dialog prefilled with its title, category, dates, points possible
 * and description; save sends only the fields changed (PATCH), nothing when none did. The server's refusals go next
 * to the field they name (a date outside the session, points possible cleared once scores are entered); lowering
 * points possible below entered scores is allowed (extra credit) and said before saving.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Group, Modal, Select, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { Controller, useForm, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { entryChange } from '../../../../src/domains/edfi/grades/gradebook.schema';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { FormActions } from '../../components/FormActions';
import { fieldError } from '../../lib/forms';
import { applyFieldErrors, problemMessage } from '../../lib/problem';

type Gradebook =
  paths['/api/v1/sections/{sectionId}/gradebook']['get']['responses'][200]['content']['application/json'];
type Entry = Gradebook['entries'][number];

/** The server's rules for a change, plus the order of the dates (the server checks it against the stored ones). */
const entryForm = entryChange.refine((v) => !v.dueDate || !v.dateAssigned || v.dueDate >= v.dateAssigned, {
  path: ['dueDate'],
  message: 'must not be before dateAssigned',
});
type FormInput = z.input<typeof entryForm>;
type FormOutput = z.output<typeof entryForm>;

const FIELDS = ['title', 'description', 'categoryId', 'dateAssigned', 'dueDate', 'maxPoints'] as const;

/** An emptied field is cleared (null); a number field's text a number (decimal comma too). */
const orNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);
const asNumber = (v: unknown) =>
  typeof v !== 'string' ? v : v.trim() === '' ? null : Number(v.trim().replace(',', '.'));

/** The fields whose value differs from the entry's (the PATCH body). */
function changedFields(entry: Entry, values: FormOutput): Partial<FormOutput> {
  return Object.fromEntries(
    FIELDS.filter((f) => values[f] !== undefined && values[f] !== entry[f]).map((f) => [f, values[f]]),
  );
}

interface Props {
  sectionId: string;
  book: Gradebook;
  entry: Entry;
  onDone(message: string): void;
  onCancel(): void;
}

function EditEntryForm({ sectionId, book, entry, onDone, onCancel }: Props) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string>();
  const form = useForm<FormInput, unknown, FormOutput>({
    resolver: zodResolver(entryForm),
    defaultValues: {
      title: entry.title,
      description: entry.description ?? undefined,
      categoryId: entry.categoryId ?? undefined,
      dateAssigned: entry.dateAssigned,
      dueDate: entry.dueDate ?? undefined,
      maxPoints: entry.maxPoints ?? undefined,
    },
  });
  const { errors, isSubmitting } = form.formState;
  const maxPoints = useWatch({ control: form.control, name: 'maxPoints' });
  const points = asNumber(maxPoints);
  const above = book.scores.filter(
    (s) => s.entryId === entry.id && s.points !== null && typeof points === 'number' && s.points > points,
  ).length;
  const submit = form.handleSubmit(async (values) => {
    setFailure(undefined);
    const body = changedFields(entry, values);
    if (Object.keys(body).length === 0) return onDone(t('k12grades.entryUnchanged', { title: entry.title }));
    try {
      const saved = await unwrap(
        api.PATCH('/api/v1/sections/{sectionId}/gradebook/entries/{entryId}', {
          params: { path: { sectionId, entryId: entry.id } },
          body,
        }),
      );
      onDone(t('k12grades.entrySaved', { title: saved.title }));
    } catch (error) {
      if (!applyFieldErrors(error, FIELDS, form.setError)) setFailure(problemMessage(error, t('common.error')));
    }
  });
  const label = {
    title: t('k12grades.entryTitle'),
    category: t('k12grades.category'),
    dateAssigned: t('k12grades.dateAssigned'),
    dueDate: t('k12grades.dueDate'),
    maxPoints: t('k12grades.maxPoints'),
    description: t('k12grades.entryDescription'),
  };
  // An Ed-Fi client's entry may have no Schola category yet: it is filed by its entry type until one is chosen.
  const categories = book.categories.map((c) => ({ value: c.id, label: `${c.name} (${c.weightPercent} %)` }));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        {failure ? (
          <Alert color="red" role="alert" p="xs">
            {failure}
          </Alert>
        ) : null}
        <Text size="sm">
          {t('k12grades.period')}: {entry.gradingPeriod ?? '—'}
        </Text>
        <TextInput
          label={label.title}
          error={fieldError(label.title, errors.title)}
          data-autofocus
          {...form.register('title')}
        />
        <Controller
          control={form.control}
          name="categoryId"
          render={({ field }) => (
            <Select
              label={label.category}
              placeholder={entry.categoryId ? undefined : t('k12grades.noCategoryYet')}
              data={categories}
              value={field.value ?? null}
              onChange={(v) => field.onChange(v ?? undefined)}
              onBlur={field.onBlur}
              allowDeselect={false}
              error={fieldError(label.category, errors.categoryId)}
            />
          )}
        />
        <Group grow align="flex-start">
          <TextInput
            type="date"
            label={label.dateAssigned}
            error={fieldError(label.dateAssigned, errors.dateAssigned)}
            {...form.register('dateAssigned')}
          />
          <TextInput
            type="date"
            label={label.dueDate}
            error={fieldError(label.dueDate, errors.dueDate)}
            {...form.register('dueDate', { setValueAs: orNull })}
          />
        </Group>
        <TextInput
          label={label.maxPoints}
          description={above > 0 ? t('k12grades.extraCredit', { count: above }) : t('k12grades.maxPointsHint')}
          inputMode="decimal"
          w={320}
          error={fieldError(label.maxPoints, errors.maxPoints)}
          {...form.register('maxPoints', { setValueAs: asNumber })}
        />
        <Textarea
          label={label.description}
          autosize
          minRows={2}
          maxRows={6}
          error={fieldError(label.description, errors.description)}
          {...form.register('description', { setValueAs: orNull })}
        />
        <FormActions onCancel={onCancel} pending={isSubmitting} submit={t('common.save')} />
      </Stack>
    </form>
  );
}

/** The dialog of the entry being edited (none: closed). Closing returns the focus to its column's Edit button. */
export function EditEntryDialog(props: Omit<Props, 'entry' | 'onCancel'> & { entry?: Entry; onClose(): void }) {
  const { t } = useTranslation();
  const { entry, onClose, ...rest } = props;
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={!!entry}
      onClose={onClose}
      title={entry ? t('k12grades.editEntryOf', { title: entry.title }) : ''}
    >
      {entry ? <EditEntryForm {...rest} entry={entry} onCancel={onClose} /> : null}
    </Modal>
  );
}
