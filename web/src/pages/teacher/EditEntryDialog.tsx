/**
 * Correcting an assignment from the gradebook: a dialog prefilled with its title, category, dates, points possible
 * and description; save sends only the fields changed (PATCH), nothing when none did. The server's refusals go next
 * to the field they name (a date outside the session, points possible cleared once scores are entered); lowering
 * points possible below entered scores is allowed (extra credit) and said before saving. The save names the entry as
 * it was loaded (If-Match: its ETag), so a change someone else made meanwhile is not overwritten: the dialog closes,
 * says so, and the gradebook reloads with that change.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { Modal, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useForm, useWatch, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { entryChange } from '../../../../src/domains/edfi/grades/gradebook.schema';
import { api, unwrap } from '../../api/client';
import type { paths } from '../../api/schema';
import { FormActions } from '../../components/FormActions';
import { applyFieldErrors, ProblemError, problemMessage } from '../../lib/problem';
import { asNumber, ENTRY_FIELDS, EntryFields, Failure, type EntryFieldValues } from './EntryFields';

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

/** The fields whose value differs from the entry's (the PATCH body). */
function changedFields(entry: Entry, values: FormOutput): Partial<FormOutput> {
  return Object.fromEntries(
    ENTRY_FIELDS.filter((f) => values[f] !== undefined && values[f] !== entry[f]).map((f) => [f, values[f]]),
  );
}

interface Props {
  sectionId: string;
  book: Gradebook;
  entry: Entry;
  onDone(message: string): void;
  /** The entry changed since it was loaded: nothing was saved. */
  onStale(message: string): void;
  onCancel(): void;
}

function EditEntryForm({ sectionId, book, entry, onDone, onStale, onCancel }: Props) {
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
  const { isSubmitting } = form.formState;
  const maxPoints = useWatch({ control: form.control, name: 'maxPoints' });
  const points = asNumber(maxPoints, null);
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
          headers: { 'If-Match': entry.etag },
          body,
        }),
      );
      onDone(t('k12grades.entrySaved', { title: saved.title }));
    } catch (error) {
      if (error instanceof ProblemError && error.status === 412)
        onStale(t('k12grades.entryChangedMeanwhile', { title: entry.title }));
      else if (!applyFieldErrors(error, ENTRY_FIELDS, form.setError))
        setFailure(problemMessage(error, t('common.error')));
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Failure text={failure} />
        <Text size="sm">
          {t('k12grades.period')}: {entry.gradingPeriod ?? '—'}
        </Text>
        <EntryFields
          form={form as unknown as UseFormReturn<EntryFieldValues>}
          categories={book.categories}
          empty={null}
          maxPointsHint={above > 0 ? t('k12grades.extraCredit', { count: above }) : undefined}
          // An Ed-Fi client's entry may have no Schola category yet: it is filed by its entry type until one is chosen.
          categoryPlaceholder={entry.categoryId ? undefined : t('k12grades.noCategoryYet')}
        />
        <FormActions onCancel={onCancel} pending={isSubmitting} submit={t('common.save')} />
      </Stack>
    </form>
  );
}

/**
 * The dialog of the entry being edited (none: closed). Closing returns the focus to its column's Edit button. The
 * entry last shown stays in the dialog while it fades out, so the closing dialog keeps its name and content.
 */
export function EditEntryDialog(props: Omit<Props, 'entry' | 'onCancel'> & { entry?: Entry; onClose(): void }) {
  const { t } = useTranslation();
  const { entry, onClose, ...rest } = props;
  const [shown, setShown] = useState(entry);
  if (entry && entry !== shown) setShown(entry);
  return (
    <Modal
      closeButtonProps={{ 'aria-label': t('common.close') }}
      opened={!!entry}
      onClose={onClose}
      title={shown ? t('k12grades.editEntryOf', { title: shown.title }) : ''}
    >
      {shown ? <EditEntryForm key={shown.id} {...rest} entry={shown} onCancel={onClose} /> : null}
    </Modal>
  );
}
