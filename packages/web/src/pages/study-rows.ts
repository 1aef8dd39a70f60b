import type { Schema } from '@opencfp/client';

export type Study = Schema<'Study'>;
export type StudyState = Schema<'StudyState'>;

/** One study as the dashboard lists it. */
export interface StudyRow {
  id: string;
  title: string;
  state: StudyState;
  /** The product's and the model's names (null: not among the organisation's, e.g. a study it is invited to verify). */
  productName: string | null;
  modelName: string | null;
  /** Self-declared studies are labelled so wherever they are shown (docs/studies.md). */
  selfDeclared: boolean;
  /** The server's verification label, in English as the API gives it. */
  verificationLabel: string;
  updatedAt: string;
}

/** The status class a state is shown with: settled good, settled bad, or under way. */
export function studyStatusClass(state: StudyState): 'succeeded' | 'failed' | 'queued' {
  if (state === 'verified' || state === 'certified' || state === 'published') return 'succeeded';
  if (state === 'rejected' || state === 'withdrawn' || state === 'superseded') return 'failed';
  return 'queued';
}

/**
 * The studies the dashboard lists, most recently changed first, with their product's and model's names.
 *
 * @example studyRows(studies, products, models, (p) => p.nameEn)
 */
export function studyRows(
  studies: readonly Study[],
  products: readonly Schema<'Product'>[],
  models: readonly Schema<'ProductModelSummary'>[],
  productName: (product: Schema<'Product'>) => string,
): StudyRow[] {
  return studies
    .map((study) => {
      const product = products.find((p) => p.id === study.productId);
      const model = models.find((m) => m.id === study.modelId);
      return {
        id: study.id,
        title: study.title,
        state: study.state,
        productName: product ? productName(product) : null,
        modelName: model ? model.name : null,
        selfDeclared: study.verification.mode === 'self-declared',
        verificationLabel: study.verification.label,
        updatedAt: study.updatedAt,
      };
    })
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
}
