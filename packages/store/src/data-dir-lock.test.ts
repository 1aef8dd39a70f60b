// The lock of a PGlite data directory: one store per directory, in this process and across processes (children
// open the store from the built package, as `cfp serve` does); a lock whose holder is gone is taken over.
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { DATA_DIR_LOCK_FILE } from './data-dir-lock.js';
import { StoreError } from './errors.js';
import { openStore, type Store } from './store.js';

const storeModule = new URL('./index.js', import.meta.url).href;
const root = mkdtempSync(join(tmpdir(), 'opencfp-lock-'));
after(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;

/** A fresh directory under the test's temporary folder (created, empty). */
function freshDir(): string {
  const dir = join(root, `d${++dirs}`);
  mkdirSync(dir);
  return dir;
}

function lockOf(dir: string): { pid: number; hostname: string; startedAt: string } {
  return JSON.parse(readFileSync(join(dir, DATA_DIR_LOCK_FILE), 'utf8')) as {
    pid: number;
    hostname: string;
    startedAt: string;
  };
}

function isInUse(e: unknown): e is StoreError {
  return e instanceof StoreError && e.code === 'DATA_DIR_IN_USE';
}

async function organisationNames(store: Store): Promise<string[]> {
  const rows = await store.db.selectFrom('organisations').select('name').orderBy('name').execute();
  return rows.map((row) => row.name);
}

/** The pid of a process that has ended. */
function deadPid(): number {
  const run = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
    encoding: 'utf8',
  });
  return Number(run.stdout);
}

interface Child {
  process: ChildProcess;
  /** The child's first line: 'locked' once it holds the store and its lock file (and wrote a row), else why not. */
  answer: Promise<string>;
  exited: Promise<NodeJS.Signals | number | null>;
}

/**
 * A node process that opens the store on `dir` from the built package (and adds an organisation named `name`, when
 * given), says 'locked' and stays alive (or exits at once without closing the store, with `thenExit`).
 */
function childStore(dir: string, name?: string, thenExit = false): Child {
  const code = `
    import { readFileSync } from 'node:fs';
    import { join } from 'node:path';
    import { openStore } from ${JSON.stringify(storeModule)};
    try {
      const name = process.env.LOCK_TEST_NAME;
      const store = await openStore({ dataDir: process.env.LOCK_TEST_DIR, migrate: name !== '' });
      if (name !== '')
        await store.db.insertInto('organisations').values({ id: name, name, slug: name.toLowerCase() }).execute();
      const lock = JSON.parse(readFileSync(join(process.env.LOCK_TEST_DIR, 'opencfp.lock'), 'utf8'));
      process.stdout.write(lock.pid === process.pid ? 'locked\\n' : 'not locked by this process\\n');
      if (process.env.LOCK_TEST_EXIT === '1') process.exit(0);
      setInterval(() => {}, 1 << 30);
    } catch (e) {
      process.stdout.write(String(e.code ?? e.message) + '\\n');
      process.exit(3);
    }`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', code], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      LOCK_TEST_DIR: dir,
      LOCK_TEST_NAME: name ?? '',
      LOCK_TEST_EXIT: thenExit ? '1' : '0',
    },
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<NodeJS.Signals | number | null>((done) =>
    child.on('exit', (status, signal) => done(signal ?? status)),
  );
  const answer = new Promise<string>((resolve, reject) => {
    child.stdout?.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]);
    });
    void exited.then(() => reject(new Error(`the child ended without an answer:\n${stdout}${stderr}`)));
  });
  return { process: child, answer, exited };
}

