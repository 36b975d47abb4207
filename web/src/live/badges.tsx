/** Session, group and connection states as badges (filled, colours with ≥ 5:1 contrast to white text). */
import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { LiveState } from './useLive';

const COLOURS: Record<string, string> = {
  created: '#495057',
  waiting: '#495057',
  connected: '#1864ab',
  ready: '#0b7285',
  active: '#1e6b30',
  paused: '#a63c06',
  issue: '#c92a2a',
  ended: '#343a40',
  archived: '#343a40',
};

export function StatusBadge({ status, testId }: { status: string | null; testId?: string }) {
  const { t } = useTranslation();
  const value = status ?? 'waiting';
  return (
    <Badge color={COLOURS[value] ?? '#495057'} variant="filled" data-testid={testId} data-status={value}>
      {t(`live.status.${value}`, { defaultValue: value })}
    </Badge>
  );
}

export function ConnectionBadge({ state }: { state: LiveState }) {
  const { t } = useTranslation();
  const colour = state === 'open' ? '#1e6b30' : state === 'refused' ? '#c92a2a' : '#495057';
  return (
    <Badge color={colour} variant="dot" data-testid="live-connection" data-state={state}>
      {t(`live.connection.${state}`)}
    </Badge>
  );
}
