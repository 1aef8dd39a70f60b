import { readFile } from 'node:fs/promises';
import {
  JWKS_PATH,
  STATEMENT_MEDIA_TYPE,
  compareWithResult,
  statementInputsHash,
  verifyStatement,
  type Jwks,
  type StatementPayload,
  type StatementVerification,
} from '@opencfp/server';
import { decodeCompactJws } from '@opencfp/store';
import { CliError, UsageError } from '../errors.js';
import type { Output } from '../main.js';
import type { Command } from './command.js';
import { choiceOption } from './options.js';

const USAGE =
  'usage: cfp verify <statement file or URL> [--keys <jwks.json>] [--model <file>] [--result <file or URL>] [--format text|json]';

/** A statement as read: its JWS, and what the platform answered about it when it came from there. */
interface Read {
  jws: string;
  /** The platform's answer's `status` (published, superseded, withdrawn), when it was asked. */
  status?: { status: string; supersededBy?: string | null; withdrawnAt?: string | null; from: string };
}

const isUrl = (text: string) => /^https?:\/\//i.test(text);

/** Fetches a URL; a network failure or an error status is the user's to look into (exit 2), with the reason. */
async function get(url: string, accept: string, token?: string): Promise<Response> {
  let res: Response;
  try {
    res = await fetch(url, {
      headers: { accept, ...(token ? { authorization: `Bearer ${token}` } : {}) },
      redirect: 'follow',
    });
  } catch (e) {
    throw new CliError(
      'FETCH_FAILED',
      `cannot fetch ${url}: ${(e as Error).cause ? String((e as Error).cause) : (e as Error).message}`,
    );
  }
  if (!res.ok) {
    const body = await res.text();
    let message = body.slice(0, 300);
    try {
      message = String((JSON.parse(body) as { message?: unknown }).message ?? message);
    } catch {
      // not JSON: the text as it is
    }
    throw new CliError('FETCH_FAILED', `${url} answered ${res.status}: ${message}`);
  }
  return res;
}

async function json(url: string, token?: string): Promise<unknown> {
  const res = await get(url, 'application/json', token);
  try {
    return await res.json();
  } catch {
    throw new CliError('FETCH_FAILED', `${url} did not answer JSON`);
  }
}

/** A statement from text: a compact JWS, or the JSON the platform answers for a statement (with `jws`). */
function fromText(text: string, from: string): Read {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    let parsed: { jws?: unknown; status?: unknown; supersededBy?: unknown; withdrawnAt?: unknown };
    try {
      parsed = JSON.parse(trimmed) as typeof parsed;
    } catch (e) {
      throw new UsageError(`${from} is neither a compact JWS nor JSON: ${(e as Error).message}`);
    }
    if (typeof parsed.jws !== 'string')
      throw new UsageError(
        `${from} is JSON without a "jws": give the statement's JWS, or the answer of GET /v1/public/statements/{id}`,
      );
    return {
      jws: parsed.jws,
      ...(typeof parsed.status === 'string'
        ? {
            status: {
              status: parsed.status,
              supersededBy: typeof parsed.supersededBy === 'string' ? parsed.supersededBy : null,
              withdrawnAt: typeof parsed.withdrawnAt === 'string' ? parsed.withdrawnAt : null,
              from,
            },
          }
        : {}),
    };
  }
  return { jws: trimmed };
}

async function readStatement(source: string): Promise<Read> {
  if (!isUrl(source)) return fromText(await readFile(source, 'utf8'), source);
  const res = await get(source, `application/json, ${STATEMENT_MEDIA_TYPE}`);
  const read = fromText(await res.text(), source);
  return read;
}

/** A key set from a file: `{ keys: [...] }`, or one JWK. */
async function readKeys(path: string): Promise<Jwks> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    if ((e as { code?: unknown }).code) throw e;
    throw new UsageError(`--keys ${path} is not JSON: ${(e as Error).message}`);
  }
  if (parsed && typeof parsed === 'object' && Array.isArray((parsed as Jwks).keys)) return parsed as Jwks;
  if (parsed && typeof parsed === 'object' && typeof (parsed as { kty?: unknown }).kty === 'string')
    return { keys: [parsed as Jwks['keys'][number]] };
  throw new UsageError(`--keys ${path} is not a JSON Web Key Set ({ "keys": [...] }) or a JWK`);
}

/** The `kid` of a statement's JWS header (before it is verified: only to ask for its key's status). */
function claimedKeyId(jws: string): string | undefined {
  const decoded = decodeCompactJws(jws);
  return 'problem' in decoded || typeof decoded.header.kid !== 'string' ? undefined : decoded.header.kid;
}

/**
 * The issuer's public key of `kid` when the issuer says it is revoked (GET /v1/public/signing-keys/{kid}: the JWK
 * with `revokedAt`); undefined when it is not, or the issuer does not know the key (404: the key set decides).
 */
