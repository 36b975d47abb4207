/**
 * The gradebook's two forms, each in a dialog: add an assignment to the open grading period (its fields, shared with
 * the edit dialog, in EntryFields) and add a category (name, weight, lowest scores dropped; the categories
 * route sets the whole list, so the existing ones are sent with it). Field errors next to the field (the
 * domain's zod schemas, then the server's validationErrors); refusals in words.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useForm, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { categoryInput, entryInput } from '../../../../src/domains/edfi/grades/gradebook.schema';
import { api, unwrap } from '../../api/client';
import { FormActions } from '../../components/FormActions';
import { fieldError } from '../../lib/forms';
import { applyFieldErrors, problemMessage } from '../../lib/problem';
import type { paths } from '../../api/schema';
import { asNumber, ENTRY_FIELDS, EntryFields, Failure, type EntryFieldValues } from './EntryFields';

type Gradebook =
  paths['/api/v1/sections/{sectionId}/gradebook']['get']['responses'][200]['content']['application/json'];

interface Props {
  sectionId: string;
  gradingPeriod: string;
  book: Gradebook;
  /** Saved: what to announce (the caller refreshes the gradebook). */
  onDone(message: string): void;
}

function EntryForm({ sectionId, gradingPeriod, book, onDone, onCancel }: Props & { onCancel(): void }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string>();
  const form = useForm<z.input<typeof entryInput>, unknown, z.output<typeof entryInput>>({
    resolver: zodResolver(entryInput),
    defaultValues: {
      title: '',
      categoryId: book.categories[0]?.id ?? '',
      gradingPeriod,
      dateAssigned: new Date().toISOString().slice(0, 10),
    },
  });
  const { errors, isSubmitting } = form.formState;
  const fields = [...ENTRY_FIELDS, 'gradingPeriod'] as const;
  const submit = form.handleSubmit(async (body) => {
    setFailure(undefined);
    try {
      const entry = await unwrap(
        api.POST('/api/v1/sections/{sectionId}/gradebook/entries', { params: { path: { sectionId } }, body }),
      );
      onDone(t('k12grades.entryAdded', { title: entry.title, period: gradingPeriod }));
    } catch (error) {
      if (!applyFieldErrors(error, fields, form.setError)) setFailure(problemMessage(error, t('common.error')));
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Failure
          text={
            failure ?? (errors.gradingPeriod ? `${t('k12grades.period')}: ${errors.gradingPeriod.message}` : undefined)
          }
        />
        <Text size="sm">
          {t('k12grades.period')}: {gradingPeriod}
        </Text>
        <EntryFields
          form={form as unknown as UseFormReturn<EntryFieldValues>}
          categories={book.categories}
          empty={undefined}
        />
        <FormActions onCancel={onCancel} pending={isSubmitting} submit={t('k12grades.add')} />
      </Stack>
    </form>
  );
}

function CategoryForm({ sectionId, book, onDone, onCancel }: Props & { onCancel(): void }) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string>();
  const form = useForm<z.input<typeof categoryInput>, unknown, z.output<typeof categoryInput>>({
    resolver: zodResolver(categoryInput),
    defaultValues: { name: '', dropLowest: 0 },
  });
  const { errors, isSubmitting } = form.formState;
  const index = book.categories.length;
  const submit = form.handleSubmit(async (category) => {
    setFailure(undefined);
    const categories = [
      ...book.categories.map(({ name, weightPercent, dropLowest }) => ({ name, weightPercent, dropLowest })),
      category,
    ];
    try {
      await unwrap(
        api.PUT('/api/v1/sections/{sectionId}/gradebook/categories', {
          params: { path: { sectionId } },
          body: { categories },
        }),
      );
      onDone(t('k12grades.categoryAdded', { name: category.name }));
    } catch (error) {
      // The server names the new category's fields by its place in the list.
      const named = applyFieldErrors(
        error,
        [`categories.${index}.name`, `categories.${index}.weightPercent`, `categories.${index}.dropLowest`] as const,
        (field, e) => form.setError(field.split('.').at(-1) as 'name' | 'weightPercent' | 'dropLowest', e),
      );
      if (!named) setFailure(problemMessage(error, t('common.error')));
    }
  });
  const label = {
    name: t('k12grades.categoryName'),
    weight: t('k12grades.weight'),
    drop: t('k12grades.dropLowest'),
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Failure text={failure} />
        <TextInput
          label={label.name}
          error={fieldError(label.name, errors.name)}
          data-autofocus
          {...form.register('name')}
        />
        <Group grow align="flex-start">
          <TextInput
            label={label.weight}
            inputMode="decimal"
            error={fieldError(label.weight, errors.weightPercent)}
            {...form.register('weightPercent', { setValueAs: (v: unknown) => asNumber(v, undefined) })}
          />
          <TextInput
            label={label.drop}
            description={t('k12grades.dropLowestHint')}
            inputMode="numeric"
            error={fieldError(label.drop, errors.dropLowest)}
            {...form.register('dropLowest', { setValueAs: (v: unknown) => asNumber(v, undefined) ?? 0 })}
          />
        </Group>
        <FormActions onCancel={onCancel} pending={isSubmitting} submit={t('k12grades.add')} />
      </Stack>
    </form>
  );
}

/** The two buttons and their dialogs. */
export function GradebookForms(props: Props) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'entry' | 'category' | null>(null);
  const done = (message: string) => {
    setOpen(null);
    props.onDone(message);
  };
  const noCategory = props.book.categories.length === 0;
  return (
    <>
      <Group gap="sm">
        <Button variant="light" onClick={() => setOpen('entry')} disabled={noCategory}>
          {t('k12grades.addEntry')}
        </Button>
        <Button variant="default" onClick={() => setOpen('category')}>
          {t('k12grades.addCategory')}
        </Button>
        {noCategory ? (
          <Text size="sm" c="dimmed">
            {t('k12grades.noCategory')}
          </Text>
        ) : null}
      </Group>
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={open === 'entry'}
        onClose={() => setOpen(null)}
        title={t('k12grades.addEntry')}
      >
        {open === 'entry' ? <EntryForm {...props} onDone={done} onCancel={() => setOpen(null)} /> : null}
      </Modal>
      <Modal
        closeButtonProps={{ 'aria-label': t('common.close') }}
        opened={open === 'category'}
        onClose={() => setOpen(null)}
        title={t('k12grades.addCategory')}
      >
        {open === 'category' ? <CategoryForm {...props} onDone={done} onCancel={() => setOpen(null)} /> : null}
      </Modal>
    </>
  );
}
