/** An API problem in words (its `detail`), or the generic sentence. */
import { Alert } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '../lib/problem';

export function ErrorAlert({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" role="alert" title={t('common.error')}>
      {problemMessage(error, t('common.error'))}
    </Alert>
  );
}
