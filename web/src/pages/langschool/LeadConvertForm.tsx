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

type PersonField = 'firstName' | 'lastName' | 'email';
type Person = Record<PersonField, string>;

/** One person's name (both parts required) and optional e-mail, each refusal shown by its field. */
function PersonFields({
  labels,
  person,
  onChange,
  error,
}: {
  labels: Record<PersonField, string>;
  person: Person;
  onChange: (change: Partial<Person>) => void;
  error: (field: PersonField) => string | undefined;
}) {
  return (
    <>
      <Group grow>
        {(['firstName', 'lastName'] as const).map((field) => (
          <TextInput
            key={field}
            label={labels[field]}
            required
            value={person[field]}
            onChange={(e) => onChange({ [field]: e.currentTarget.value })}
            error={error(field)}
          />
        ))}
      </Group>
      <TextInput
        label={labels.email}
        type="email"
        value={person.email}
        onChange={(e) => onChange({ email: e.currentTarget.value })}
        error={error('email')}
      />
    </>
  );
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
        <PersonFields
          labels={{ firstName: t('office.firstName'), lastName: t('office.lastName'), email: t('office.email') }}
          person={v}
          onChange={(change) => setV({ ...v, ...change })}
          error={(field) => err(`student.${field}`)}
        />
        <Checkbox
          label={t('office.withGuardian')}
          checked={withGuardian}
          onChange={(e) => setWithGuardian(e.currentTarget.checked)}
        />
        {withGuardian ? (
          <PersonFields
            labels={{
              firstName: t('office.guardianFirstName'),
              lastName: t('office.guardianLastName'),
              email: t('office.guardianEmail'),
            }}
            person={g}
            onChange={(change) => setG({ ...g, ...change })}
            error={(field) => err(`guardian.${field}`)}
          />
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
