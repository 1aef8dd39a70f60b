/** The cells of one CSV record, and whether it ended inside a quoted cell (then the next line continues it). */
export interface SplitRecord {
  cells: string[];
  /** True when the text ended inside quotes: a quoted cell may hold line breaks. */
  open: boolean;
}

/**
 * Splits one SimaPro CSV record into cells as SimaPro writes them: `separator` between cells, a cell that
 * starts with `"` runs to the closing `"` (a doubled `""` is one quote, separators and line breaks inside are
 * text), and cells are trimmed. SimaPro writes line breaks inside text as character 127; they become '\n'.
 *
 * @example
 * splitCells('CO2;"a;b";1,5', ';'); // { cells: ['CO2', 'a;b', '1,5'], open: false }
 */
export function splitCells(text: string, separator: string): SplitRecord {
  const cells: string[] = [];
  let i = 0;
  const n = text.length;
  for (;;) {
    while (i < n && (text[i] === ' ' || (text[i] === '\t' && separator !== '\t'))) i++;
    let cell = '';
    if (i < n && text[i] === '"') {
      i++;
      let closed = false;
      while (i < n) {
        const c = text[i];
        if (c === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          closed = true;
          break;
        }
        cell += c;
        i++;
      }
      if (!closed) {
        cells.push(clean(cell, false));
        return { cells, open: true };
      }
      // Text after the closing quote up to the separator is kept: SimaPro never writes it, a hand edit may.
      while (i < n && text[i] !== separator) cell += text[i++];
      cells.push(clean(cell, true));
    } else {
      const end = text.indexOf(separator, i);
      const stop = end < 0 ? n : end;
      cells.push(clean(text.slice(i, stop), true));
      i = stop;
    }
    if (i >= n) break;
    i++; // the separator
    if (i === n) {
      cells.push('');
      break;
    }
  }
  return { cells, open: false };
}

function clean(cell: string, trim: boolean): string {
  const text = cell.includes('\x7f') ? cell.replace(/\x7f/g, '\n') : cell;
  return trim ? text.trim() : text;
}
