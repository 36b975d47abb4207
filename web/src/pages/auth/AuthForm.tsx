/**
 * What the signed-out forms share besides the server-validated form (lib/server-form.ts): the
 * remembered organization and the organization and e-mail fields.
 */
import { TextInput } from '@mantine/core';
import type { FieldError, UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { fieldError } from '../../lib/forms';

export const TENANT_KEY = 'schola.tenant';

/** The organization last signed in to, so that no one types it twice. */
export const rememberedTenant = () => localStorage.getItem(TENANT_KEY) ?? '';

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
