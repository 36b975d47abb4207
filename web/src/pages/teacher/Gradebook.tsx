/**
 * A section's gradebook: students × assignments of one grading period, every score a cell typed at the
 * keyboard (Enter moves down, Tab right); a changed cell is saved through the scores route when left.
 * Assignments and categories are added in dialogs (GradebookForms); each assignment's column header has an Edit
 * button that opens its correction dialog (EditEntryDialog).
 */
import { Alert, Button, Group, Loader, Select, Table, Text, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useEffect, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Page } from '../../components/Page';
import { ProblemError } from '../../lib/problem';
import { EditEntryDialog } from './EditEntryDialog';
import { GradebookForms } from './GradebookForms';
import { SectionTabs } from './SectionTabs';

type Gradebook = Awaited<ReturnType<typeof loadGradebook>>;
type Score = Gradebook['scores'][number];
type CellState = 'saving' | 'saved' | 'error';

export const loadGradebook = (sectionId: string, gradingPeriod?: string) =>
  unwrap(
    api.GET('/api/v1/sections/{sectionId}/gradebook', {
      params: { path: { sectionId }, query: gradingPeriod ? { gradingPeriod } : {} },
    }),
  );

/** The period a page opens on: the last one that has assignments, else the last that has begun. */
export function currentPeriod(book: Pick<Gradebook, 'gradingPeriods' | 'entries'>): string | undefined {
  const used = book.gradingPeriods.filter((p) => book.entries.some((e) => e.gradingPeriod === p.code));
  const today = new Date().toISOString().slice(0, 10);
  const begun = book.gradingPeriods.filter((p) => p.beginDate <= today);
  return (used.at(-1) ?? begun.at(-1) ?? book.gradingPeriods[0])?.code;
}

const key = (entryId: string, studentUsi: number) => `${entryId}:${studentUsi}`;
const shown = (s: Score | undefined) => (s?.points === null || s?.points === undefined ? '' : String(s.points));

