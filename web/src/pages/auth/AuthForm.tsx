/**
 * What the signed-out forms share: validation by the server's own zod schema, the server's refusal next
 * to the fields it names (else in words above the form), and the organization and e-mail fields.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, TextInput } from '@mantine/core';
import { useState } from 'react';
import {
  useForm,
  type DefaultValues,
  type FieldError,
  type FieldValues,
  type Path,
  type UseFormRegisterReturn,
} from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { type z } from 'zod';
import { fieldError } from '../../lib/forms';
import { applyFieldErrors, problemMessage } from '../../lib/problem';

export const TENANT_KEY = 'schola.tenant';

/** The organization last signed in to, so that no one types it twice. */
export const rememberedTenant = () => localStorage.getItem(TENANT_KEY) ?? '';

/** A form over `schema` whose submit runs `send`; a refusal lands on `fields` or in `failure`. */
export function useAuthForm<I extends FieldValues, O extends FieldValues>(
  schema: z.ZodType<O, I>,
  defaultValues: DefaultValues<I>,
  fields: readonly Path<I>[],
  send: (values: O) => Promise<void>,
) {
  const { t } = useTranslation();
  const [failure, setFailure] = useState<string>();
  const form = useForm<I, unknown, O>({ resolver: zodResolver(schema), defaultValues });
  const submit = form.handleSubmit(async (values) => {
    setFailure(undefined);
    try {
      await send(values);
    } catch (error) {
      if (!applyFieldErrors(error, fields, form.setError)) setFailure(problemMessage(error, t('common.error')));
    }
  });
  return { form, errors: form.formState.errors, isSubmitting: form.formState.isSubmitting, failure, submit };
}

export function FailureAlert({ failure }: { failure: string | undefined }) {
  return failure ? (
    <Alert color="red" role="alert">
      {failure}
    </Alert>
  ) : null;
}

interface FieldProps {
  field: UseFormRegisterReturn;
  error: FieldError | undefined;
}

/** The tenant slug; on the sign-in page with its hint and the browser's autofill of it. */
export function TenantInput({ field, error, hint }: FieldProps & { hint?: boolean }) {
  const { t } = useTranslation();
  const described = hint ? { description: t('auth.tenantHint'), autoComplete: 'organization' } : {};
  return <TextInput label={t('auth.tenant')} {...described} error={fieldError(t('auth.tenant'), error)} {...field} />;
}

export function EmailInput({ field, error }: FieldProps) {
  const { t } = useTranslation();
  return (
    <TextInput
      label={t('auth.email')}
      type="email"
      autoComplete="username"
      error={fieldError(t('auth.email'), error)}
      {...field}
    />
  );
}
