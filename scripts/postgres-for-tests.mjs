// A PostgreSQL server for the store's tests. When OPENCFP_TEST_DATABASE_URL is set it is used as it is. Otherwise,
// on a machine with Debian's PostgreSQL cluster tools (this project's CI machine: PostgreSQL 15, installed but
// stopped) and as root, the cluster is started and a role `opencfp` that may create databases is made; the URL is
// returned. Elsewhere it returns undefined, and the PostgreSQL tests fail with a message saying what to set.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const ROLE = 'opencfp';
const PASSWORD = 'opencfp-test';

function run(command, args, input) {
  const r = spawnSync(command, args, { encoding: 'utf8', input });
  return { ok: r.status === 0, out: `${r.stdout ?? ''}${r.stderr ?? ''}`.trim() };
}

/** The admin URL of a PostgreSQL server for tests, or undefined when none can be had here. */
export function postgresForTests() {
  if (process.env.OPENCFP_TEST_DATABASE_URL) return process.env.OPENCFP_TEST_DATABASE_URL;
  if (!existsSync('/usr/bin/pg_lsclusters') || process.getuid?.() !== 0) return undefined;
  const clusters = run('pg_lsclusters', ['--no-header']);
  const first = clusters.out.split('\n').find((l) => l.trim() !== '');
  if (!first) return undefined;
  const [version, name, port, status] = first.trim().split(/\s+/);
  if (status !== 'online') {
    const started = run('pg_ctlcluster', [version, name, 'start']);
    if (!started.ok) {
      console.error(`could not start PostgreSQL ${version}/${name}: ${started.out}`);
      return undefined;
    }
  }
  const sql =
    `do $$ begin if not exists (select from pg_roles where rolname = '${ROLE}') then ` +
    `create role ${ROLE} login createdb password '${PASSWORD}'; end if; end $$;`;
  // The SQL goes through stdin: in a shell command line, '$$' would be the shell's process id.
  const role = run('su', ['postgres', '-c', `psql -p ${port} -q -v ON_ERROR_STOP=1 -d postgres`], sql);
  if (!role.ok) {
    console.error(`could not create the test role: ${role.out}`);
    return undefined;
  }
  return `postgres://${ROLE}:${PASSWORD}@127.0.0.1:${port}/postgres`;
}