export function Gradebook({ sectionId }: { sectionId: string }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const periods = useQuery({ queryKey: ['gradebook', sectionId, 'all'], queryFn: () => loadGradebook(sectionId) });
  const [period, setPeriod] = useState<string | undefined>();
  useEffect(() => {
    if (!period && periods.data) setPeriod(currentPeriod(periods.data));
  }, [period, periods.data]);
  const book = useQuery({
    queryKey: ['gradebook', sectionId, period],
    queryFn: () => loadGradebook(sectionId, period),
    enabled: !!period,
  });
  const [drafts, setDrafts] = useState<Record<string, string>>({});
  const [states, setStates] = useState<Record<string, CellState>>({});
  const [message, setMessage] = useState<{ text: string; ok: boolean } | null>(null);
  const [editing, setEditing] = useState<string | null>(null);
  /** A dialog saved: announce it and reload every period's gradebook (an entry may have changed period data). */
  const saved = (text: string) => {
    setMessage({ text, ok: true });
    void client.invalidateQueries({ queryKey: ['gradebook', sectionId] });
  };

  const save = useMutation({
    mutationFn: async (v: { entryId: string; studentUsi: number; points: number | null; previous?: Score }) => {
      const p = v.previous;
      const score = {
        studentUsi: v.studentUsi,
        points: v.points,
        exempt: p?.exempt ?? false,
        late: p?.late ?? false,
        missing: v.points === null ? (p?.missing ?? false) : false,
        ...(p?.comment ? { comment: p.comment } : {}),
      };
      return unwrap(
        api.PUT('/api/v1/sections/{sectionId}/gradebook/entries/{entryId}/scores', {
          params: { path: { sectionId, entryId: v.entryId } },
          body: { scores: [score] },
        }),
      );
    },
  });

  const data = book.data;
  const nameOf = (usi: number) => data?.students.find((s) => s.studentUsi === usi)?.name ?? String(usi);
  const titleOf = (entryId: string) => data?.entries.find((e) => e.id === entryId)?.title ?? '';
  const scoreOf = (entryId: string, usi: number) =>
    data?.scores.find((s) => s.entryId === entryId && s.studentUsi === usi);

  async function commit(entryId: string, studentUsi: number) {
    const k = key(entryId, studentUsi);
    const draft = drafts[k];
    const previous = scoreOf(entryId, studentUsi);
    if (draft === undefined || draft.trim() === shown(previous)) return;
    const text = draft.trim().replace(',', '.');
    const points = text === '' ? null : Number(text);
    const names = { student: nameOf(studentUsi), entry: titleOf(entryId) };
    if (points !== null && (!Number.isFinite(points) || points < 0)) {
      setStates((s) => ({ ...s, [k]: 'error' }));
      setMessage({ text: t('k12grades.saveFailed', { ...names, message: t('k12grades.notNumber') }), ok: false });
      return;
    }
    setStates((s) => ({ ...s, [k]: 'saving' }));
    try {
      await save.mutateAsync({ entryId, studentUsi, points, previous });
      client.setQueryData<Gradebook>(['gradebook', sectionId, period], (old) =>
        old
          ? {
              ...old,
              scores: [
                ...old.scores.filter((s) => !(s.entryId === entryId && s.studentUsi === studentUsi)),
                {
                  entryId,
                  studentUsi,
                  points,
                  exempt: previous?.exempt ?? false,
                  late: previous?.late ?? false,
                  missing: points === null ? (previous?.missing ?? false) : false,
                  comment: previous?.comment ?? null,
                },
              ],
            }
          : old,
      );
      setDrafts((d) => Object.fromEntries(Object.entries(d).filter(([x]) => x !== k)));
      setStates((s) => ({ ...s, [k]: 'saved' }));
      setMessage({
        text:
          points === null ? t('k12grades.cleared', names) : t('k12grades.saved', { ...names, points: String(points) }),
        ok: true,
      });
    } catch (error) {
      setStates((s) => ({ ...s, [k]: 'error' }));
      const detail = error instanceof ProblemError ? error.message : t('common.error');
      setMessage({ text: t('k12grades.saveFailed', { ...names, message: detail }), ok: false });
    }
  }

  function onKey(event: KeyboardEvent<HTMLInputElement>, row: number, col: number) {
    const move = (r: number, c: number) => {
      const next = document.querySelector<HTMLInputElement>(`[data-cell="${r}-${c}"]`);
      if (next) {
        event.preventDefault();
        next.focus();
        next.select();
      } else if (event.key === 'Enter') event.currentTarget.blur();
    };
    if (event.key === 'Enter') move(row + 1, col);
    else if (event.key === 'ArrowDown') move(row + 1, col);
    else if (event.key === 'ArrowUp') move(row - 1, col);
    else if (event.key === 'Escape') {
      const k = event.currentTarget.dataset.key!;
      setDrafts((d) => Object.fromEntries(Object.entries(d).filter(([x]) => x !== k)));
    }
  }

  const title = data?.sectionName ?? periods.data?.sectionName ?? t('k12grades.gradebook');
  return (
    <Page title={`${title} · ${t('k12grades.gradebook')}`}>
      <SectionTabs sectionId={sectionId} />
      <ErrorAlert error={periods.error ?? book.error} />
      {periods.data ? (
        <Group align="flex-end">
          <Select
            label={t('k12grades.period')}
            data={periods.data.gradingPeriods.map((p) => p.code)}
            value={period ?? null}
            onChange={(v) => v && setPeriod(v)}
            allowDeselect={false}
            w={240}
          />
          <Text size="sm" c="dimmed" id="gradebook-hint">
            {t('k12grades.keyboardHint')}
          </Text>
        </Group>
      ) : null}
      {data && period ? (
        <GradebookForms sectionId={sectionId} gradingPeriod={period} book={data} onDone={saved} />
      ) : null}
      {data ? (
        <EditEntryDialog
          sectionId={sectionId}
          book={data}
          entry={data.entries.find((e) => e.id === editing)}
          onClose={() => setEditing(null)}
          onDone={(text) => {
            setEditing(null);
            saved(text);
          }}
          onStale={(text) => {
            setEditing(null);
            setMessage({ text, ok: false });
            void client.invalidateQueries({ queryKey: ['gradebook', sectionId] });
          }}
        />
      ) : null}
      {periods.isPending || book.isPending ? <Loader aria-label={t('app.loading')} /> : null}
      <div role="status" aria-live="polite">
        {message ? (
          <Alert color={message.ok ? 'teal' : 'red'} variant="light" p="xs">
            {message.text}
          </Alert>
        ) : null}
      </div>
      {data && data.entries.length === 0 ? <Text>{t('k12grades.noEntries')}</Text> : null}
      {data && data.entries.length > 0 ? (
        <Table.ScrollContainer minWidth={600}>
          <Table withTableBorder withColumnBorders striped aria-label={t('k12grades.gradebook')}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('k12grades.student')}</Table.Th>
                {data.entries.map((e) => (
                  <Table.Th key={e.id} scope="col" style={{ minWidth: 96 }}>
                    <Text size="sm" fw={600}>
                      {e.title}
                    </Text>
                    <Group gap={4} wrap="nowrap" justify="space-between">
                      <Text size="xs" c="dimmed">
                        {e.maxPoints !== null ? t('k12grades.outOf', { max: e.maxPoints }) : '%'}
                      </Text>
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        onClick={() => setEditing(e.id)}
                        aria-label={t('k12grades.editEntryOf', { title: e.title })}
                      >
                        {t('k12grades.editEntry')}
                      </Button>
                    </Group>
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {data.students.map((s, row) => (
                <Table.Tr key={s.studentUsi}>
                  <Table.Th scope="row" style={{ whiteSpace: 'nowrap' }}>
                    {s.name}
                  </Table.Th>
                  {data.entries.map((e, col) => {
                    const k = key(e.id, s.studentUsi);
                    const score = scoreOf(e.id, s.studentUsi);
                    const state = states[k];
                    const flag = score?.exempt ? 'exempt' : score?.missing ? 'missing' : score?.late ? 'late' : null;
                    return (
                      <Table.Td key={e.id} p={4}>
                        <TextInput
                          size="xs"
                          inputMode="decimal"
                          autoComplete="off"
                          aria-label={t('k12grades.scoreFor', { student: s.name, entry: e.title })}
                          aria-describedby="gradebook-hint"
                          aria-invalid={state === 'error' || undefined}
                          data-cell={`${row}-${col}`}
                          data-key={k}
                          data-state={state ?? ''}
                          value={drafts[k] ?? shown(score)}
                          onChange={(ev) => {
                            const value = ev.currentTarget.value;
                            setDrafts((d) => ({ ...d, [k]: value }));
                          }}
                          onKeyDown={(ev) => onKey(ev, row, col)}
                          onBlur={() => void commit(e.id, s.studentUsi)}
                          error={state === 'error'}
                          styles={{ input: { textAlign: 'right' } }}
                          rightSection={state === 'saving' ? <Loader size={10} /> : null}
                        />
                        {flag ? (
                          // red.9, not red.8 (#e03131, 4.28:1 on a striped row's #f8f9fa): ≥ 4.5:1 on both rows.
                          <Text size="xs" c={flag === 'missing' ? 'red.9' : 'dimmed'}>
                            {t(`k12grades.${flag}`)}
                          </Text>
                        ) : null}
                      </Table.Td>
                    );
                  })}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      ) : null}
    </Page>
  );
}

export function GradebookPage() {
  const { sectionId } = useParams({ strict: false }) as { sectionId: string };
  return <Gradebook sectionId={sectionId} />;
}
