/**
 * Password reset: ask for a link (the answer is the same whether the address has an account), then
 * set a new password with the code from the e-mail (`/password-reset/complete?token=…`).
 */
import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  newPasswordSchema,
  passwordResetInput,
  passwordResetRequestInput,
} from '../../../../src/platform/identity/schemas';
import { api, unwrap } from '../../api/client';
import { fieldError } from '../../lib/forms';
import { FailureAlert } from '../../components/FailureAlert';
import { useServerForm } from '../../lib/server-form';
import { AuthCard } from './AuthCard';
import { EmailInput, rememberedTenant, TenantInput } from './AuthForm';

export function PasswordResetRequest() {
  const { t } = useTranslation();
  const [done, setDone] = useState<string>();
  const { form, errors, isSubmitting, failure, submit } = useServerForm(
    passwordResetRequestInput,
    { tenant: rememberedTenant(), email: '' },
    ['tenant', 'email'],
    async (values) => {
      await unwrap(api.POST('/auth/password-reset/request', { body: values }));
      setDone(t('auth.resetSent'));
    },
  );
  return (
    <AuthCard title={t('auth.resetTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Text size="sm">{t('auth.resetIntro')}</Text>
          {done ? (
            <Alert color="teal" role="status">
              {done}
            </Alert>
          ) : null}
          <FailureAlert failure={failure} />
          <TenantInput field={form.register('tenant')} error={errors.tenant} />
          <EmailInput field={form.register('email')} error={errors.email} />
          <Button type="submit" loading={isSubmitting}>
            {t('auth.sendLink')}
          </Button>
          <Anchor component={Link} to="/sign-in" size="sm">
            {t('auth.backToSignIn')}
          </Anchor>
        </Stack>
      </form>
    </AuthCard>
  );
}

/** The server's reset input, with the new password's length rule checked before the round trip. */
const completeSchema = passwordResetInput.extend({ password: newPasswordSchema });

export function PasswordResetComplete({ token }: { token?: string }) {
  const { t } = useTranslation();
  const [done, setDone] = useState(false);
  const { form, errors, isSubmitting, failure, submit } = useServerForm(
    completeSchema,
    { tenant: rememberedTenant(), token: token ?? '', password: '' },
    ['tenant', 'token', 'password'],
    async (values) => {
      await unwrap(api.POST('/auth/password-reset', { body: values }));
      setDone(true);
    },
  );
  return (
    <AuthCard title={t('auth.resetTitle')}>
      {done ? (
        <Stack>
          <Alert color="teal" role="status">
            {t('auth.resetDone')}
          </Alert>
          <Anchor component={Link} to="/sign-in">
            {t('auth.backToSignIn')}
          </Anchor>
        </Stack>
      ) : (
        <form onSubmit={submit} noValidate>
          <Stack>
            <FailureAlert failure={failure} />
            <TenantInput field={form.register('tenant')} error={errors.tenant} />
            <TextInput
              label={t('auth.token')}
              error={fieldError(t('auth.token'), errors.token)}
              {...form.register('token')}
            />
            <PasswordInput
              label={t('auth.newPassword')}
              autoComplete="new-password"
              error={fieldError(t('auth.newPassword'), errors.password)}
              {...form.register('password')}
            />
            <Button type="submit" loading={isSubmitting}>
              {t('auth.setPassword')}
            </Button>
          </Stack>
        </form>
      )}
    </AuthCard>
  );
}

export function PasswordResetCompletePage() {
  const { token } = useSearch({ strict: false }) as { token?: string };
  return <PasswordResetComplete token={token} />;
}
