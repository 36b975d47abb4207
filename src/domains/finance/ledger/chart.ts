/**
 * The chart of accounts (plano de contas) seeded for a Brazilian school under Lucro Real: synthetic
 * groups (level 1–3, no postings) and the analytic accounts money events post to. Seeding is
 * idempotent per organisation (the (organization, code) key): existing accounts are left as they are.
 */
import { sql, type SQL } from 'drizzle-orm';
import { rowsOf } from '../../../platform/db/database.js';
import { ulid } from 'ulid';
import type { Work } from '../../../platform/service/work.js';
import { chartOfAccounts } from '../tables.js';

type AccountType = 'asset' | 'liability' | 'equity' | 'revenue' | 'expense';
type Classification =
  'circulante' | 'nao_circulante' | 'resultado' | 'patrimonio_liquido' | 'custos' | 'despesas_operacionais';

interface SeedAccount {
  code: string;
  name: string;
  type: AccountType;
  classification: Classification;
  /** Contra accounts (e.g. discounts granted) have the nature opposite to their type's. */
  nature?: 'debit' | 'credit';
}

/** The analytic accounts the automatic postings use, by role. */
export const ACCOUNTS = {
  cash: '1.1.01.001',
  bank: '1.1.01.002',
  cardReceivables: '1.1.02.002',
  tuitionReceivables: '1.1.02.001',
  payrollPayable: '2.1.01.001',
  inssPayable: '2.1.01.002',
  irrfPayable: '2.1.01.003',
  teacherFeesPayable: '2.1.02.002',
  customerCredits: '2.1.02.001',
  issPayable: '2.1.03.001',
  shareCapital: '3.1.01.001',
  retainedEarnings: '3.2.01.001',
  tuitionRevenue: '4.1.01.001',
  lateFeeRevenue: '4.1.01.002',
  discountsGranted: '4.1.02.001',
  salaries: '5.1.01.001',
  teacherFees: '5.1.01.002',
  rent: '5.2.01.001',
  supplies: '5.2.01.002',
} as const;
export type AccountRole = keyof typeof ACCOUNTS;

const A = (code: string, name: string, classification: Classification): SeedAccount => ({
  code,
  name,
  type: 'asset',
  classification,
});
const L = (code: string, name: string): SeedAccount => ({
  code,
  name,
  type: 'liability',
  classification: 'circulante',
});
const E = (code: string, name: string): SeedAccount => ({
  code,
  name,
  type: 'equity',
  classification: 'patrimonio_liquido',
});
const R = (code: string, name: string, nature?: 'debit'): SeedAccount => ({
  code,
  name,
  type: 'revenue',
  classification: 'resultado',
  ...(nature ? { nature } : {}),
});
const X = (code: string, name: string, classification: Classification = 'despesas_operacionais'): SeedAccount => ({
  code,
  name,
  type: 'expense',
  classification,
});

