// `cfp users …` and `cfp orgs add` on a temporary PGlite data directory (in-process, and through the real binary
// for --password-stdin), and on a PostgreSQL server through DATABASE_URL.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { openStore, roleIn, secretHash, sessionUser, signIn, userByEmail, type Store } from '@opencfp/store';
import { freshPostgresDatabase } from '@opencfp/store/test-support';
import { run } from './test-support/run-cli.js';
import { textWidth } from './text-width.js';

const bin = fileURLToPath(new URL('../bin/cfp.js', import.meta.url));

/** Runs the real `cfp` binary with `input` on its stdin. */
function runWithStdin(
  input: string,
  ...argv: string[]
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [bin, ...argv], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  child.stdin.end(input);
  return new Promise((done) => child.on('close', (code) => done({ code, stdout, stderr })));
}

/** The password a command printed once, from its "…: <password>" line. */
function printedPassword(stdout: string): string {
  const match = /\(shown once; pass it on securely[^)]*\): (\S+)\n/.exec(stdout);
  assert.ok(match, stdout);
  return match[1];
}

describe('cfp users and cfp orgs on a PGlite data directory', () => {
  let dir: string;
  let dataDir: string;
  /** `cfp <argv…> --data-dir <the test's directory>`. */
  const cfp = (...argv: string[]) => run(...argv, '--data-dir', dataDir);
  /** Runs `check` on the data directory while no command holds it. */
  async function inStore<T>(check: (store: Store) => Promise<T>): Promise<T> {
    const store = await openStore({ dataDir });
    try {
      return await check(store);
    } finally {
      await store.close();
    }
  }

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'opencfp-users-'));
    dataDir = join(dir, 'data');
    await inStore(async () => undefined); // an empty database, as a first `cfp serve` leaves it
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('users add prints a random password once; orgs add makes an organisation with that user as owner', async () => {
    const added = await cfp('users', 'add', '--email', 'Li.Wei@Example.com', '--name', 'Li Wei');
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /^Created user li\.wei@example\.com \(Li Wei\)\.\n/);
    const password = printedPassword(added.stdout);
    assert.match(password, /^[A-Za-z0-9_-]{20}$/);

    const org = await cfp(
      'orgs',
      'add',
      '--name',
      'ACME Batteries',
      '--slug',
      'acme',
      '--owner',
      'li.wei@example.com',
    );
    assert.equal(org.code, 0, org.stderr);
    assert.match(
      org.stdout,
      /^Created organisation 'ACME Batteries' \(slug acme, id [0-9a-f-]{36}\), owned by li\.wei@example\.com\.\n$/,
    );

    const member = await cfp(
      'users',
      'add',
      '--email',
      'wang.fang@example.com',
      '--name',
      '王芳',
      '--org',
      'acme',
      '--role',
      'editor',
    );
    assert.equal(member.code, 0, member.stderr);
    assert.match(member.stdout, /^Created user wang\.fang@example\.com \(王芳\), editor of acme\.\n/);
    const memberPassword = printedPassword(member.stdout);

    await inStore(async (store) => {
      const session = await signIn(store, 'li.wei@example.com', password);
      assert.ok(session, 'the printed password signs in');
      const li = await userByEmail(store, 'li.wei@example.com');
      const wang = await userByEmail(store, 'wang.fang@example.com');
      assert.ok(li && wang);
      const organisation = await store.db
        .selectFrom('organisations')
        .where('slug', '=', 'acme')
        .select('id')
        .executeTakeFirstOrThrow();
      assert.equal(await roleIn(store, organisation.id, li.id), 'owner');
      assert.equal(await roleIn(store, organisation.id, wang.id), 'editor');
      assert.ok(await signIn(store, 'wang.fang@example.com', memberPassword));
      // The audit log names the administrator's command as the actor.
      const actors = await store.db
        .selectFrom('audit_log')
        .where('action', '=', 'create')
        .where('entity', 'in', ['user', 'organisation'])
        .select('actor_id')
        .execute();
      assert.equal(actors.length, 3);
      for (const { actor_id } of actors) assert.match(actor_id ?? '', /^cli(@.+)?$/);
    });
  });

  it('users list shows e-mail, name and memberships, all or one organisation’s, as text or JSON, never hashes', async () => {
    await cfp('users', 'add', '--email', 'loner@example.com', '--name', 'Loner');
    const text = await cfp('users', 'list');
    assert.equal(text.code, 0, text.stderr);
    const lines = text.stdout.trimEnd().split('\n');
    assert.match(lines[0], /^e-mail\s+name\s+memberships$/);
    assert.match(
      lines.find((l) => l.startsWith('li.wei@')) ?? '',
      /^li\.wei@example\.com\s+Li Wei\s+acme \(owner\)$/,
    );
    assert.match(lines.find((l) => l.startsWith('loner@')) ?? '', /^loner@example\.com\s+Loner\s+—$/);
    // Chinese names take two columns each: the memberships column still lines up.
    const column = (start: string) => {
      const line = lines.find((l) => l.startsWith(start)) ?? '';
      return textWidth(line.slice(0, line.indexOf('acme')));
    };
    assert.equal(column('wang.fang@'), column('li.wei@'));

    const json = await cfp('users', 'list', '--org', 'acme', '--format', 'json');
    assert.equal(json.code, 0, json.stderr);
    const listed = JSON.parse(json.stdout) as {
      email: string;
      name: string;
      memberships: { slug: string; role: string }[];
    }[];
    assert.deepEqual(
      listed.map((u) => [u.email, u.name, u.memberships.map((m) => `${m.slug}:${m.role}`)]),
      [
        ['li.wei@example.com', 'Li Wei', ['acme:owner']],
        ['wang.fang@example.com', '王芳', ['acme:editor']],
      ],
    );
    assert.doesNotMatch(json.stdout + text.stdout, /scrypt|password/i);
    const none = await cfp(
      'orgs',
      'add',
      '--name',
      'Empty',
      '--slug',
      'empty',
      '--owner',
      'loner@example.com',
    );
    assert.equal(none.code, 0, none.stderr);
  });

  it('users reset-password prints a new password once and ends every session of the user', async () => {
    const session = await inStore(async (store) => {
      const user = await userByEmail(store, 'loner@example.com');
      assert.ok(user);
      // A session opened directly: the user's password is unknown to the test.
      const token = 'ocs_test_session_' + user.id;
      await store.db
        .insertInto('sessions')
        .values({
          token_hash: secretHash(token),
          user_id: user.id,
          expires_at: new Date(Date.now() + 3600_000),
        })
        .execute();
      assert.ok(await sessionUser(store, token));
      return token;
    });
    const reset = await cfp('users', 'reset-password', '--email', 'LONER@example.com');
    assert.equal(reset.code, 0, reset.stderr);
    assert.match(reset.stdout, /^New password for loner@example\.com /);
    assert.match(reset.stdout, /\n1 session ended\.\n$/);
    const password = printedPassword(reset.stdout);
    await inStore(async (store) => {
      assert.equal(await sessionUser(store, session), undefined);
      assert.ok(await signIn(store, 'loner@example.com', password));
    });
  });

  it('--password-stdin takes the password from stdin (the real binary), prints none, and refuses a weak one', async () => {
    const added = await runWithStdin(
      'a password of my own\n',
      'users',
      'add',
      '--email',
      'piped@example.com',
      '--name',
      'Piped',
      '--password-stdin',
      '--data-dir',
      dataDir,
    );
    assert.equal(added.code, 0, added.stderr);
    assert.equal(added.stdout, 'Created user piped@example.com (Piped).\n');
    const weak = await runWithStdin(
      'short\n',
      'users',
      'add',
      '--email',
      'weak@example.com',
      '--name',
      'Weak',
      '--password-stdin',
      '--data-dir',
      dataDir,
    );
    assert.equal(weak.code, 2);
    assert.equal(weak.stdout, '');
    assert.match(weak.stderr, /^cfp: the password is too weak: it must have at least 10 characters\n$/);
    const reset = await runWithStdin(
      'another password of mine',
      'users',
      'reset-password',
      '--email',
      'piped@example.com',
      '--password-stdin',
      '--data-dir',
      dataDir,
    );
    assert.equal(reset.code, 0, reset.stderr);
    assert.equal(reset.stdout, 'Password of piped@example.com set; 0 sessions ended.\n');
    await inStore(async (store) => {
      assert.equal(await userByEmail(store, 'weak@example.com'), undefined);
      assert.equal(await signIn(store, 'piped@example.com', 'a password of my own'), undefined);
      assert.ok(await signIn(store, 'piped@example.com', 'another password of mine'));
    });
  });

  it('bad input is one clear message and exit code 2, and changes nothing', async () => {
    const missing = join(dir, 'no-such-dir');
    const cases: [string[], RegExp][] = [
      [
        ['users', 'add', '--email', 'li.wei@example.com', '--name', 'Again'],
        /^cfp: a user with the e-mail li\.wei@example\.com exists already\n$/,
      ],
      [
        ['users', 'add', '--email', 'new@example.com', '--name', 'New', '--org', 'nope', '--role', 'viewer'],
        /^cfp: no organisation with the slug 'nope' \(cfp orgs add creates one\)\n$/,
      ],
      [
        ['users', 'add', '--email', 'new@example.com', '--name', 'New', '--org', 'acme'],
        /--org and --role go together/,
      ],
      [
        ['users', 'add', '--email', 'new@example.com', '--name', 'New', '--org', 'acme', '--role', 'admin'],
        /--role must be one of owner, editor, verifier, viewer/,
      ],
      [
        ['users', 'add', '--email', 'not-an-address', '--name', 'New'],
        /^cfp: 'not-an-address' is not an e-mail address\n$/,
      ],
      [['users', 'add', '--name', 'New'], /--email is required/],
      [['users', 'list', '--email', 'x@example.com'], /--email is not an option of cfp users list/],
      [['users', 'list', '--org', 'nope'], /no organisation with the slug 'nope'/],
      [['users', 'remove'], /^cfp: usage: cfp users add/],
      [
        ['users', 'reset-password', '--email', 'nobody@example.com'],
        /^cfp: no user with the e-mail nobody@example\.com\n$/,
      ],
      [
        ['orgs', 'add', '--name', 'Copy', '--slug', 'acme', '--owner', 'li.wei@example.com'],
        /^cfp: an organisation with the slug 'acme' exists already: choose another\n$/,
      ],
      [
        ['orgs', 'add', '--name', 'Bad', '--slug', 'Not A Slug', '--owner', 'li.wei@example.com'],
        /--slug must be lower-case letters, digits and hyphens/,
      ],
      [
        ['orgs', 'add', '--name', 'Orphan', '--slug', 'orphan', '--owner', 'ghost@example.com'],
        /^cfp: no user with the e-mail ghost@example\.com: create it first \(cfp users add/,
      ],
      [['orgs', 'list'], /^cfp: usage: cfp orgs add/],
    ];
    const before = await inStore(async (store) => [
      (await store.db.selectFrom('users').select('email').orderBy('email').execute()).map((r) => r.email),
      (await store.db.selectFrom('organisations').select('slug').orderBy('slug').execute()).map(
        (r) => r.slug,
      ),
    ]);
    for (const [argv, message] of cases) {
      const answer = await cfp(...argv);
      assert.equal(answer.code, 2, `${argv.join(' ')}: ${answer.stderr}`);
      assert.match(answer.stderr, message, argv.join(' '));
      assert.equal(answer.stdout, '', argv.join(' '));
    }
    const afterwards = await inStore(async (store) => [
      (await store.db.selectFrom('users').select('email').orderBy('email').execute()).map((r) => r.email),
      (await store.db.selectFrom('organisations').select('slug').orderBy('slug').execute()).map(
        (r) => r.slug,
      ),
    ]);
    assert.deepEqual(afterwards, before);

    const noDatabase = await run('users', 'list', '--data-dir', missing);
    assert.equal(noDatabase.code, 2);
    assert.match(
      noDatabase.stderr,
      /there is no OpenCFP database in .*no-such-dir: give the server's --data-dir/,
    );
    const memory = await run('users', 'list', '--data-dir', ':memory:');
    assert.equal(memory.code, 2);
    assert.match(memory.stderr, /:memory: keeps nothing/);
  });

  it('a data directory in use (a running server) is refused with exit code 2, saying to stop the server', async () => {
    const held = await openStore({ dataDir });
    try {
      const answer = await cfp('users', 'list');
      assert.equal(answer.code, 2, answer.stderr);
      assert.match(
        answer.stderr,
        /^cfp: the data directory .* is in use by another OpenCFP process \(pid \d+ .*stop the server and run this again, or run the server on PostgreSQL/,
      );
    } finally {
      await held.close();
    }
  });
});

