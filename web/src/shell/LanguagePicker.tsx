/** The language of the interface (English, Português, Español); remembered on this device. */
import { NativeSelect } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { LANGUAGES, setLanguage } from '../i18n';

export function LanguagePicker() {
  const { t, i18n } = useTranslation();
  return (
    <NativeSelect
      aria-label={t('shell.language')}
      size="xs"
      value={i18n.language}
      data={LANGUAGES.map((l) => ({ value: l.value, label: l.label }))}
      onChange={(event) => setLanguage(event.currentTarget.value)}
    />
  );
}
