/**
 * The fields of an assignment, shared by the gradebook's "add" and "edit" dialogs: title, category, dates, points
 * possible and description, each with its error next to it (the forms' zod schemas, then the server's
 * validationErrors). An emptied optional field is "not given" when adding and "cleared" (null) when editing.
 */
import { Alert, Group, Select, Textarea, TextInput } from '@mantine/core';
import { Controller, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../lib/forms';

/** What both forms hold (each form's own type is cast to it: react-hook-form's types do not vary by field). */
export interface EntryFieldValues {
  title: string;
  categoryId: string;
  dateAssigned: string;
  dueDate: string | null;
  maxPoints: number | null;
  description: string | null;
}

export const ENTRY_FIELDS = ['title', 'categoryId', 'dateAssigned', 'dueDate', 'maxPoints', 'description'] as const;

/** A refusal in words, above the fields. */
export function Failure({ text }: { text?: string }) {
  return text ? (
    <Alert color="red" role="alert" p="xs">
      {text}
    </Alert>
  ) : null;
}

/** A number field's text as a number (decimal comma too); `empty` when blank. Defaults may already be numbers. */
export const asNumber = (v: unknown, empty: null | undefined) =>
  typeof v !== 'string' ? v : v.trim() === '' ? empty : Number(v.trim().replace(',', '.'));

interface Props {
  form: UseFormReturn<EntryFieldValues>;
  categories: readonly { id: string; name: string; weightPercent: number }[];
  /** What a blank optional field becomes: undefined (not given) or null (cleared). */
  empty: null | undefined;
  /** Under points possible (default: how to score in percent). */
  maxPointsHint?: string;
  categoryPlaceholder?: string;
}

export function EntryFields({ form, categories, empty, maxPointsHint, categoryPlaceholder }: Props) {
  const { t } = useTranslation();
  const { errors } = form.formState;
  const blank = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? empty : v);
  const label = {
    title: t('k12grades.entryTitle'),
    category: t('k12grades.category'),
    dateAssigned: t('k12grades.dateAssigned'),
    dueDate: t('k12grades.dueDate'),
    maxPoints: t('k12grades.maxPoints'),
    description: t('k12grades.entryDescription'),
  };
  return (
    <>
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
            placeholder={categoryPlaceholder}
            data={categories.map((c) => ({ value: c.id, label: `${c.name} (${c.weightPercent} %)` }))}
            value={field.value || null}
            onChange={(v) => field.onChange(v ?? '')}
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
          {...form.register('dueDate', { setValueAs: blank })}
        />
      </Group>
      <TextInput
        label={label.maxPoints}
        description={maxPointsHint ?? t('k12grades.maxPointsHint')}
        inputMode="decimal"
        w={320}
        error={fieldError(label.maxPoints, errors.maxPoints)}
        {...form.register('maxPoints', { setValueAs: (v: unknown) => asNumber(v, empty) })}
      />
      <Textarea
        label={label.description}
        autosize
        minRows={2}
        maxRows={6}
        error={fieldError(label.description, errors.description)}
        {...form.register('description', { setValueAs: blank })}
      />
    </>
  );
}
