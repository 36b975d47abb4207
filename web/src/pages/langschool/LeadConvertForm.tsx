/**
 * Converts a lead: the student, an optional guardian and the enrolment in a class, one transaction on
 * the server; each refusal shows by the field it names.
 */
import { Button, Checkbox, Group, Select, Stack, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { fieldReasons } from '../../lib/problem';
import { classOptions, useClasses } from './LeadTrialForm';

/** What the form starts from: the lead's name split in two, its e-mail and phone. */
interface ConvertedLead {
  id: string;
  name: string;
  email?: string | null;
  phone?: string | null;
}

export function ConvertForm({ lead, onDone }: { lead: ConvertedLead; onDone: (message: string) => void }) {
  const { t } = useTranslation();
  const classes = useClasses();
  const [first, ...rest] = lead.name.split(' ');
  const [v, setV] = useState({
    classId: '',
    firstName: first ?? '',
    lastName: rest.join(' '),
    email: lead.email ?? '',
  });
  const [withGuardian, setWithGuardian] = useState(false);
  const [g, setG] = useState({ firstName: '', lastName: '', email: '', phone: lead.phone ?? '' });
  const opt = (s: string) => (s.trim() === '' ? undefined : s.trim());
  const convert = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/sales/leads/{leadId}/convert', {
          params: { path: { leadId: lead.id } },
          body: {
            classId: v.classId,
            student: { firstName: v.firstName, lastName: v.lastName, email: opt(v.email) },
            ...(withGuardian
              ? {
                  guardian: { firstName: g.firstName, lastName: g.lastName, email: opt(g.email), phone: opt(g.phone) },
                }
              : {}),
          },
        }),
      ),
    onSuccess: () => onDone(t('office.converted', { name: lead.name })),
  });
  const err = (f: string) => fieldReasons(convert.error, f);
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        convert.mutate();
      }}
      noValidate
    >
      <Stack>
        <ErrorAlert error={convert.error} />
        <Select
          label={t('ls.class')}
          required
          data={classOptions(classes.data, false)}
          value={v.classId || null}
          onChange={(c) => setV({ ...v, classId: c ?? '' })}
          error={err('classId')}
          searchable
        />
        <Group grow>
          <TextInput
            label={t('office.firstName')}
            required
            value={v.firstName}
            onChange={(e) => setV({ ...v, firstName: e.currentTarget.value })}
            error={err('student.firstName')}
          />
          <TextInput
            label={t('office.lastName')}
            required
            value={v.lastName}
            onChange={(e) => setV({ ...v, lastName: e.currentTarget.value })}
            error={err('student.lastName')}
          />
        </Group>
        <TextInput
          label={t('office.email')}
          type="email"
          value={v.email}
          onChange={(e) => setV({ ...v, email: e.currentTarget.value })}
          error={err('student.email')}
        />
        <Checkbox
          label={t('office.withGuardian')}
          checked={withGuardian}
          onChange={(e) => setWithGuardian(e.currentTarget.checked)}
        />
        {withGuardian ? (
          <>
            <Group grow>
              <TextInput
                label={t('office.guardianFirstName')}
                required
                value={g.firstName}
                onChange={(e) => setG({ ...g, firstName: e.currentTarget.value })}
                error={err('guardian.firstName')}
              />
              <TextInput
                label={t('office.guardianLastName')}
                required
                value={g.lastName}
                onChange={(e) => setG({ ...g, lastName: e.currentTarget.value })}
                error={err('guardian.lastName')}
              />
            </Group>
            <TextInput
              label={t('office.guardianEmail')}
              type="email"
              value={g.email}
              onChange={(e) => setG({ ...g, email: e.currentTarget.value })}
              error={err('guardian.email')}
            />
          </>
        ) : null}
        <Group justify="flex-end">
          <Button type="submit" loading={convert.isPending}>
            {t('office.convert')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
