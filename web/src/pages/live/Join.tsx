/**
 * A student joins a live session without an account: the access code the teacher shows, a display
 * name (and a birth date or school e-mail when asked), then their group with the session's state —
 * waiting for the teacher, on, paused or ended — and who else is in the group, live. The participant
 * token is kept for this tab only (sessionStorage) and renewed while the session lives.
 */
import { Button, Stack, TextInput } from '@mantine/core';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { joinInput } from '../../../../src/domains/classroom/sessions/schemas';
import { api, unwrap } from '../../api/client';
import { FailureAlert } from '../../components/FailureAlert';
import { fieldError } from '../../lib/forms';
import { useServerForm } from '../../lib/server-form';
import { AuthCard } from '../auth/AuthCard';
import { JoinedGroup, type Joined } from './JoinedGroup';

const STORAGE_KEY = 'schola.live.participant';
type Input = z.input<typeof joinInput>;
type Output = z.output<typeof joinInput>;

function stored(): Joined | null {
  try {
    return JSON.parse(sessionStorage.getItem(STORAGE_KEY) ?? 'null') as Joined | null;
  } catch {
    return null;
  }
}

export function Join() {
  const { t } = useTranslation();
  const [joined, setJoined] = useState<Joined | null>(stored);
  const code = new URLSearchParams(window.location.search).get('code') ?? '';

  const keep = useCallback((value: Joined | null) => {
    if (value) sessionStorage.setItem(STORAGE_KEY, JSON.stringify(value));
    else sessionStorage.removeItem(STORAGE_KEY);
    setJoined(value);
  }, []);

  const { form, errors, isSubmitting, failure, submit } = useServerForm<Input, Output>(
    joinInput,
    { accessCode: code, displayName: '' },
    ['accessCode', 'displayName', 'dateOfBirth', 'email'],
    async (values) => {
      const body = {
        accessCode: values.accessCode,
        displayName: values.displayName,
        ...(values.dateOfBirth ? { dateOfBirth: values.dateOfBirth } : {}),
        ...(values.email ? { email: values.email } : {}),
      };
      keep(await unwrap(api.POST('/api/v1/classroom/join', { body })));
    },
  );

  if (joined) return <JoinedGroup joined={joined} onChange={keep} />;

  // Empty optional fields are left out rather than sent as "" (which the schema would refuse).
  const optional = (name: 'dateOfBirth' | 'email') =>
    form.register(name, { setValueAs: (v: string) => (v === '' ? undefined : v) });

  return (
    <AuthCard title={t('live.joinTitle')}>
      <form onSubmit={submit} noValidate>
        <Stack>
          <FailureAlert failure={failure} />
          <TextInput
            label={t('live.accessCode')}
            description={t('live.accessCodeHint')}
            autoComplete="off"
            autoCapitalize="characters"
            maxLength={6}
            styles={{ input: { letterSpacing: 4, fontWeight: 700, textTransform: 'uppercase' } }}
            error={fieldError(t('live.accessCode'), errors.accessCode)}
            {...form.register('accessCode')}
          />
          <TextInput
            label={t('live.displayName')}
            description={t('live.displayNameHint')}
            autoComplete="name"
            error={fieldError(t('live.displayName'), errors.displayName)}
            {...form.register('displayName')}
          />
          <TextInput
            label={t('live.dateOfBirth')}
            description={t('live.dateOfBirthHint')}
            type="date"
            error={fieldError(t('live.dateOfBirth'), errors.dateOfBirth)}
            {...optional('dateOfBirth')}
          />
          <TextInput
            label={t('live.email')}
            type="email"
            autoComplete="email"
            error={fieldError(t('live.email'), errors.email)}
            {...optional('email')}
          />
          <Button type="submit" loading={isSubmitting}>
            {t('live.join')}
          </Button>
        </Stack>
      </form>
    </AuthCard>
  );
}
