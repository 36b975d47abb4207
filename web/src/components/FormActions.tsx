/** A dialog form's last row: cancel (closes, sends nothing) and submit, busy while the request runs. */
import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function FormActions({ onCancel, pending, submit }: { onCancel(): void; pending: boolean; submit: string }) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <Button type="submit" loading={pending}>
        {submit}
      </Button>
    </Group>
  );
}
