/**
 * Sign-in: organization (tenant slug, remembered), e-mail, password — validated by the same zod
 * schema the server uses; the server's refusal is shown in words, its field errors next to fields.
 */
import { zodResolver } from '@hookform/resolvers/zod';
import { Alert, Anchor, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { signInInput } from '../../../../src/platform/identity/schemas';
import { api, unwrap } from '../../api/client';
import { meQuery } from '../../auth/session';
import { fieldError } from '../../lib/forms';
import { applyFieldErrors, problemMessage } from '../../lib/problem';
import { AuthCard } from './AuthCard';

const TENANT_KEY = 'schola.tenant';
type Input = z.input<typeof signInInput>;
type Output = z.output<typeof signInInput>;

export function SignIn() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [failure, setFailure] = useState<string>();
  const form = useForm<Input, unknown, Output>({
    resolver: zodResolver(signInInput),
    defaultValues: { tenant: localStorage.getItem(TENANT_KEY) ?? '', email: '', password: '' },
  });
  const { errors, isSubmitting } = form.formState;

  const submit = form.handleSubmit(async (values) => {
    setFailure(undefined);
    try {
      await unwrap(api.POST('/auth/sign-in', { body: values }));
      localStorage.setItem(TENANT_KEY, values.tenant);
      await client.invalidateQueries({ queryKey: meQuery.queryKey });
      await client.fetchQuery(meQuery);
      await navigate({ to: '/' });
    } catch (error) {
      if (!applyFieldErrors(error, ['tenant', 'email', 'password'] as const, form.setError))
        setFailure(problemMessage(error, t('common.error')));
    }
  });

  return (
    <AuthCard title={t('auth.signInTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          {failure ? (
            <Alert color="red" role="alert">
              {failure}
            </Alert>
          ) : null}
          <TextInput
            label={t('auth.tenant')}
            description={t('auth.tenantHint')}
            autoComplete="organization"
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
          <PasswordInput
            label={t('auth.password')}
            autoComplete="current-password"
            error={fieldError(t('auth.password'), errors.password)}
            {...form.register('password')}
          />
          <Button type="submit" loading={isSubmitting}>
            {t('auth.signIn')}
          </Button>
          <Anchor component={Link} to="/password-reset" size="sm">
            {t('auth.forgot')}
          </Anchor>
        </Stack>
      </form>
    </AuthCard>
  );
}
