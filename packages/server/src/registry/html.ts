/** HTML that is already safe (markup we built); anything else put into `html` is escaped. */
export class SafeHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text escaped for HTML content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ESCAPES[ch]);
}

type Value = SafeHtml | string | number | null | undefined | false | readonly Value[];

function render(value: Value): string {
  if (value === null || value === undefined || value === false) return '';
  if (value instanceof SafeHtml) return value.value;
  if (Array.isArray(value)) return (value as readonly Value[]).map(render).join('');
  return escapeHtml(String(value));
}

/**
 * A template of HTML whose interpolations are escaped (strings, numbers), inserted as they are (SafeHtml, e.g.
 * another `html` template) or dropped (null, undefined, false); arrays are joined.
 *
 * @example html`<td>${name}</td>` // name '<b>' → '<td>&lt;b&gt;</td>'
 */
export function html(strings: TemplateStringsArray, ...values: Value[]): SafeHtml {
  let out = strings[0];
  for (let k = 0; k < values.length; k++) out += render(values[k]) + strings[k + 1];
  return new SafeHtml(out);
}
