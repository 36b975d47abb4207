/**
 * Sign-in: organization (tenant slug, remembered), e-mail, password — validated by the same zod
 * schema the server uses; the server's refusal is shown in words, its field errors next to fields.
 */
import { Anchor, Button, PasswordInput, Stack } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { signInInput } from '../../../../src/platform/identity/schemas';
import { api, unwrap } from '../../api/client';
import { meQuery } from '../../auth/session';
import { fieldError } from '../../lib/forms';
import { FailureAlert } from '../../components/FailureAlert';
import { useServerForm } from '../../lib/server-form';
import { AuthCard } from './AuthCard';
import { EmailInput, rememberedTenant, TENANT_KEY, TenantInput } from './AuthForm';

export function SignIn() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useQueryClient();
  const { form, errors, isSubmitting, failure, submit } = useServerForm(
    signInInput,
    { tenant: rememberedTenant(), email: '', password: '' },
    ['tenant', 'email', 'password'],
    async (values) => {
      await unwrap(api.POST('/auth/sign-in', { body: values }));
      localStorage.setItem(TENANT_KEY, values.tenant);
      await client.invalidateQueries({ queryKey: meQuery.queryKey });
      await client.fetchQuery(meQuery);
      await navigate({ to: '/' });
    },
  );

  return (
    <AuthCard title={t('auth.signInTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FailureAlert failure={failure} />
          <TenantInput hint field={form.register('tenant')} error={errors.tenant} />
          <EmailInput field={form.register('email')} error={errors.email} />
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
