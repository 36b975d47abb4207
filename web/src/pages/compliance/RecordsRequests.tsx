/**
 * FERPA records requests (correction, deletion): listed by status, each opened for its details, and
 * moved on by a district administrator — review, approve or deny with the reason, record completion.
 * A refusal (another reviewer decided first, a missing reason) is shown in words.
 */
import { Badge, Button, Drawer, Group, SegmentedControl, Stack, Table, Text, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { useMe } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { formatDate, formatDateTime } from '../../lib/format';
import { ProblemError } from '../../lib/problem';
import { useStudentNames } from './students';

const PATH = '/api/v1/compliance/records-requests';
const STATUSES = ['submitted', 'under_review', 'approved', 'denied', 'completed'] as const;
type Status = (typeof STATUSES)[number];
type Request = Awaited<ReturnType<typeof listRequests>>[number];
const listRequests = (status?: Status) => unwrap(api.GET(PATH, { params: { query: { status, limit: 200 } } }));
// Dark enough for white text (WCAG AA).
const STATUS_COLOR: Record<string, string> = {
  submitted: 'blue.9',
  under_review: '#8a4500',
  approved: '#256b33',
  denied: 'red.9',
  completed: 'gray.8',
};

function Detail({
  request,
  student,
  mayDecide,
  onChanged,
}: {
  request: Request;
  student: string;
  mayDecide: boolean;
  onChanged: (updated: Request) => void;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const step = useMutation({
    mutationFn: async (action: 'review' | 'approved' | 'denied' | 'complete') => {
      const path = { requestId: request.id };
      if (action === 'review') return unwrap(api.POST(`${PATH}/{requestId}/review`, { params: { path } }));
      if (action === 'complete')
        return unwrap(api.POST(`${PATH}/{requestId}/complete`, { params: { path }, body: { resolution: text } }));
      return unwrap(
        api.POST(`${PATH}/{requestId}/decision`, { params: { path }, body: { decision: action, reason: text } }),
      );
    },
    onSuccess: (updated) => {
      setText('');
      onChanged(updated);
    },
  });
  const open = request.status === 'submitted' || request.status === 'under_review';
  const textLabel = open ? t('compliance.decisionReason') : t('compliance.resolution');
  const reasons =
    step.error instanceof ProblemError
      ? (step.error.fieldErrors.reason ?? step.error.fieldErrors.resolution)?.join('; ')
      : undefined;
  const fieldProblem = reasons ? `${textLabel}: ${reasons}` : undefined;
  const row = (label: string, value: string | null | undefined) =>
    value ? (
      <Table.Tr>
        <Table.Th w={200}>{label}</Table.Th>
        <Table.Td style={{ whiteSpace: 'pre-wrap' }}>{value}</Table.Td>
      </Table.Tr>
    ) : null;
  return (
    <Stack>
      <Table aria-label={t('compliance.details')}>
        <Table.Tbody>
          {row(t('compliance.type'), t(`compliance.type_${request.requestType}`))}
          {row(t('compliance.student'), student)}
          {row(t('common.status'), t(`compliance.status_${request.status}`))}
          {row(
            t('compliance.requester', { relationship: t(`compliance.relationship_${request.requesterRelationship}`) }),
            request.requestedBy,
          )}
          {row(t('compliance.submitted'), formatDateTime(request.submittedAt))}
          {row(t('compliance.due'), formatDate(request.dueDate))}
          {row(t('compliance.table'), request.tableName && `${request.tableName} ${request.recordId ?? ''}`)}
          {row(t('compliance.field'), request.fieldName)}
          {row(t('compliance.currentValue'), request.currentValue)}
          {row(t('compliance.requestedValue'), request.requestedValue)}
          {row(t('compliance.description'), request.description)}
          {row(t('compliance.decisionReason'), request.decisionReason)}
          {row(t('compliance.resolution'), request.resolution)}
        </Table.Tbody>
      </Table>
      {mayDecide && (open || request.status === 'approved') ? (
        <Stack>
          <Textarea
            label={textLabel}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={fieldProblem}
            autosize
            minRows={2}
          />
          <Group>
            {request.status === 'submitted' ? (
              <Button variant="default" onClick={() => step.mutate('review')} loading={step.isPending}>
                {t('compliance.startReview')}
              </Button>
            ) : null}
            {open ? (
              <>
                <Button color="#256b33" onClick={() => step.mutate('approved')} loading={step.isPending}>
                  {t('compliance.approve')}
                </Button>
                <Button color="red.9" onClick={() => step.mutate('denied')} loading={step.isPending}>
                  {t('compliance.deny')}
                </Button>
              </>
            ) : (
              <Button onClick={() => step.mutate('complete')} loading={step.isPending}>
                {t('compliance.complete')}
              </Button>
            )}
          </Group>
          <ErrorAlert error={fieldProblem ? undefined : step.error} />
          {step.isSuccess ? (
            <Text size="sm" role="status">
              {t('compliance.decided')}
            </Text>
          ) : null}
        </Stack>
      ) : null}
    </Stack>
  );
}

export function RecordsRequests() {
  const { t } = useTranslation();
  const me = useMe();
  const mayDecide = me?.principal.roles.includes('district_admin') ?? false;
  const client = useQueryClient();
  const [status, setStatus] = useState<Status | 'all'>('all');
  const [openId, setOpenId] = useState<string | null>(null);
  const requests = useQuery({
    queryKey: ['records-requests', status],
    queryFn: () => listRequests(status === 'all' ? undefined : status),
  });
  const names = useStudentNames((requests.data ?? []).map((r) => r.studentUsi));
  const nameOf = (usi: number) => names.get(String(usi)) ?? String(usi);
  const [opened, setOpened] = useState<Request | null>(null);
  const current = opened?.id === openId ? opened : (requests.data?.find((r) => r.id === openId) ?? null);
  return (
    <Page title={t('compliance.requestsTitle')}>
      <SegmentedControl
        value={status}
        onChange={(v) => setStatus(v as Status | 'all')}
        data={[
          { value: 'all', label: t('compliance.status_all') },
          ...STATUSES.map((s) => ({ value: s, label: t(`compliance.status_${s}`) })),
        ]}
        w="fit-content"
      />
      <ErrorAlert error={requests.error} />
      <Table striped aria-label={t('compliance.requests')} data-testid="requests">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('compliance.type')}</Table.Th>
            <Table.Th>{t('compliance.student')}</Table.Th>
            <Table.Th>{t('common.status')}</Table.Th>
            <Table.Th>{t('compliance.submitted')}</Table.Th>
            <Table.Th>{t('compliance.due')}</Table.Th>
            <Table.Th>{t('common.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(requests.data ?? []).map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{t(`compliance.type_${r.requestType}`)}</Table.Td>
              <Table.Td>{nameOf(r.studentUsi)}</Table.Td>
              <Table.Td miw={130}>
                <Badge color={STATUS_COLOR[r.status] ?? 'gray.8'} variant="filled">
                  {t(`compliance.status_${r.status}`)}
                </Badge>
              </Table.Td>
              <Table.Td>{formatDate(r.submittedAt)}</Table.Td>
              <Table.Td>{formatDate(r.dueDate)}</Table.Td>
              <Table.Td>
                <Button
                  size="xs"
                  variant="light"
                  onClick={() => {
                    setOpenId(r.id);
                    setOpened(r);
                  }}
                  aria-label={`${t('compliance.details')}: ${nameOf(r.studentUsi)}`}
                >
                  {t('compliance.details')}
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {requests.data?.length === 0 ? <Text c="dimmed">{t('compliance.noRequests')}</Text> : null}
      <Drawer
        opened={current !== null && openId !== null}
        onClose={() => setOpenId(null)}
        position="right"
        size="lg"
        title={t('compliance.details')}
        closeButtonProps={{ 'aria-label': t('common.close') }}
      >
        {current ? (
          <Detail
            key={current.id}
            request={current}
            student={nameOf(current.studentUsi)}
            mayDecide={mayDecide}
            onChanged={(updated) => {
              setOpened(updated);
              void client.invalidateQueries({ queryKey: ['records-requests'] });
            }}
          />
        ) : null}
      </Drawer>
    </Page>
  );
}
