/**
 * Demo notification templates (en, pt-BR, es) for what the products send — an absence notice, an
 * invoice due and overdue, a safety alert, a password reset — in both demo tenants, and a few in-app
 * notifications in the demo district's inboxes (sent through notify(), as a domain would).
 */
import type { Database } from '../platform/db/database.js';
import { tenantTransaction } from '../platform/db/tenant-transaction.js';
import { createAccessControl } from '../platform/auth/access.js';
import { notify } from '../platform/notifications/index.js';
import { templates } from '../platform/notifications/tables.js';
import { runWork, systemPrincipal } from '../platform/service/work.js';

type Locale = 'en' | 'pt-BR' | 'es';
interface DemoTemplate {
  name: string;
  category: 'attendance' | 'billing' | 'safety' | 'account' | 'academic' | 'general';
  text: Record<Locale, { subject: string; body: string }>;
}

export const DEMO_TEMPLATES: readonly DemoTemplate[] = [
  {
    name: 'attendance.absence',
    category: 'attendance',
    text: {
      en: {
        subject: '{{student.firstName}} was absent on {{date}}',
        body:
          'Dear {{recipient.name}},\n\n{{student.firstName}} {{student.lastSurname}} was marked absent from ' +
          '{{school}} on {{date}}.{{#period}} Period: {{period}}.{{/period}}\n\nIf this is unexpected, please ' +
          'contact the school office.',
      },
      'pt-BR': {
        subject: '{{student.firstName}} faltou em {{date}}',
        body:
          'Prezado(a) {{recipient.name}},\n\n{{student.firstName}} {{student.lastSurname}} teve falta ' +
          'registrada ' +
          'em {{school}} no dia {{date}}.{{#period}} Aula: {{period}}.{{/period}}\n\nSe isso não era esperado, ' +
          'entre em contato com a secretaria da escola.',
      },
      es: {
        subject: '{{student.firstName}} estuvo ausente el {{date}}',
        body:
          'Estimado/a {{recipient.name}}:\n\n{{student.firstName}} {{student.lastSurname}} fue marcado/a ' +
          'ausente ' +
          'en {{school}} el {{date}}.{{#period}} Periodo: {{period}}.{{/period}}\n\nSi no lo esperaba, ' +
          'comuníquese con la oficina de la escuela.',
      },
    },
  },
  {
    name: 'billing.invoice_due',
    category: 'billing',
    text: {
      en: {
        subject: 'Invoice {{invoice.number}} is due on {{invoice.dueDate}}',
        body:
          'Hello {{recipient.name}},\n\nInvoice {{invoice.number}} for {{invoice.amount}} is due on ' +
          '{{invoice.dueDate}}.\n\nThank you.',
      },
      'pt-BR': {
        subject: 'A fatura {{invoice.number}} vence em {{invoice.dueDate}}',
        body:
          'Olá {{recipient.name}},\n\nA fatura {{invoice.number}} no valor de {{invoice.amount}} vence em ' +
          '{{invoice.dueDate}}.\n\nObrigado.',
      },
      es: {
        subject: 'La factura {{invoice.number}} vence el {{invoice.dueDate}}',
        body:
          'Hola {{recipient.name}}:\n\nLa factura {{invoice.number}} por {{invoice.amount}} vence el ' +
          '{{invoice.dueDate}}.\n\nGracias.',
      },
    },
  },
  {
    name: 'billing.invoice_overdue',
    category: 'billing',
    text: {
      en: {
        subject: 'Invoice {{invoice.number}} is overdue',
        body:
          'Hello {{recipient.name}},\n\nInvoice {{invoice.number}} for {{invoice.amount}} was due on ' +
          '{{invoice.dueDate}} and is still open. Please pay it or contact the office.',
      },
      'pt-BR': {
        subject: 'A fatura {{invoice.number}} está vencida',
        body:
          'Olá {{recipient.name}},\n\nA fatura {{invoice.number}} no valor de {{invoice.amount}} venceu em ' +
          '{{invoice.dueDate}} e continua em aberto. Por favor, efetue o pagamento ou fale com a secretaria.',
      },
      es: {
        subject: 'La factura {{invoice.number}} está vencida',
        body:
          'Hola {{recipient.name}}:\n\nLa factura {{invoice.number}} por {{invoice.amount}} venció el ' +
          '{{invoice.dueDate}} y sigue pendiente. Por favor, páguela o comuníquese con la oficina.',
      },
    },
  },
  {
    name: 'school_ops.class_cancelled',
    category: 'academic',
    text: {
      en: {
        subject: 'Class {{class.name}} is cancelled',
        body:
          'Hello {{recipient.name}},\n\nThe class {{class.name}} is cancelled: {{reason}}. Its upcoming ' +
          'sessions will not take place. The office will contact you about a new class.',
      },
      'pt-BR': {
        subject: 'A turma {{class.name}} foi cancelada',
        body:
          'Olá {{recipient.name}},\n\nA turma {{class.name}} foi cancelada: {{reason}}. As próximas aulas ' +
          'não acontecerão. A secretaria entrará em contato sobre uma nova turma.',
      },
      es: {
        subject: 'La clase {{class.name}} fue cancelada',
        body:
          'Hola {{recipient.name}}:\n\nLa clase {{class.name}} fue cancelada: {{reason}}. Las próximas ' +
          'sesiones no se realizarán. La oficina se comunicará con usted sobre una nueva clase.',
      },
    },
  },
  {
    name: 'safety.alert',
    category: 'safety',
    text: {
      en: {
        subject: 'Safety alert: {{title}}',
        body:
          '{{message}}\n\nSchool: {{school}}\nIssued: {{issuedAt}}\n\nFollow the instructions of school staff ' +
          'and official channels.',
      },
      'pt-BR': {
        subject: 'Alerta de segurança: {{title}}',
        body:
          '{{message}}\n\nEscola: {{school}}\nEmitido em: {{issuedAt}}\n\nSiga as orientações da equipe da ' +
          'escola e dos canais oficiais.',
      },
      es: {
        subject: 'Alerta de seguridad: {{title}}',
        body:
          '{{message}}\n\nEscuela: {{school}}\nEmitida: {{issuedAt}}\n\nSiga las instrucciones del personal de ' +
          'la escuela y de los canales oficiales.',
      },
    },
  },
  {
    name: 'health.sent_home',
    category: 'general',
    text: {
      en: {
        subject: '{{student.firstName}} was sent home by the school nurse',
        body:
          'Dear {{recipient.name}},\n\nThe school nurse sent {{student.firstName}} {{student.lastSurname}} home ' +
          'at {{time}}. Reason for the visit: {{reason}}.\n\nPlease pick {{student.firstName}} up at the front ' +
          'office, or call the nurse if you have questions.',
      },
      'pt-BR': {
        subject: '{{student.firstName}} foi liberado(a) para casa pela enfermaria',
        body:
          'Prezado(a) {{recipient.name}},\n\nA enfermaria da escola liberou {{student.firstName}} ' +
          '{{student.lastSurname}} para casa às {{time}}. Motivo da visita: {{reason}}.\n\nPor favor, busque ' +
          '{{student.firstName}} na secretaria ou ligue para a enfermaria se tiver dúvidas.',
      },
      es: {
        subject: 'La enfermería envió a {{student.firstName}} a casa',
        body:
          'Estimado/a {{recipient.name}}:\n\nLa enfermería de la escuela envió a {{student.firstName}} ' +
          '{{student.lastSurname}} a casa a las {{time}}. Motivo de la visita: {{reason}}.\n\nPor favor, ' +
          'recoja a {{student.firstName}} en la oficina o llame a la enfermería si tiene preguntas.',
      },
    },
  },
  {
    name: 'account.password_reset',
    category: 'account',
    text: {
      en: {
        subject: 'Reset your Schola password',
        body:
          'Hello {{recipient.name}},\n\nUse this link to choose a new password: {{resetUrl}}\nIt expires in ' +
          '{{expiresInMinutes}} minutes. If you did not ask for it, ignore this message.',
      },
      'pt-BR': {
        subject: 'Redefina sua senha do Schola',
        body:
          'Olá {{recipient.name}},\n\nUse este link para escolher uma nova senha: {{resetUrl}}\nEle expira em ' +
          '{{expiresInMinutes}} minutos. Se você não pediu, ignore esta mensagem.',
      },
      es: {
        subject: 'Restablezca su contraseña de Schola',
        body:
          'Hola {{recipient.name}}:\n\nUse este enlace para elegir una nueva contraseña: {{resetUrl}}\nCaduca ' +
          'en ' +
          '{{expiresInMinutes}} minutos. Si no lo solicitó, ignore este mensaje.',
      },
    },
  },
];

