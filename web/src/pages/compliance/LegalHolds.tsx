/**
 * Legal holds: the tenant's holds (newest first), placing one on a student found by name (retention
 * then keeps every row naming that student), and releasing one with the reason (kept in the audit trail).
 */
import { Badge, Button, Card, Group, Modal, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatDateTime } from '../../lib/format';
import { fieldReasons } from '../../lib/problem';
import { StudentPicker, useStudentNames } from './students';

const HOLDS = '/api/v1/compliance/legal-holds';
type Hold = Awaited<ReturnType<typeof listHolds>>[number];
const listHolds = () => unwrap(api.GET(HOLDS));

function PlaceHold({ onPlaced }: { onPlaced: () => void }) {
  const { t } = useTranslation();
  const [student, setStudent] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const place = useMutation({
    mutationFn: () => unwrap(api.POST(HOLDS, { body: { tableName: 'edfi.student', recordId: student ?? '', reason } })),
    onSuccess: () => {
      setStudent(null);
      setReason('');
      onPlaced();
    },
  });
  const reasonError = fieldReasons(place.error, 'reason');
  const recordError = fieldReasons(place.error, 'recordId');
  return (
    <Card withBorder radius="md">
      <Stack>
        <Title order={2} size="h4">
          {t('compliance.placeHold')}
        </Title>
        <Group align="flex-start">
          <StudentPicker
            label={t('compliance.student')}
            description={t('compliance.studentHint')}
            value={student}
            onChange={setStudent}
            error={recordError ? `${t('compliance.student')}: ${recordError}` : undefined}
            testId="hold-student"
          />
          <Textarea
            label={t('compliance.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            error={reasonError ? `${t('compliance.reason')} ${reasonError}` : undefined}
            autosize
            minRows={1}
            w={360}
          />
        </Group>
        <ErrorAlert error={reasonError || recordError ? undefined : place.error} />
        <Group>
          <Button onClick={() => place.mutate()} loading={place.isPending} disabled={!student}>
            {t('compliance.place')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

function ReleaseHold({ hold, onClose }: { hold: Hold; onClose: (released: boolean) => void }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const release = useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/compliance/legal-holds/{holdId}/release', {
          params: { path: { holdId: hold.id } },
          body: { reason },
        }),
      ),
    onSuccess: () => onClose(true),
  });
  const reasonError = fieldReasons(release.error, 'reason');
  return (
    <Modal
      opened
      onClose={() => onClose(false)}
      title={t('compliance.releaseTitle')}
      closeButtonProps={{ 'aria-label': t('common.close') }}
    >
      <Stack>
        <Text size="sm">{hold.reason}</Text>
        <Textarea
          label={t('compliance.releaseReason')}
          value={reason}
          onChange={(e) => setReason(e.currentTarget.value)}
          error={reasonError ? `${t('compliance.reason')} ${reasonError}` : undefined}
          autosize
          minRows={2}
          data-autofocus
        />
        <ErrorAlert error={reasonError ? undefined : release.error} />
        <Group justify="flex-end">
          <Button variant="default" onClick={() => onClose(false)}>
            {t('common.cancel')}
          </Button>
          <Button color="#8a4500" onClick={() => release.mutate()} loading={release.isPending}>
            {t('compliance.release')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

export function LegalHolds() {
  const { t } = useTranslation();
  const me = useMe();
  const mayEdit = me?.principal.roles.includes('district_admin') ?? false;
  const client = useQueryClient();
  const [releasing, setReleasing] = useState<Hold | null>(null);
  // One notice at a time: what the last action did.
  const [notice, setNotice] = useState<string>();
  const holds = useQuery({ queryKey: ['legal-holds'], queryFn: listHolds });
  const names = useStudentNames(
    (holds.data ?? []).filter((h) => h.tableName === 'edfi.student' && h.recordId).map((h) => h.recordId!),
  );
  const scopeOf = (h: Hold) =>
    h.recordId === null
      ? `${h.tableName}: ${t('compliance.wholeTable')}`
      : h.tableName === 'edfi.student'
        ? t('compliance.studentRecords', { name: names.get(h.recordId) ?? h.recordId })
        : `${h.tableName}: ${t('compliance.row', { id: h.recordId })}`;
  const refresh = () => void client.invalidateQueries({ queryKey: ['legal-holds'] });
  return (
    <Page title={t('compliance.holdsTitle')}>
      {mayEdit ? (
        <PlaceHold
          onPlaced={() => {
            setNotice(t('compliance.holdPlaced'));
            refresh();
          }}
        />
      ) : null}
      <ErrorAlert error={holds.error} />
      {notice ? (
        <Text size="sm" role="status">
          {notice}
        </Text>
      ) : null}
      <Table striped aria-label={t('compliance.holds')} data-testid="holds">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('compliance.scope')}</Table.Th>
            <Table.Th>{t('compliance.reason')}</Table.Th>
            <Table.Th>{t('compliance.placedAt')}</Table.Th>
            <Table.Th>{t('common.status')}</Table.Th>
            {mayEdit ? <Table.Th>{t('common.actions')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(holds.data ?? []).map((h) => (
            <Table.Tr key={h.id}>
              <Table.Td>{scopeOf(h)}</Table.Td>
              <Table.Td>{h.reason}</Table.Td>
              <Table.Td>{formatDateTime(h.placedAt)}</Table.Td>
              <Table.Td miw={120}>
                {h.releasedAt ? (
                  <Text size="sm">
                    {t('compliance.releasedAt')} {formatDateTime(h.releasedAt)}
                  </Text>
                ) : (
                  <Badge color="#8a4500" variant="filled">
                    {t('compliance.active')}
                  </Badge>
                )}
              </Table.Td>
              {mayEdit ? (
                <Table.Td>
                  {h.releasedAt ? null : (
                    <Button size="xs" variant="default" onClick={() => setReleasing(h)}>
                      {t('compliance.release')}
                    </Button>
                  )}
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {holds.data?.length === 0 ? <Text c="dimmed">{t('common.none')}</Text> : null}
      {releasing ? (
        <ReleaseHold
          hold={releasing}
          onClose={(done) => {
            setReleasing(null);
            if (done) {
              setNotice(t('compliance.holdReleased'));
              refresh();
            }
          }}
        />
      ) : null}
    </Page>
  );
}