async function revokedKey(origin: string, kid: string): Promise<Jwks['keys'][number] | undefined> {
  const url = `${origin}/v1/public/signing-keys/${encodeURIComponent(kid)}`;
  let res: Response;
  try {
    res = await fetch(url, { headers: { accept: 'application/json' } });
  } catch (e) {
    throw new CliError('FETCH_FAILED', `cannot fetch ${url}: ${(e as Error).message}`);
  }
  if (res.status === 404) return undefined;
  if (!res.ok) throw new CliError('FETCH_FAILED', `${url} answered ${res.status}`);
  const answer = (await res.json().catch(() => undefined)) as
    { status?: unknown; jwk?: Jwks['keys'][number] } | undefined;
  return answer?.status === 'revoked' && answer.jwk ? answer.jwk : undefined;
}

/** The issuer URL a statement names (before it is verified: only to find its keys). */
function claimedIssuer(jws: string): string | undefined {
  const decoded = decodeCompactJws(jws);
  if ('problem' in decoded) return undefined;
  const issuer = (decoded.payload as { issuer?: { id?: unknown } | string } | null)?.issuer;
  const id = typeof issuer === 'string' ? issuer : issuer?.id;
  return typeof id === 'string' && isUrl(id) ? id : undefined;
}

/** A model document from a file: the document itself, or GET …/studies/{id}/model's answer (its `model`). */
async function readModel(path: string): Promise<unknown> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    if ((e as { code?: unknown }).code) throw e;
    throw new UsageError(`--model ${path} is not JSON: ${(e as Error).message}`);
  }
  const view = parsed as { model?: unknown; inputsHash?: unknown; studyId?: unknown };
  return view && typeof view === 'object' && 'inputsHash' in view && 'model' in view ? view.model : parsed;
}

const fmt = (n: number) =>
  Math.abs(n) >= 1000 || Math.abs(n) < 0.001 ? n.toPrecision(6) : String(+n.toFixed(4));

function describe(statement: StatementPayload): string[] {
  const s = statement.credentialSubject;
  const product = [s.product.nameEn, s.product.nameZh].filter(Boolean).join(' / ');
  const ids = s.product.identifiers.map((i) => `${i.scheme} ${i.value}`).join(', ');
  const v = s.verification;
  const verification =
    v.mode === 'self-declared'
      ? `SELF-DECLARED — ${v.label}`
      : `${v.label}: ${v.verifier.organisation.name}${v.verifier.user ? ` (${v.verifier.user.name})` : ''}, ${v.verifier.verifiedAt}` +
        (v.certification
          ? `; certified by ${v.certification.organisation.name}, ${v.certification.certifiedAt}`
          : '');
  const c = s.ruleSet.compliance;
  return [
    `  statement:    ${statement.id}`,
    `  issuer:       ${statement.issuer.name} (${statement.issuer.id})`,
    `  issued:       ${statement.validFrom}`,
    `  product:      ${product}${ids ? ` (${ids})` : ''}`,
    `  footprint:    ${fmt(s.footprint.total)} kg CO2e per ${s.declaredUnit.amount} ${s.declaredUnit.unit} (${s.footprint.gwpSet.id}, biogenic ${s.footprint.biogenicApproach}, ${s.boundary}, ${s.productType} product)`,
    `  rule set:     ${s.ruleSet.id} (${s.ruleSet.version})${c ? `: ${c.met} met, ${c.notMet} not met, ${c.notApplicable} not applicable, ${c.needsEvidence} needing evidence` : ''}`,
    `  verification: ${verification}`,
    `  inputs hash:  ${s.calculation.inputsHash} (result ${s.calculation.resultId}, model ${s.calculation.modelId} version ${s.calculation.modelVersion})`,
  ];
}

/**
 * `cfp verify <file or URL> [--keys <jwks.json>] [--model <file>] [--result <file or URL>] [--format text|json]`:
 * checks a signed footprint statement — its Ed25519 signature with the issuer's published key (fetched from the
 * issuer's /.well-known/jwks.json, or `--keys` offline), that the key is not revoked (online: the issuer's key
 * status; offline: a key with `revokedAt` in the file), its structure, and (online) its status — and with
 * `--model` or `--result` that the model or result is the one it was calculated from. Exit 0: valid; 1: invalid
 * (every reason printed); 2: usage, an unreadable file or an unreachable server.
 */
