// Calculation results are found again by model and inputs hash (equal inputs are not calculated twice).

export const id = '005-result-lookup';

export const statements: readonly string[] = [
  `create index if not exists calculation_results_inputs
    on calculation_results (organisation_id, model_id, inputs_hash)`,
];
