// Label data for tests and golden images: an EV battery pack (per kWh, so the example class scheme applies), a
// verified one, and a self-declared aluminium bracket per item.
import { fileURLToPath } from 'node:url';
import { EXAMPLE_CLASS_SCHEME_FILE, readClassSchemeFile, type ClassScheme } from '../class-scheme.js';
import type { LabelData } from '../label-data.js';
import { loadLabelFonts, type LabelFonts } from '../label-fonts.js';

/** The source folder of the test support files (goldens live there, not in dist). */
export const TEST_SUPPORT_SOURCE = fileURLToPath(new URL('../../src/test-support/', import.meta.url));

/** A certified EV battery pack, 72.4 kg CO2e per kWh (class C in the example scheme). */
export const BATTERY: LabelData = {
  product: {
    name: { en: 'LFP battery pack BP-60 (60 kWh)', zh: '磷酸铁锂电池包 BP-60（60 千瓦时）' },
    company: 'Jiangsu Example Battery Co., Ltd.',
  },
  footprint: { value: 72.4137, unit: 'kg CO2e' },
  declaredUnit: { amount: 1, unit: 'kWh' },
  boundary: 'cradle-to-gate',
  ruleSet: { name: { en: 'GB/T 24067-2024', zh: 'GB/T 24067-2024' }, version: '2024' },
  year: { value: 2024, basis: 'reference' },
  verification: { status: 'certified', verifier: 'Verify Ltd', certifier: 'Cert Body' },
  statementId: '73915401-29db-4ce6-b99e-7f22cfd8b50f',
  productPageUrl: 'https://cfp.example.org/v1/public/statements/73915401-29db-4ce6-b99e-7f22cfd8b50f',
};

/** A self-declared aluminium bracket, 8.77 kg CO2e per item, issued in 2025 (no reference year known). */
export const BRACKET: LabelData = {
  product: { name: { en: 'Aluminium bracket B-20', zh: '铝支架 B-20' }, company: 'Suzhou Bracket Co.' },
  footprint: { value: 8.766214999999999, unit: 'kg CO2e' },
  declaredUnit: { amount: 1, unit: 'item' },
  boundary: 'cradle-to-grave',
  ruleSet: { name: { en: 'ISO 14067:2018', zh: 'ISO 14067:2018' }, version: '2018' },
  year: { value: 2025, basis: 'issued' },
  verification: { status: 'self-declared' },
  statementId: '1aa74fe7-5b1e-4c53-9a43-2f6e0d9c1b20',
  productPageUrl: 'https://cfp.example.org/v1/public/statements/1aa74fe7-5b1e-4c53-9a43-2f6e0d9c1b20',
};

/** The fonts and the example class scheme, loaded once for a test file. */
export async function fontsAndScheme(): Promise<{ fonts: LabelFonts; scheme: ClassScheme }> {
  const [fonts, scheme] = await Promise.all([
    loadLabelFonts(),
    readClassSchemeFile(EXAMPLE_CLASS_SCHEME_FILE),
  ]);
  return { fonts, scheme };
}
