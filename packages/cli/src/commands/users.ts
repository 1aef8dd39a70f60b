import {
  createUser,
  listUsers,
  organisationBySlug,
  randomPassword,
  resetPassword,
  type Role,
  type Store,
} from '@opencfp/store';
import { CliError, UsageError } from '../errors.js';
import type { Output } from '../main.js';
import { padToWidth, textWidth } from '../text-width.js';
import { ADMIN_STORE_OPTIONS, adminActor, adminStore } from './admin-store.js';
import type { Command, OptionValues } from './command.js';
import { choiceOption, requiredOption } from './options.js';

const ROLES = ['owner', 'editor', 'verifier', 'viewer'] as const satisfies readonly Role[];

const USAGE =
  'usage: cfp users add --email <e> --name <n> [--password-stdin] [--org <slug> --role <role>] | ' +
  'cfp users list [--org <slug>] [--format text|json] | cfp users reset-password --email <e> [--password-stdin]';

/** The options each action takes besides the store's; any other is a usage error. */
const ACTION_OPTIONS: Readonly<Record<string, readonly string[]>> = {
  add: ['email', 'name', 'password-stdin', 'org', 'role'],
  list: ['org', 'format'],
  'reset-password': ['email', 'password-stdin'],
};

/**
 * `cfp users add|list|reset-password`: administer the users of a server's database (DATABASE_URL, or the PGlite
 * data directory of a stopped server: see `adminStore`).
 *
 * - `add --email <e> --name <n> [--password-stdin] [--org <slug> --role <role>]`: a new user with a random password
 *   printed once (or the one read from stdin), optionally a member of an organisation;
 * - `list [--org <slug>] [--format text|json]`: e-mail, name and memberships (never password hashes);
 * - `reset-password --email <e> [--password-stdin]`: a new password (printed once unless read from stdin); every
 *   session of the user ends.
 *
 * Bad input (an e-mail taken, an unknown organisation, a weak password) is a clear message and exit code 2.
 *
 * @example await users.run(['add'], { email: 'li.wei@example.com', name: 'Li Wei' }, out);
 */
export const users: Command = {
  options: {
    ...ADMIN_STORE_OPTIONS,
    email: { type: 'string' },
    name: { type: 'string' },
    'password-stdin': { type: 'boolean' },
    org: { type: 'string' },
    role: { type: 'string' },
    format: { type: 'string' },
  },
  async run(positionals, values, out) {
    const [action, ...extra] = positionals;
    const allowed = action === undefined ? undefined : ACTION_OPTIONS[action];
    if (!allowed || extra.length > 0) throw new UsageError(USAGE);
    for (const [name, value] of Object.entries(values))
      if (value !== undefined && !allowed.includes(name) && !(name in ADMIN_STORE_OPTIONS))
        throw new UsageError(`--${name} is not an option of cfp users ${action}. ${USAGE}`);
    if (action === 'add') await add(values, out);
    else if (action === 'list') await list(values, out);
    else await reset(values, out);
  },
};

async function add(values: OptionValues, out: Output): Promise<void> {
  const email = requiredOption(values, 'email', 'the new user’s e-mail address');
  const name = requiredOption(values, 'name', 'the new user’s name, e.g. --name "Li Wei"');
  const slug = typeof values.org === 'string' ? values.org : undefined;
  if ((slug === undefined) !== (values.role === undefined))
    throw new UsageError(`--org and --role go together: --org <slug> --role ${ROLES.join('|')}`);
  const role = slug === undefined ? undefined : choiceOption(values, 'role', ROLES, 'viewer');
  const given = values['password-stdin'] === true ? await passwordFromStdin(out) : undefined;
  const password = given ?? randomPassword();
  const user = await adminStore(values, async (store) => {
    const organisation = slug === undefined ? undefined : await organisationNamed(store, slug);
    return createUser(
      store,
      {
        email,
        name,
        password,
        membership: organisation && role ? { organisationId: organisation.id, role } : undefined,
      },
      adminActor(),
    );
  });
  out.stdout(
    `Created user ${user.email} (${user.name})${slug === undefined ? '' : `, ${role} of ${slug}`}.\n` +
      (given === undefined
        ? `Password (shown once; pass it on securely, it can be changed with POST /v1/me/password): ${password}\n`
        : ''),
  );
}

async function list(values: OptionValues, out: Output): Promise<void> {
  const format = choiceOption(values, 'format', ['text', 'json'] as const, 'text');
  const slug = typeof values.org === 'string' ? values.org : undefined;
  const found = await adminStore(values, async (store) => {
    const organisation = slug === undefined ? undefined : await organisationNamed(store, slug);
    return listUsers(store, { organisationId: organisation?.id });
  });
  if (format === 'json') {
    out.stdout(`${JSON.stringify(found, null, 2)}\n`);
    return;
  }
  if (found.length === 0) {
    out.stderr(`cfp: no users${slug === undefined ? '' : ` in ${slug}`}\n`);
    return;
  }
  const rows = [
    ['e-mail', 'name', 'memberships'],
    ...found.map((user) => [
      user.email,
      user.name,
      user.memberships.map((m) => `${m.slug} (${m.role})`).join(', ') || '—',
    ]),
  ];
  const widths = [0, 1].map((column) => Math.max(...rows.map((row) => textWidth(row[column]))));
  out.stdout(
    rows
      .map((row) => `${padToWidth(row[0], widths[0])}  ${padToWidth(row[1], widths[1])}  ${row[2]}`.trimEnd())
      .join('\n') + '\n',
  );
}

async function reset(values: OptionValues, out: Output): Promise<void> {
  const email = requiredOption(values, 'email', 'the e-mail of the user whose password to reset');
  const given = values['password-stdin'] === true ? await passwordFromStdin(out) : undefined;
  const done = await adminStore(values, (store) =>
    resetPassword(store, email, { password: given, actorId: adminActor() }),
  );
  const sessions = `${done.sessionsEnded} session${done.sessionsEnded === 1 ? '' : 's'} ended`;
  out.stdout(
    given === undefined
      ? `New password for ${done.user.email} (shown once; pass it on securely): ${done.password}\n${sessions}.\n`
      : `Password of ${done.user.email} set; ${sessions}.\n`,
  );
}

/** The organisation with this slug, or a clear error. */
async function organisationNamed(store: Store, slug: string) {
  const organisation = await organisationBySlug(store, slug);
  if (!organisation)
    throw new CliError('NOT_FOUND', `no organisation with the slug '${slug}' (cfp orgs add creates one)`);
  return organisation;
}

/** The whole of stdin, without its final line break: `printf '%s' "$PASSWORD" | cfp users add … --password-stdin`. */
async function passwordFromStdin(out: Output): Promise<string> {
  if (process.stdin.isTTY)
    out.stderr('cfp: type the password, then Ctrl-D (it shows as you type: better pipe it)\n');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
