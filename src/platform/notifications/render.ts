/**
 * The template language: Mustache (logic-less: variables, sections over lists, inverted sections),
 * restricted so that an administrator's template can do nothing but show the data it is given:
 * - no unescaped output (`{{{x}}}`, `{{& x}}`), no partials, no delimiter changes;
 * - names are plain identifiers (`student.firstName`, `.` inside a list) and never a property of
 *   JavaScript's prototypes (`constructor`, `__proto__`, `toString`, `map`…);
 * - the data is copied into prototype-less objects of JSON values before rendering (no functions).
 * E-mail HTML is rendered with HTML escaping; text (subjects, plain-text bodies, in-app items) with
 * none — it is text, and whoever shows it as HTML escapes it.
 */
import Mustache from 'mustache';

type Token = Mustache.TemplateSpans[number];

const IDENTIFIER = /^[A-Za-z][A-Za-z0-9_]*$/;
// The data holds only JSON values (plain() below), so these are the prototypes a name could reach.
const PROTOTYPES: unknown[] = [{}, [], '', 0, true];

function isPrototypeName(segment: string): boolean {
  return PROTOTYPES.some((value) => segment in Object(value));
}

function nameProblem(name: string): string | undefined {
  if (name === '.') return undefined;
  for (const segment of name.split('.')) {
    if (!IDENTIFIER.test(segment)) return `'${name}' is not a variable name (letters, digits and _, dotted)`;
    if (isPrototypeName(segment)) return `'${name}' names a built-in property, not data`;
  }
  return undefined;
}

function walk(tokens: Mustache.TemplateSpans, depth: number, visit: (token: Token, depth: number) => void): void {
  for (const token of tokens) {
    visit(token, depth);
    const children = token[4];
    if (Array.isArray(children)) walk(children, depth + 1, visit);
  }
}

export interface CompiledTemplate {
  /** The data keys the template reads at its top level (outside sections' own items). */
  variables: string[];
  /** Those it prints outside any section: the data must have them (a section may be absent). */
  required: string[];
}

/** The problems of a template's source (empty: it compiles and is safe), or its variables. */
export function compileTemplate(source: string): { problems: string[] } | CompiledTemplate {
  let tokens: Mustache.TemplateSpans;
  try {
    tokens = Mustache.parse(source);
  } catch (error) {
    return { problems: [`does not compile: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const problems = new Set<string>();
  const variables = new Set<string>();
  const required = new Set<string>();
  walk(tokens, 0, (token, depth) => {
    const [type, value] = token;
    if (type === 'text' || type === '!') return;
    if (type === '&') problems.add(`unescaped output ({{{${value}}}} or {{& ${value}}}) is not allowed`);
    else if (type === '>') problems.add(`partials ({{> ${value}}}) are not allowed`);
    else if (type === '=') problems.add('changing the delimiters is not allowed');
    else {
      const problem = nameProblem(value);
      if (problem) problems.add(problem);
      else if (depth === 0 && value !== '.') {
        variables.add(value.split('.')[0]!);
        if (type === 'name') required.add(value.split('.')[0]!);
      }
    }
  });
  return problems.size > 0
    ? { problems: [...problems] }
    : { variables: [...variables].sort(), required: [...required].sort() };
}

/** JSON values only, in objects without a prototype. */
function plain(value: unknown): unknown {
  if (value === null || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const copy = Object.create(null) as Record<string, unknown>;
    for (const [key, item] of Object.entries(value)) copy[key] = plain(item);
    return copy;
  }
  return null;
}

const asText = (value: unknown) => String(value);

/** Renders a template that passed compileTemplate: 'text' unescaped, 'html' HTML-escaped. */
export function renderTemplate(source: string, data: Record<string, unknown>, mode: 'text' | 'html'): string {
  return Mustache.render(source, plain(data), {}, mode === 'text' ? { escape: asText } : {});
}

/** The e-mail's HTML part: the body HTML-escaped, blank lines as paragraphs, line breaks kept. */
export function emailHtml(body: string, data: Record<string, unknown>, locale: string): string {
  const paragraphs = renderTemplate(body, data, 'html')
    .split(/\n{2,}/)
    .map((p) => `<p>${p.trim().replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  return (
    `<!doctype html>\n<html lang="${locale}"><head><meta charset="utf-8"></head><body>\n` +
    `${paragraphs}\n</body></html>\n`
  );
}
