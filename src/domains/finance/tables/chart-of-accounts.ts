/**
 * Finance — accounting (Brazilian "Lucro Real"): the chart of accounts (plano de contas) and the cost
 * centers (centros de custo) that journal lines post to.
 */
import { sql } from 'drizzle-orm';
import { boolean, index, integer, text } from 'drizzle-orm/pg-core';
import { financeSchema } from '../../../platform/db/pg-schemas.js';
import {
  bare,
  centsColumn,
  checkIn,
  checkNonNegative,
  checkSql,
  createdAt,
  tenantFk,
  tenantKey,
  tenantKeys,
  tenantUnique,
  updatedAt,
} from '../../../platform/db/schema-kit.js';
import { organizations, users } from '../../core/tables.js';

/** Plano de contas: hierarchical accounts (code e.g. 1.1.01.001); only leaf accounts allow posting. */
// seed: 002_7bfbe2c40aa16e7b.txt §Accounting Tables; seeds-supplement/payroll-accounting.md §chart_of_accounts
export const chartOfAccounts = financeSchema.table(
  'chart_of_accounts',
  {
    tenantId: tenantKey(),
    id: text('id').notNull(),
    organizationId: text('organization_id').notNull(),
    code: text('code').notNull(),
    name: text('name'),
    description: text('description'),
    accountType: text('account_type'),
    nature: text('nature'),
    classification: text('classification'),
    parentId: text('parent_id'),
    level: integer('level').default(1),
    allowsPosting: boolean('allows_posting').default(true),
    isSystem: boolean('is_system').default(false),
    isActive: boolean('is_active').default(true),
    cofinsApplicable: boolean('cofins_applicable').default(false),
    pisApplicable: boolean('pis_applicable').default(false),
    csllApplicable: boolean('csll_applicable').default(false),
    irpjApplicable: boolean('irpj_applicable').default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('chart_of_accounts', t.tenantId, t.id),
    tenantUnique('chart_of_accounts_code_key', t.tenantId, t.organizationId, t.code),
    tenantFk(
      'chart_of_accounts_organization_fkey',
      [t.tenantId, t.organizationId],
      [organizations.tenantId, organizations.id],
    ),
    tenantFk('chart_of_accounts_parent_fkey', [t.tenantId, t.parentId], [t.tenantId, t.id]),
    checkIn('chart_of_accounts_account_type_check', t.accountType, [
      'asset',
      'liability',
      'equity',
      'revenue',
      'expense',
    ]),
    checkIn('chart_of_accounts_nature_check', t.nature, ['debit', 'credit']),
    checkIn('chart_of_accounts_classification_check', t.classification, [
      'circulante',
      'nao_circulante',
      'resultado',
      'patrimonio_liquido',
      'custos',
      'despesas_operacionais',
    ]),
    checkSql('chart_of_accounts_level_check', sql`${bare(t.level)} >= 1`),
    index('chart_of_accounts_parent_idx').on(t.tenantId, t.parentId),
  ],
);

/** Centros de custo: hierarchical department/project/unit/branch budgets. */
// seed: 002_7bfbe2c40aa16e7b.txt §Accounting Tables; seeds-supplement/payroll-accounting.md §cost_centers
export const costCenters = financeSchema.table(
  'cost_centers',
  {
    tenantId: tenantKey(),
    id: text('id').notNull(),
    organizationId: text('organization_id').notNull(),
    code: text('code').notNull(),
    name: text('name'),
    description: text('description'),
    parentId: text('parent_id'),
    level: integer('level').default(1),
    centerType: text('center_type'),
    managerId: text('manager_id'),
    annualBudgetCents: centsColumn('annual_budget_cents'),
    monthlyBudgetCents: centsColumn('monthly_budget_cents'),
    isActive: boolean('is_active').default(true),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    ...tenantKeys('cost_centers', t.tenantId, t.id),
    tenantUnique('cost_centers_code_key', t.tenantId, t.organizationId, t.code),
    tenantFk(
      'cost_centers_organization_fkey',
      [t.tenantId, t.organizationId],
      [organizations.tenantId, organizations.id],
    ),
    tenantFk('cost_centers_parent_fkey', [t.tenantId, t.parentId], [t.tenantId, t.id]),
    tenantFk('cost_centers_manager_fkey', [t.tenantId, t.managerId], [users.tenantId, users.id]),
    checkIn('cost_centers_center_type_check', t.centerType, ['department', 'project', 'unit', 'branch']),
    checkSql('cost_centers_level_check', sql`${bare(t.level)} >= 1`),
    checkNonNegative('cost_centers_annual_budget_check', t.annualBudgetCents),
    checkNonNegative('cost_centers_monthly_budget_check', t.monthlyBudgetCents),
    index('cost_centers_parent_idx').on(t.tenantId, t.parentId),
    index('cost_centers_manager_idx').on(t.tenantId, t.managerId),
  ],
);
