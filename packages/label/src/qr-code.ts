// The QR code of a label: the product page's URL at error-correction level M, drawn with its 4-module quiet zone.
import QRCode from 'qrcode';

/**
 * Level M restores up to about 15 % of the symbol: enough for the scuffs and ink spread of printed packaging,
 * while keeping the symbol as few modules as possible — on a small label a higher level (Q, H) would mean smaller
 * modules at the same printed size, which costs more readability than the extra redundancy gains.
 */
export const QR_ERROR_CORRECTION = 'M';
/** The light margin ISO/IEC 18004 asks for around a QR code, in modules. */
export const QR_QUIET_ZONE = 4;
/** The smallest module the label prints (mm): 3 printer dots at 300 dpi. */
export const QR_MINIMUM_MODULE_MM = 0.25;

/** A QR code's modules: `size` × `size`, dark ones true, row by row. */
export interface QrMatrix {
  size: number;
  version: number;
  dark: boolean[];
}

/**
 * The QR code of a URL (byte mode, level M).
 *
 * @example qrMatrix('https://cfp.example.org/p/1').size; // 25 (version 2)
 */
export function qrMatrix(url: string): QrMatrix {
  const code = QRCode.create(url, { errorCorrectionLevel: QR_ERROR_CORRECTION });
  return {
    size: code.modules.size,
    version: code.version,
    dark: Array.from(code.modules.data, (bit) => bit === 1),
  };
}

/** A horizontal run of dark modules. */
export interface QrRun {
  row: number;
  col: number;
  length: number;
}

/**
 * The dark modules as horizontal runs, row by row: fewer, larger shapes to draw than one square a module.
 *
 * @example qrRuns(qrMatrix(url)).map((r) => `M${r.col} ${r.row}h${r.length}v1h${-r.length}z`).join('');
 */
export function qrRuns(matrix: QrMatrix): QrRun[] {
  const { size, dark } = matrix;
  const runs: QrRun[] = [];
  for (let row = 0; row < size; row++)
    for (let col = 0; col < size;) {
      if (!dark[row * size + col]) {
        col++;
        continue;
      }
      let end = col;
      while (end < size && dark[row * size + end]) end++;
      runs.push({ row, col, length: end - col });
      col = end;
    }
  return runs;
}
