import { Button, Group, Stack, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../components/ErrorAlert';
import { labelledReasons } from '../../lib/problem';

/** The cancel form of a session and of a class: a reason, sent as is; its refusal shows on the field. */
export function ReasonForm(props: {
  error: unknown;
  pending: boolean;
  onSubmit: (reason: string) => void;
  submit: string;
  variant?: 'outline';
}) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        props.onSubmit(reason);
      }}
      noValidate
    >
      <Stack>
        <ErrorAlert error={props.error} />
        <TextInput
          label={t('ls.reason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={labelledReasons(props.error, 'reason', t('ls.reason'))}
        />
        <Group justify="flex-end">
          <Button type="submit" color="red" variant={props.variant} loading={props.pending}>
            {props.submit}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
