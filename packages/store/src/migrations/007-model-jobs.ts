// Model jobs (calculations and Monte Carlo runs) are found by the model they are of (`input.modelId`: the jobs
// list's `modelId` filter), and Monte Carlo runs by the inputs hash of the calculation they describe
// (`output.inputsHash`: the latest run of a stored result). Expression indexes, so the jobs table keeps one shape
// for every kind of job; partial, so the jobs without these fields (imports) take no room in them.

export const id = '007-model-jobs';

export const statements: readonly string[] = [
  `create index if not exists jobs_model
    on jobs (organisation_id, (input ->> 'modelId'), created_at desc)
    where input ->> 'modelId' is not null`,
  `create index if not exists jobs_inputs_hash
    on jobs (organisation_id, (output ->> 'inputsHash'))
    where output ->> 'inputsHash' is not null`,
];