export const verify: Command = {
  options: {
    keys: { type: 'string' },
    model: { type: 'string' },
    result: { type: 'string' },
    token: { type: 'string' },
    format: { type: 'string' },
  },
  async run(positionals, values, out) {
    if (positionals.length !== 1) throw new UsageError(USAGE);
    const format = choiceOption(values, 'format', ['text', 'json'] as const, 'text');
    for (const name of ['keys', 'model', 'result', 'token'])
      if (values[name] !== undefined && (typeof values[name] !== 'string' || values[name] === ''))
        throw new UsageError(`--${name} needs a value. ${USAGE}`);
    const source = positionals[0];
    const read = await readStatement(source);
    const notes: string[] = [];
    const problems: string[] = [];
    const offline = typeof values.keys === 'string';
    let keys: Jwks;
    let issuer: string | undefined;
    if (offline) keys = await readKeys(values.keys as string);
    else {
      issuer = claimedIssuer(read.jws);
      if (!issuer) {
        return report(
          out,
          format,
          {
            valid: false,
            problems: ['the statement names no issuer URL to fetch its keys from (give --keys)'],
          },
          notes,
        );
      }
      const url = `${new URL(issuer).origin}${JWKS_PATH}`;
      keys = (await json(url)) as Jwks;
      notes.push(`keys from ${url}`);
      // A revoked key is not in the key set: the issuer's key status says why the statement's key is missing.
      const kid = claimedKeyId(read.jws);
      const revoked = kid === undefined ? undefined : await revokedKey(new URL(issuer).origin, kid);
      if (revoked) keys = { keys: [...keys.keys.filter((k) => k.kid !== revoked.kid), revoked] };
      if (isUrl(source) && new URL(source).origin !== new URL(issuer).origin)
        notes.push(
          `the statement was read from ${new URL(source).origin}, its issuer is at ${new URL(issuer).origin}`,
        );
    }
    const outcome = verifyStatement(read.jws, keys);
    problems.push(...outcome.problems);
    const statement = outcome.statement;
    // The current status, from the issuer's platform (online), else as the file says.
    let status = read.status;
    if (statement && !offline && issuer) {
      const id = statement.id.replace(/^urn:uuid:/, '');
      const answer = (await json(`${new URL(issuer).origin}/v1/public/statements/${id}`)) as {
        status?: string;
        supersededBy?: string | null;
        withdrawnAt?: string | null;
        jws?: string;
      };
      status = {
        status: String(answer.status),
        supersededBy: answer.supersededBy,
        withdrawnAt: answer.withdrawnAt,
        from: issuer,
      };
      if (answer.jws !== read.jws) problems.push('the issuer publishes another JWS under this statement id');
    }
    if (status?.status === 'withdrawn')
      problems.push(
        `the statement was withdrawn by its issuer${status.withdrawnAt ? ` on ${status.withdrawnAt}` : ''}`,
      );
    else if (status?.status === 'superseded')
      notes.push(
        `superseded by statement ${status.supersededBy ?? '(unknown)'}: a newer statement replaces it`,
      );
    else if (status === undefined)
      notes.push('status not checked (offline): ask the issuer whether it is withdrawn');
    if (offline && outcome.key && typeof outcome.key.revokedAt !== 'string')
      notes.push(
        `key revocation not checked (offline): ask the issuer whether key ${outcome.key.kid} is revoked (GET /v1/public/signing-keys/{kid})`,
      );
    if (statement && typeof values.model === 'string') {
      const hash = statementInputsHash(statement, await readModel(values.model));
      if (hash === statement.credentialSubject.calculation.inputsHash)
        notes.push(`the model ${values.model} gives the statement's inputs hash`);
      else
        problems.push(
          `the model ${values.model} gives the inputs hash ${hash}, not the statement's ${statement.credentialSubject.calculation.inputsHash}: it is not the model the statement was calculated from`,
        );
    }
    if (statement && typeof values.result === 'string') {
      const token = (values.token as string | undefined) ?? process.env.OPENCFP_TOKEN;
      const result = isUrl(values.result)
        ? await json(values.result, token)
        : (JSON.parse(await readFile(values.result, 'utf8')) as unknown);
      const differences = compareWithResult(statement, result);
      if (differences.length === 0)
        notes.push(`the result ${values.result} is the statement's (id, inputs hash, split)`);
      problems.push(...differences);
    }
    return report(out, format, { ...outcome, valid: problems.length === 0, problems }, notes);
  },
};

function report(
  out: Output,
  format: 'text' | 'json',
  outcome: Pick<StatementVerification, 'valid' | 'problems' | 'statement' | 'key' | 'header'>,
  notes: string[],
): number {
  if (format === 'json') {
    out.stdout(
      `${JSON.stringify(
        {
          valid: outcome.valid,
          problems: outcome.problems,
          notes,
          header: outcome.header ?? null,
          key: outcome.key ?? null,
          statement: outcome.statement ?? null,
        },
        null,
        2,
      )}\n`,
    );
    return outcome.valid ? 0 : 1;
  }
  const lines: string[] = [];
  if (outcome.valid) {
    lines.push(
      `VALID: the statement is signed by its issuer's key ${outcome.key?.kid} (Ed25519) and unchanged`,
    );
    if (outcome.statement) lines.push(...describe(outcome.statement));
  } else {
    lines.push('INVALID: the statement does not verify');
    for (const problem of outcome.problems) lines.push(`  - ${problem}`);
    if (outcome.statement) lines.push('It claims:', ...describe(outcome.statement));
  }
  for (const note of notes) lines.push(`  note: ${note}`);
  out.stdout(`${lines.join('\n')}\n`);
  return outcome.valid ? 0 : 1;
}