describe('cfp users and cfp orgs on a PostgreSQL server (DATABASE_URL)', () => {
  let url = '';
  let drop: (() => Promise<void>) | undefined;
  const saved = process.env.DATABASE_URL;

  before(async () => {
    ({ url, drop } = await freshPostgresDatabase());
    process.env.DATABASE_URL = url; // read by loadConfig, as `cfp serve` reads it
  });
  after(async () => {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
    await drop?.();
  });

  it('adds a user, an organisation and a member, lists them, and resets a password', async () => {
    const owner = await run('users', 'add', '--email', 'owner@example.com', '--name', 'Owner');
    assert.equal(owner.code, 0, owner.stderr);
    const org = await run(
      'orgs',
      'add',
      '--name',
      'Cell Co',
      '--slug',
      'cell-co',
      '--owner',
      'owner@example.com',
    );
    assert.equal(org.code, 0, org.stderr);
    const member = await run(
      'users',
      'add',
      '--email',
      'member@example.com',
      '--name',
      'Member',
      '--org',
      'cell-co',
      '--role',
      'viewer',
    );
    assert.equal(member.code, 0, member.stderr);
    const taken = await run('users', 'add', '--email', 'member@example.com', '--name', 'Member');
    assert.deepEqual(
      [taken.code, taken.stderr],
      [2, 'cfp: a user with the e-mail member@example.com exists already\n'],
    );
    const listed = await run('users', 'list', '--org', 'cell-co', '--format', 'json');
    assert.deepEqual(
      (JSON.parse(listed.stdout) as { email: string; memberships: { role: string }[] }[]).map((u) => [
        u.email,
        u.memberships[0].role,
      ]),
      [
        ['member@example.com', 'viewer'],
        ['owner@example.com', 'owner'],
      ],
    );
    const reset = await run('users', 'reset-password', '--email', 'member@example.com');
    assert.equal(reset.code, 0, reset.stderr);
    const store = await openStore({ databaseUrl: url });
    try {
      assert.equal(store.kind, 'postgres');
      assert.ok(await signIn(store, 'owner@example.com', printedPassword(owner.stdout)));
      assert.equal(await signIn(store, 'member@example.com', printedPassword(member.stdout)), undefined);
      assert.ok(await signIn(store, 'member@example.com', printedPassword(reset.stdout)));
    } finally {
      await store.close();
    }
  });
});
