/**
 * A form validated by the server's own zod schema: its submit clears the last refusal and runs `send`;
 * a refusal lands next to the `fields` it names (the problem's validationErrors), else in `failure`, in
 * words. `guard` runs any other action of the form (a second button) under the same rule.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, type DefaultValues, type FieldValues, type Path } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { type z } from 'zod';
import { applyFieldErrors, problemMessage } from './problem';

export function useServerForm<I extends FieldValues, O extends FieldValues>(
  schema: z.ZodType<O, I>,
  defaultValues: DefaultValues<I>,
  fields: readonly Path<I>[],
  send: (values: O) => Promise<void>,
) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string>();
  const form = useForm<I, unknown, O>({ resolver: zodResolver(schema), defaultValues });
  const guard = async (action: () => Promise<void>) => {
    setFailure(undefined);
    try {
      await action();
    } catch (error) {
      if (!applyFieldErrors(error, fields, form.setError)) setFailure(problemMessage(error, t('common.error')));
    }
  };
  const submit = form.handleSubmit((values) => guard(() => send(values)));
  return { form, errors: form.formState.errors, isSubmitting: form.formState.isSubmitting, failure, submit, guard };
}