export async function seedNotificationTemplates(database: Database, tenantId: string): Promise<number> {
  const rows = DEMO_TEMPLATES.flatMap((t) =>
    (Object.keys(t.text) as Locale[]).map((locale) => ({
      tenantId,
      name: t.name,
      locale,
      channel: 'all',
      category: t.category,
      subjectTemplate: t.text[locale].subject,
      bodyTemplate: t.text[locale].body,
      isActive: true,
      version: 1,
      createdBy: 'system:demo',
    })),
  );
  await tenantTransaction(database, tenantId, ({ tx }) => tx.insert(templates).values(rows));
  return rows.length;
}

/** A few in-app notifications for the demo district's parent, teacher and administrator. */
export async function seedDemoNotifications(
  database: Database,
  tenantId: string,
  accounts: { email: string; roles: string[]; accountId: string }[],
  child: { firstName: string; lastSurname: string },
): Promise<number> {
  const env = { database, access: createAccessControl() };
  const idOf = (role: string) => accounts.find((a) => a.roles.includes(role))?.accountId;
  const parent = idOf('parent');
  const staff = ['district_admin', 'teacher', 'school_admin'].map(idOf).filter((id): id is string => !!id);
  let sent = 0;
  await runWork(env, systemPrincipal(tenantId, 'demo'), {}, async (work) => {
    const inApp = ['in_app' as const];
    if (parent) {
      await notify(work, {
        recipients: [parent],
        template: 'attendance.absence',
        data: { student: child, school: 'Demo Elementary', date: '2026-11-30', period: '1' },
        channels: inApp,
      });
      sent++;
    }
    await notify(work, {
      recipients: parent ? [parent, ...staff] : staff,
      template: 'safety.alert',
      data: {
        title: 'Early dismissal drill',
        message: 'A dismissal drill takes place at 14:00 today. No action is needed.',
        school: 'All schools',
        issuedAt: '2026-12-01 09:00',
      },
      urgency: 'safety',
      channels: inApp,
    });
    sent++;
  });
  return sent;
}
