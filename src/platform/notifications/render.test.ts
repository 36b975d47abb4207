/**
 * The template language: the demo templates render in each locale; text is not escaped, e-mail HTML
 * is; what could reach beyond the data (unescaped output, partials, delimiter changes, prototype
 * properties, functions) is refused or inert; sources that do not compile are named.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_TEMPLATES } from '../../demo/notifications.js';
import { compileTemplate, emailHtml, renderTemplate } from './render.js';

const absence = DEMO_TEMPLATES.find((t) => t.name === 'attendance.absence')!;
const data = {
  recipient: { name: 'Maria Souza' },
  student: { firstName: 'Léo', lastSurname: "O'Brien <i>" },
  school: 'Escola Central',
  date: '2026-12-01',
  period: '2',
};

describe('templates', () => {
  it('render in each locale', () => {
    expect(renderTemplate(absence.text.en.subject, data, 'text')).toBe('Léo was absent on 2026-12-01');
    expect(renderTemplate(absence.text['pt-BR'].subject, data, 'text')).toBe('Léo faltou em 2026-12-01');
    expect(renderTemplate(absence.text.es.subject, data, 'text')).toBe('Léo estuvo ausente el 2026-12-01');
    expect(renderTemplate(absence.text['pt-BR'].body, data, 'text')).toContain(
      "Prezado(a) Maria Souza,\n\nLéo O'Brien <i> teve falta registrada em Escola Central no dia 2026-12-01. Aula: 2.",
    );
    // A section over a missing value renders nothing.
    expect(renderTemplate(absence.text.en.body, { ...data, period: undefined }, 'text')).not.toContain('Period');
  });

  it('every demo template compiles in every locale', () => {
    for (const template of DEMO_TEMPLATES)
      for (const { subject, body } of Object.values(template.text)) {
        expect(compileTemplate(subject)).toHaveProperty('variables');
        expect(compileTemplate(body)).toHaveProperty('variables');
      }
  });

  it('escapes HTML in e-mail HTML only', () => {
    const html = emailHtml(absence.text.en.body, data, 'en');
    expect(html).toContain('<html lang="en">');
    expect(html).toContain('Léo O&#39;Brien &lt;i&gt; was marked absent');
    expect(html).not.toContain('<i>');
    expect(html).toContain('<p>Dear Maria Souza,</p>');
    expect(renderTemplate('{{x}}', { x: '<script>alert(1)</script>' }, 'html')).toBe(
      '&lt;script&gt;alert(1)&lt;&#x2F;script&gt;',
    );
  });

  it('lists the variables a template reads at its top level, and those it needs (outside sections)', () => {
    expect(compileTemplate(absence.text.en.body)).toEqual({
      variables: ['date', 'period', 'recipient', 'school', 'student'],
      required: ['date', 'recipient', 'school', 'student'],
    });
    expect(compileTemplate('{{#items}}{{name}} {{.}}{{/items}}')).toEqual({ variables: ['items'], required: [] });
  });

  it('refuses what could reach beyond the data, and sources that do not compile', () => {
    const problems = (source: string) => (compileTemplate(source) as { problems?: string[] }).problems;
    expect(problems('{{{html}}}')).toEqual(['unescaped output ({{{html}}} or {{& html}}) is not allowed']);
    expect(problems('{{& html}}')).toEqual(['unescaped output ({{{html}}} or {{& html}}) is not allowed']);
    expect(problems('{{> header}}')).toEqual(['partials ({{> header}}) are not allowed']);
    expect(problems('{{=<% %>=}}<% x %>')).toEqual(['changing the delimiters is not allowed']);
    expect(problems('{{constructor}}')).toEqual(["'constructor' names a built-in property, not data"]);
    expect(problems('{{student.__proto__}}')).toEqual([
      "'student.__proto__' is not a variable name (letters, digits and _, dotted)",
    ]);
    expect(problems('{{#items}}{{map}}{{/items}}')).toEqual(["'map' names a built-in property, not data"]);
    expect(problems('{{name.toString}}')).toEqual(["'name.toString' names a built-in property, not data"]);
    expect(problems('{{#open}}never closed')?.[0]).toMatch(/^does not compile: Unclosed section "open"/);
    expect(problems('{{#a}}{{/b}}')?.[0]).toMatch(/^does not compile: Unclosed section "a"/);
  });

  it('renders data as plain values: no functions run, no prototype is reached', () => {
    let called = false;
    const hostile = {
      fn: () => {
        called = true;
        return 'ran';
      },
      nested: JSON.parse('{"__proto__": {"polluted": "yes"}}') as object,
    };
    expect(renderTemplate('[{{fn}}][{{nested.polluted}}][{{missing}}]', hostile, 'text')).toBe('[][][]');
    expect(called).toBe(false);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