describe('the lock of a PGlite data directory', { timeout: 300_000 }, () => {
  it('refuses a second store on the directory in the same process; the first keeps working', async () => {
    const dir = freshDir();
    const first = await openStore({ dataDir: dir });
    try {
      assert.equal(lockOf(dir).pid, process.pid);
      await assert.rejects(openStore({ dataDir: dir }), (e: unknown) => {
        assert.ok(isInUse(e), String(e));
        assert.match(e.message, new RegExp(`this process \\(pid ${process.pid}\\) has the data directory`));
        assert.match(e.message, /close that store first/);
        assert.equal(e.details?.pid, process.pid);
        assert.equal(e.details?.lockFile, join(dir, DATA_DIR_LOCK_FILE));
        return true;
      });
      // the refused open changed nothing: the first store writes and reads, and still holds the lock
      await first.db.insertInto('organisations').values({ id: 'o1', name: 'First', slug: 'first' }).execute();
      assert.deepEqual(await organisationNames(first), ['First']);
      assert.equal(lockOf(dir).pid, process.pid);
    } finally {
      await first.close();
    }
    assert.equal(existsSync(join(dir, DATA_DIR_LOCK_FILE)), false, 'close() deletes the lock file');
    const again = await openStore({ dataDir: dir });
    try {
      assert.deepEqual(await organisationNames(again), ['First']);
    } finally {
      await again.close();
    }
  });

  it('closes PGlite before it releases the lock, also when the store never ran a query', async () => {
    const dir = freshDir();
    const store = await openStore({ dataDir: dir, migrate: false });
    assert.ok(existsSync(join(dir, 'postmaster.pid')), 'PGlite has the directory open');
    await store.close();
    // PGlite deletes its postmaster.pid when it closes (a SIGKILLed one leaves it, harmlessly: see below)
    assert.equal(existsSync(join(dir, 'postmaster.pid')), false, 'PGlite is closed');
    assert.equal(existsSync(join(dir, DATA_DIR_LOCK_FILE)), false, 'the lock is released');
  });

  it('lets exactly one of two simultaneous opens in one process have the directory', async () => {
    const dir = freshDir();
    const open = () => openStore({ dataDir: dir, migrate: false });
    const outcomes = await Promise.allSettled([open(), open()]);
    const opened = outcomes.filter((o) => o.status === 'fulfilled');
    const refused = outcomes.filter((o) => o.status === 'rejected');
    try {
      assert.equal(opened.length, 1);
      assert.equal(refused.length, 1);
      assert.ok(isInUse(refused[0].reason), String(refused[0].reason));
    } finally {
      for (const o of opened) await o.value.close();
    }
  });

  it('takes over a lock whose process has ended, and says so', async () => {
    const dir = freshDir();
    const pid = deadPid();
    const startedAt = new Date().toISOString();
    writeFileSync(
      join(dir, DATA_DIR_LOCK_FILE),
      JSON.stringify({ pid, hostname: hostname(), startedAt, token: 'left-by-a-crash' }),
    );
    const warnings: string[] = [];
    const store = await openStore({ dataDir: dir, migrate: false, onWarning: (m) => warnings.push(m) });
    try {
      assert.equal(lockOf(dir).pid, process.pid);
      assert.equal(warnings.length, 1);
      assert.match(warnings[0], new RegExp(`no longer running \\(pid ${pid}, started ${startedAt}\\)`));
    } finally {
      await store.close();
    }
  });

  it('takes over an unreadable lock file (an empty one, as a power loss may leave)', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, DATA_DIR_LOCK_FILE), '');
    const warnings: string[] = [];
    const store = await openStore({ dataDir: dir, migrate: false, onWarning: (m) => warnings.push(m) });
    await store.close();
    assert.match(warnings.join('\n'), /unreadable/);
  });

  it('refuses a lock of another host, which it cannot check, and says how to free it', async () => {
    const dir = freshDir();
    const lock = JSON.stringify({
      pid: 4242,
      hostname: `not-${hostname()}`,
      startedAt: '2026-01-02T03:04:05.000Z',
    });
    writeFileSync(join(dir, DATA_DIR_LOCK_FILE), lock);
    await assert.rejects(openStore({ dataDir: dir }), (e: unknown) => {
      assert.ok(isInUse(e), String(e));
      assert.match(
        e.message,
        new RegExp(`on host not-${hostname()} \\(pid 4242, started 2026-01-02T03:04:05.000Z\\)`),
      );
      assert.match(
        e.message,
        new RegExp(`delete ${join(dir, DATA_DIR_LOCK_FILE).replace(/[\\^$.*+?()[\]{}|]/g, '\\$&')}`),
      );
      return true;
    });
    assert.equal(readFileSync(join(dir, DATA_DIR_LOCK_FILE), 'utf8'), lock, 'the lock is left as it was');
  });

  it(
    'tells a live process from one that reused a dead holder’s pid (Linux: by its start time)',
    { skip: process.platform !== 'linux' && 'the start time of a process is read from /proc' },
    async () => {
      const live = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1 << 30)'], { stdio: 'ignore' });
      const exited = new Promise((done) => live.on('exit', done));
      try {
        const pid = live.pid as number;
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const processStart = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19];
        const bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
        const record = { pid, hostname: hostname(), startedAt: new Date().toISOString(), token: 't', bootId };
        const dir = freshDir();
        // the holder's pid, with its start time: the holder runs
        writeFileSync(join(dir, DATA_DIR_LOCK_FILE), JSON.stringify({ ...record, processStart }));
        await assert.rejects(openStore({ dataDir: dir, migrate: false }), (e: unknown) => {
          assert.ok(isInUse(e), String(e));
          assert.match(e.message, new RegExp(`another OpenCFP process \\(pid ${pid}, started`));
          return true;
        });
        // the same pid with another start time: the holder is gone and another process has its pid
        writeFileSync(
          join(dir, DATA_DIR_LOCK_FILE),
          JSON.stringify({ ...record, processStart: String(Number(processStart) - 1) }),
        );
        const warnings: string[] = [];
        const store = await openStore({ dataDir: dir, migrate: false, onWarning: (m) => warnings.push(m) });
        await store.close();
        assert.match(warnings.join('\n'), /another process has its pid now/);
        // a lock of an earlier boot, whatever runs under its pid now
        writeFileSync(
          join(dir, DATA_DIR_LOCK_FILE),
          JSON.stringify({ ...record, processStart, bootId: 'an-earlier-boot' }),
        );
        warnings.length = 0;
        const again = await openStore({ dataDir: dir, migrate: false, onWarning: (m) => warnings.push(m) });
        await again.close();
        assert.match(warnings.join('\n'), /before the machine restarted/);
      } finally {
        live.kill('SIGKILL');
        await exited;
      }
    },
  );

  it(
    'takes over the lock of a process that ended but is not yet collected by its parent (a zombie)',
    { skip: process.platform !== 'linux' && 'the state of a process is read from /proc' },
    async () => {
      // sh starts a short-lived child, then becomes `sleep`, which never collects it: the child stays a zombie. The
      // child outlives the exec (0.3 s), or sh itself might collect it first and the test would find no process.
      const parent = spawn('sh', ['-c', 'sleep 0.3 & echo $!; exec sleep 1000'], {
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      const exited = new Promise((done) => parent.on('exit', done));
      try {
        const pid = Number(
          await new Promise<string>((done) => parent.stdout?.once('data', (d: Buffer) => done(d.toString()))),
        );
        const state = () => {
          const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
          return stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
        };
        while (state() !== 'Z') await new Promise((done) => setTimeout(done, 10));
        process.kill(pid, 0); // a zombie answers signal 0 as if it ran
        const dir = freshDir();
        const record = { pid, hostname: hostname(), startedAt: new Date().toISOString(), token: 'zombie' };
        writeFileSync(join(dir, DATA_DIR_LOCK_FILE), JSON.stringify(record));
        const warnings: string[] = [];
        const store = await openStore({ dataDir: dir, migrate: false, onWarning: (m) => warnings.push(m) });
        await store.close();
        assert.match(warnings.join('\n'), new RegExp(`no longer running \\(pid ${pid},`));
      } finally {
        parent.kill('SIGKILL');
        await exited;
      }
    },
  );

  it('refuses while another process holds the directory, and opens it once that process is killed', async () => {
    const dir = freshDir();
    const holder = childStore(dir, 'Child');
    try {
      assert.equal(await holder.answer, 'locked');
      await assert.rejects(openStore({ dataDir: dir }), (e: unknown) => {
        assert.ok(isInUse(e), String(e));
        assert.match(
          e.message,
          new RegExp(`^another OpenCFP process \\(pid ${holder.process.pid}, started `),
        );
        assert.match(e.message, /stop it, or give this one another --data-dir \/ OPENCFP_DATA_DIR/);
        assert.match(e.message, /use a PostgreSQL server \(DATABASE_URL\) to run several instances/);
        assert.equal(e.details?.pid, holder.process.pid);
        return true;
      });
      assert.equal(lockOf(dir).pid, holder.process.pid, 'the refused open left the lock alone');
      holder.process.kill('SIGKILL');
      assert.equal(await holder.exited, 'SIGKILL');
      // the lock file and PGlite's postmaster.pid are left behind; neither keeps the directory from opening
      assert.equal(lockOf(dir).pid, holder.process.pid);
      const warnings: string[] = [];
      const store = await openStore({ dataDir: dir, onWarning: (message) => warnings.push(message) });
      try {
        assert.match(warnings.join('\n'), new RegExp(`no longer running \\(pid ${holder.process.pid},`));
        assert.deepEqual(
          await organisationNames(store),
          ['Child'],
          'what the killed process committed is kept',
        );
      } finally {
        await store.close();
      }
    } finally {
      holder.process.kill('SIGKILL');
    }
  });

  it('is released when a process exits without closing its store', async () => {
    const dir = freshDir();
    const child = childStore(dir, undefined, true);
    assert.equal(await child.answer, 'locked');
    assert.equal(await child.exited, 0);
    assert.equal(existsSync(join(dir, DATA_DIR_LOCK_FILE)), false);
  });

  it('lets exactly one of several processes racing for a stale lock have the directory', async () => {
    const dir = freshDir();
    writeFileSync(
      join(dir, DATA_DIR_LOCK_FILE),
      JSON.stringify({
        pid: deadPid(),
        hostname: hostname(),
        startedAt: new Date().toISOString(),
        token: 'x',
      }),
    );
    // The winner stays alive until every child has answered, so no second one can ever legitimately win.
    const children = [1, 2, 3, 4].map(() => childStore(dir));
    try {
      const answers = await Promise.all(children.map((c) => c.answer));
      assert.deepEqual(
        [...answers].sort(),
        ['DATA_DIR_IN_USE', 'DATA_DIR_IN_USE', 'DATA_DIR_IN_USE', 'locked'],
        answers.join(', '),
      );
      const winner = children[answers.indexOf('locked')];
      assert.equal(lockOf(dir).pid, winner.process.pid);
    } finally {
      for (const c of children) c.process.kill('SIGKILL');
      await Promise.all(children.map((c) => c.exited));
    }
  });
});
