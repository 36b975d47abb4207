/**
 * A payroll's actions, the same on the payroll page and the payouts page (a payout is paid through its
 * payroll): approve it, record a PIX payment, then refresh every finance query (books, payroll, payouts);
 * and the outcome line that shows the latest action's refusal or success.
 */
import { Alert, Text } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, unwrap } from '../../api/client';
import { formatMoney } from '../../lib/format';
import { ProblemError, problemMessage } from '../../lib/problem';
import { BOOKS_CURRENCY } from './TrialBalance';

/** The payroll statuses a payment may be recorded in. */
export const PAYABLE = new Set(['approved', 'scheduled', 'partially_paid']);

export function usePayrollActions({ onPaid }: { onPaid?: () => void } = {}) {
  const client = useQueryClient();
  const refresh = () => client.invalidateQueries({ predicate: (q) => String(q.queryKey[0]).startsWith('fin-') });
  const approve = useMutation({
    mutationFn: (payrollId: string) =>
      unwrap(api.POST('/api/v1/finance/payroll/{payrollId}/approve', { params: { path: { payrollId } } })),
    onSuccess: refresh,
  });
  const pay = useMutation({
    mutationFn: ({ payrollId, cents }: { payrollId: string; cents: number }) =>
      unwrap(
        api.POST('/api/v1/finance/payroll/{payrollId}/payments', {
          params: { path: { payrollId } },
          body: { amountCents: cents, methodType: 'pix' },
        }),
      ),
    onSuccess: () => {
      onPaid?.();
      return refresh();
    },
  });
  return { approve, pay };
}

/** Only the latest action's outcome is shown (an approval's success is not left beside a refused payment). */
export function PayrollOutcome({ approve, pay }: ReturnType<typeof usePayrollActions>) {
  const { t } = useTranslation();
  const last = approve.submittedAt >= pay.submittedAt ? approve : pay;
  return (
    <>
      <PayrollProblem error={last.error} />
      {last === approve && approve.isSuccess ? <Text role="status">{t('fin.approved')}</Text> : null}
      {last === pay && pay.isSuccess ? <Text role="status">{t('fin.paymentRecorded')}</Text> : null}
    </>
  );
}

/** Payroll's refusals in the reader's language (the amount still due in money), else the API's own words. */
export function PayrollProblem({ error }: { error: unknown }) {
  const { t } = useTranslation();
  if (!error) return null;
  let message = problemMessage(error, t('common.error'));
  if (error instanceof ProblemError) {
    const problem = error.problem as Record<string, unknown>;
    if (problem.code === 'payment_exceeds_balance' && typeof problem.dueCents === 'number')
      message = t('fin.errors.exceedsDue', { due: formatMoney(problem.dueCents, BOOKS_CURRENCY) });
    else if (problem.code === 'payroll_not_approvable') message = t('fin.errors.notApprovable');
    else if (problem.code === 'payroll_not_payable') message = t('fin.errors.notPayable');
  }
  return (
    <Alert color="red" role="alert" title={t('fin.refused')}>
      {message}
    </Alert>
  );
}
