/**
 * Password reset: ask for a link (the answer is the same whether the address has an account), then
 * set a new password with the code from the e-mail (`/password-reset/complete?token=…`).
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Anchor, Button, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { Link, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { type z } from 'zod';
import {
  newPasswordSchema,
  passwordResetInput,
  passwordResetRequestInput,
} from '../../../../src/platform/identity/schemas';
import { api, unwrap } from '../../api/client';
import { fieldError } from '../../lib/forms';
import { applyFieldErrors, problemMessage } from '../../lib/problem';
import { AuthCard } from './AuthCard';

const tenantDefault = () => localStorage.getItem('schola.tenant') ?? '';

export function PasswordResetRequest() {
  const { t } = useTranslation();
  const [done, setDone] = useState<string>();
  const [failure, setFailure] = useState<string>();
  const form = useForm<z.input<typeof passwordResetRequestInput>, unknown, z.output<typeof passwordResetRequestInput>>({
    resolver: zodResolver(passwordResetRequestInput),
    defaultValues: { tenant: tenantDefault(), email: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    setFailure(undefined);
    try {
      await unwrap(api.POST('/auth/password-reset/request', { body: values }));
      setDone(t('auth.resetSent'));
    } catch (error) {
      if (!applyFieldErrors(error, ['tenant', 'email'] as const, form.setError))
        setFailure(problemMessage(error, t('common.error')));
    }
  });
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
          {failure ? (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          ) : null}
          <TextInput
            label={t('auth.tenant')}
            error={fieldError(t('auth.tenant'), errors.tenant)}
            {...form.register('tenant')}
          />
          <TextInput
            label={t('auth.email')}
            type="email"
            autoComplete="username"
            error={fieldError(t('auth.email'), errors.email)}
            {...form.register('email')}
          />
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
  const [failure, setFailure] = useState<string>();
  const form = useForm<z.input<typeof completeSchema>, unknown, z.output<typeof completeSchema>>({
    resolver: zodResolver(completeSchema),
    defaultValues: { tenant: tenantDefault(), token: token ?? '', password: '' },
  });
  const { errors, isSubmitting } = form.formState;
  const submit = form.handleSubmit(async (values) => {
    setFailure(undefined);
    try {
      await unwrap(api.POST('/auth/password-reset', { body: values }));
      setDone(true);
    } catch (error) {
      if (!applyFieldErrors(error, ['tenant', 'token', 'password'] as const, form.setError))
        setFailure(problemMessage(error, t('common.error')));
    }
  });
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
            {failure ? (
              <Alert color="red" role="alert">
                {failure}
              </Alert>
            ) : null}
            <TextInput
              label={t('auth.tenant')}
              error={fieldError(t('auth.tenant'), errors.tenant)}
              {...form.register('tenant')}
            />
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