/** The school's chart, parents before children. */
export const SCHOOL_CHART: readonly SeedAccount[] = [
  A('1', 'Ativo', 'circulante'),
  A('1.1', 'Ativo Circulante', 'circulante'),
  A('1.1.01', 'Disponível', 'circulante'),
  A(ACCOUNTS.cash, 'Caixa', 'circulante'),
  A(ACCOUNTS.bank, 'Bancos conta movimento', 'circulante'),
  A('1.1.02', 'Créditos', 'circulante'),
  A(ACCOUNTS.tuitionReceivables, 'Mensalidades a receber', 'circulante'),
  A(ACCOUNTS.cardReceivables, 'Cartões de crédito a receber', 'circulante'),
  A('1.2', 'Ativo Não Circulante', 'nao_circulante'),
  A('1.2.01', 'Imobilizado', 'nao_circulante'),
  A('1.2.01.001', 'Móveis e utensílios', 'nao_circulante'),
  L('2', 'Passivo'),
  L('2.1', 'Passivo Circulante'),
  L('2.1.01', 'Obrigações trabalhistas'),
  L(ACCOUNTS.payrollPayable, 'Salários a pagar'),
  L(ACCOUNTS.inssPayable, 'INSS a recolher'),
  L(ACCOUNTS.irrfPayable, 'IRRF a recolher'),
  L('2.1.02', 'Outras obrigações'),
  L(ACCOUNTS.customerCredits, 'Créditos de alunos a compensar'),
  L(ACCOUNTS.teacherFeesPayable, 'Professores terceiros a pagar'),
  L('2.1.03', 'Obrigações fiscais'),
  L(ACCOUNTS.issPayable, 'ISS a recolher'),
  E('3', 'Patrimônio Líquido'),
  E('3.1', 'Capital Social'),
  E('3.1.01', 'Capital subscrito'),
  E(ACCOUNTS.shareCapital, 'Capital social integralizado'),
  E('3.2', 'Lucros ou Prejuízos Acumulados'),
  E('3.2.01', 'Resultados acumulados'),
  E(ACCOUNTS.retainedEarnings, 'Lucros ou prejuízos acumulados'),
  R('4', 'Receitas'),
  R('4.1', 'Receita Operacional'),
  R('4.1.01', 'Receita de serviços educacionais'),
  R(ACCOUNTS.tuitionRevenue, 'Receita de mensalidades'),
  R(ACCOUNTS.lateFeeRevenue, 'Multas e juros recebidos'),
  R('4.1.02', 'Deduções da receita', 'debit'),
  R(ACCOUNTS.discountsGranted, '(-) Descontos concedidos', 'debit'),
  X('5', 'Despesas'),
  X('5.1', 'Despesas com pessoal'),
  X('5.1.01', 'Remuneração', 'custos'),
  X(ACCOUNTS.salaries, 'Salários e ordenados', 'custos'),
  X(ACCOUNTS.teacherFees, 'Honorários de professores', 'custos'),
  X('5.2', 'Despesas administrativas'),
  X('5.2.01', 'Despesas gerais'),
  X(ACCOUNTS.rent, 'Aluguel'),
  X(ACCOUNTS.supplies, 'Material de consumo'),
];

const naturalSide = (type: AccountType) => (type === 'asset' || type === 'expense' ? 'debit' : 'credit');

/** Seeds the school chart for an organisation (idempotent); returns how many accounts were added. */
export async function ensureChartOfAccounts(work: Work, organizationId: string): Promise<number> {
  const inserted = await work.tx
    .insert(chartOfAccounts)
    .values(
      SCHOOL_CHART.map((a) => {
        const level = a.code.split('.').length;
        return {
          tenantId: work.tenantId,
          id: ulid(),
          organizationId,
          code: a.code,
          name: a.name,
          accountType: a.type,
          nature: a.nature ?? naturalSide(a.type),
          classification: a.classification,
          level,
          allowsPosting: level === 4,
          isSystem: true,
          isActive: true,
        };
      }),
    )
    .onConflictDoNothing()
    .returning({ id: chartOfAccounts.id });
  if (inserted.length > 0) {
    // Link each new account to its parent (the code without its last segment).
    await work.tx.execute(sql`
      UPDATE finance.chart_of_accounts c SET parent_id = p.id
        FROM finance.chart_of_accounts p
       WHERE c.tenant_id = ${work.tenantId} AND c.organization_id = ${organizationId}
         AND p.tenant_id = c.tenant_id AND p.organization_id = c.organization_id
         AND c.parent_id IS NULL AND strpos(c.code, '.') > 0
         AND p.code = regexp_replace(c.code, '\\.[^.]+$', '')`);
  }
  return inserted.length;
}

/**
 * The ids of the accounts with these codes in the organisation, seeding the chart when one is missing.
 * `lock`: an advisory lock expression the first read takes in the same statement (one round trip for both).
 */
export async function accountIdsByCode(
  work: Work,
  organizationId: string,
  codes: readonly string[],
  options: { lock?: SQL } = {},
): Promise<Map<string, string>> {
  // The lock's subquery is the outer side of a LEFT JOIN: it runs once even when no account matches.
  const find = async (lock?: SQL) =>
    new Map(
      rowsOf<{ id: string | null; code: string | null }>(
        await work.tx.execute(sql`
          SELECT c.id, c.code FROM (SELECT ${lock ?? sql`1`}) AS l
            LEFT JOIN ${chartOfAccounts} c ON c.tenant_id = ${work.tenantId} AND c.organization_id = ${organizationId}
             AND c.code IN (SELECT jsonb_array_elements_text(${JSON.stringify(codes)}::jsonb))`),
      )
        .filter((r) => r.id !== null && r.code !== null)
        .map((r) => [r.code!, r.id!]),
    );
  let found = await find(options.lock);
  if (codes.some((c) => !found.has(c))) {
    await ensureChartOfAccounts(work, organizationId);
    found = await find();
  }
  return found;
}
