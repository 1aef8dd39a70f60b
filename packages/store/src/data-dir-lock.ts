import { randomUUID } from 'node:crypto';
import {
  closeSync,
  linkSync,
  openSync,
  readFileSync,
  renameSync,
  unlinkSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { hostname, uptime } from 'node:os';
import { join, resolve } from 'node:path';
import { StoreError } from './errors.js';

/** The lock file's name inside a PGlite data directory. */
export const DATA_DIR_LOCK_FILE = 'opencfp.lock';

/** What a lock file holds (JSON): who holds the directory, and enough to tell a live holder from a dead one. */
interface LockRecord {
  pid: number;
  hostname: string;
  /** ISO time the lock was taken. */
  startedAt: string;
  /** Tells this lock from an earlier one of the same pid (a container's process is often pid 1 after every start). */
  token: string;
  /** Linux: the kernel's boot id; a lock of another boot is stale whatever its pid. */
  bootId?: string;
  /** Linux: the holder's start time (clock ticks since boot, /proc/<pid>/stat); a different one means a reused pid. */
  processStart?: string;
}

/** The locks this process holds (token → lock file), shared by every copy of this module loaded in the process. */
interface Registry {
  held: Map<string, string>;
  exitHook: boolean;
}
const REGISTRY_KEY = Symbol.for('@opencfp/store data directory locks');
const registry = ((globalThis as Record<symbol, Registry | undefined>)[REGISTRY_KEY] ??= {
  held: new Map(),
  exitHook: false,
});

/** How long a lock file may be off before the machine's boot and still be taken for this boot (clock drift). */
const BOOT_SLACK_MS = 60_000;

/**
 * An exclusive lock on a PGlite data directory: the file `<dataDir>/opencfp.lock` with the holder's pid, host and
 * start time. PGlite is one process per data directory, and its own `postmaster.pid` does not keep a second process
 * out (it always holds the pid -42): two processes on one directory each see only their own writes, and one's are
 * lost. A lock whose holder is gone (a crash, SIGKILL, a reboot) is taken over.
 *
 * @example
 * const lock = DataDirLock.acquire('./data', { onWarning: console.warn }); // StoreError DATA_DIR_IN_USE if held
 * try { ... open PGlite on './data' ... } finally { lock.release(); }
 */
export class DataDirLock {
  /** The lock file. */
  readonly path: string;
  readonly #token: string;
  #released = false;

  private constructor(path: string, token: string) {
    this.path = path;
    this.#token = token;
  }

  /**
   * Takes the lock of `dataDir` (which must exist), or throws StoreError `DATA_DIR_IN_USE` (details: dataDir,
   * lockFile, pid, hostname, startedAt) when a live process holds it — this one included. A stale lock is taken
   * over and `onWarning` told why. Synchronous, so two opens in one process cannot interleave.
   */
  static acquire(dataDir: string, options: { onWarning?: (message: string) => void } = {}): DataDirLock {
    const directory = resolve(dataDir);
    const path = join(directory, DATA_DIR_LOCK_FILE);
    const own: LockRecord = {
      pid: process.pid,
      hostname: hostname(),
      startedAt: new Date().toISOString(),
      token: randomUUID(),
      ...ownIdentity(),
    };
    let tookOver: string | undefined;
    // A few rounds: each ends with the lock taken, refused, or a stale lock moved away (then the next one tries).
    for (let round = 0; round < 5; round++) {
      if (createExclusively(path, own)) {
        registry.held.set(own.token, path);
        if (!registry.exitHook) {
          registry.exitHook = true;
          // Best effort: a normal exit releases what close() did not. A crash leaves the file; it is then stale.
          process.on('exit', () => {
            for (const [token, file] of registry.held) removeIfOurs(file, token);
          });
        }
        if (tookOver) options.onWarning?.(tookOver);
        return new DataDirLock(path, own.token);
      }
      const text = readIfPresent(path);
      if (text === undefined) continue; // released in between
      const holder = parseRecord(text);
      const stale = staleReason(holder);
      if (holder !== undefined && stale === undefined) throw inUse(directory, path, holder);
      // Move the stale file aside, then check that it is the one judged: between reading and moving, another
      // process may have taken the stale lock over and written its own, which goes back in place.
      const aside = `${path}.${own.token}.stale`;
      try {
        renameSync(path, aside);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw e;
      }
      if (readIfPresent(aside) !== text) {
        try {
          linkSync(aside, path);
        } catch {
          // a third process locked in the meantime: its lock stands, the moved one is lost (a race of three)
        }
        unlinkSync(aside);
        continue;
      }
      unlinkSync(aside);
      tookOver =
        `took over the lock of the data directory ${directory}: ${stale}` +
        (holder ? ` (pid ${holder.pid}, started ${holder.startedAt})` : '') +
        '; PGlite recovers the data from its write-ahead log';
    }
    throw new StoreError(
      'DATA_DIR_IN_USE',
      `cannot lock the data directory ${directory}: other processes keep taking its lock file ${path}. Stop the other OpenCFP processes that use it, or use a PostgreSQL server (DATABASE_URL) to run several instances`,
      { details: { dataDir: directory, lockFile: path } },
    );
  }

  /** Deletes the lock file (if it is still this lock's). Call it once PGlite has closed. Idempotent. */
  release(): void {
    if (this.#released) return;
    this.#released = true;
    registry.held.delete(this.#token);
    removeIfOurs(this.path, this.#token);
  }
}

/**
 * Creates the lock file with its whole content at once: written to a file of its own, then hard-linked to the lock
 * file's name, which fails if that exists. A process that reads the lock never sees it half-written. Where the file
 * system has no hard links, an exclusive create ('wx') and a write.
 */
function createExclusively(path: string, record: LockRecord): boolean {
  const content = `${JSON.stringify(record)}\n`;
  const draft = `${path}.${record.token}.new`;
  writeFileSync(draft, content, { flag: 'wx' });
  try {
    linkSync(draft, path);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'ENOSYS' && code !== 'EOPNOTSUPP') throw e;
  } finally {
    unlinkSync(draft);
  }
  let fd: number;
  try {
    fd = openSync(path, 'wx');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw e;
  }
  try {
    writeSync(fd, content);
  } finally {
    closeSync(fd);
  }
  return true;
}

function readIfPresent(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

function parseRecord(text: string): LockRecord | undefined {
  try {
    const value = JSON.parse(text) as Partial<LockRecord> | null;
    if (
      typeof value?.pid === 'number' &&
      Number.isInteger(value.pid) &&
      value.pid > 0 &&
      typeof value.hostname === 'string' &&
      typeof value.startedAt === 'string'
    )
      return { token: '', ...value } as LockRecord;
  } catch {
    // not JSON: unreadable, below
  }
  return undefined;
}

/** Why a lock no longer holds, or undefined when its holder may still be running. */
function staleReason(holder: LockRecord | undefined): string | undefined {
  // Our own locks are written whole (createExclusively); an unreadable one is a power loss's leftover or not ours.
  if (holder === undefined) return 'its lock file was unreadable';
  // Another machine's process cannot be checked from here (a shared volume): it holds until someone says otherwise.
  if (holder.hostname !== hostname()) return undefined;
  const current = ownIdentity();
  if (holder.bootId !== undefined && current.bootId !== undefined) {
    if (holder.bootId !== current.bootId) return 'its process ran before the machine restarted';
  } else {
    const startedAt = Date.parse(holder.startedAt);
    if (Number.isFinite(startedAt) && startedAt < Date.now() - uptime() * 1000 - BOOT_SLACK_MS)
      return 'its process ran before the machine restarted';
  }
  if (holder.pid === process.pid)
    return registry.held.has(holder.token) ? undefined : 'an earlier process with this pid left it';
  if (!isAlive(holder.pid)) return 'its process is no longer running';
  const now = linuxIdentity(holder.pid);
  // A killed process whose parent has not yet collected its exit status (a zombie) still answers signal 0.
  if (now.zombie) return 'its process is no longer running';
  if (
    holder.processStart !== undefined &&
    now.processStart !== undefined &&
    now.processStart !== holder.processStart
  )
    return 'its process is no longer running (another process has its pid now)';
  return undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0); // signal 0: no signal, only the check that the process exists
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM'; // it exists, and belongs to another user
  }
}

/**
 * On Linux, the boot id and a process's start time (together with the pid they name one process for good), and
 * whether it has ended but is not yet collected by its parent (a zombie).
 */
function linuxIdentity(pid: number): { bootId?: string; processStart?: string; zombie?: boolean } {
  if (process.platform !== 'linux') return {};
  const identity: { bootId?: string; processStart?: string; zombie?: boolean } = {};
  try {
    identity.bootId = readFileSync('/proc/sys/kernel/random/boot_id', 'utf8').trim();
  } catch {
    // no /proc (a sandbox): the other checks decide
  }
  try {
    // Field 22, counted after the command name, which is in parentheses and may itself hold spaces or ')'.
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (fields[19] !== undefined && /^\d+$/.test(fields[19])) identity.processStart = fields[19];
    if (fields[0] === 'Z' || fields[0] === 'X') identity.zombie = true;
  } catch {
    // the process is gone, or /proc is not readable
  }
  return identity;
}

function ownIdentity(): { bootId?: string; processStart?: string } {
  const { bootId, processStart } = linuxIdentity(process.pid);
  return {
    ...(bootId === undefined ? {} : { bootId }),
    ...(processStart === undefined ? {} : { processStart }),
  };
}

function removeIfOurs(path: string, token: string): void {
  try {
    if (parseRecord(readFileSync(path, 'utf8'))?.token === token) unlinkSync(path);
  } catch {
    // gone already, or the directory was deleted: nothing to release
  }
}

function inUse(directory: string, path: string, holder: LockRecord): StoreError {
  const details = {
    dataDir: directory,
    lockFile: path,
    pid: holder.pid,
    hostname: holder.hostname,
    startedAt: holder.startedAt,
  };
  const instead =
    'give this one another --data-dir / OPENCFP_DATA_DIR, or use a PostgreSQL server (DATABASE_URL) to run several instances';
  const where = `the data directory ${directory} (PGlite allows one process per data directory)`;
  let message: string;
  if (holder.pid === process.pid && holder.hostname === hostname())
    message = `this process (pid ${holder.pid}) has the data directory ${directory} open already, since ${holder.startedAt} (PGlite allows one open store per data directory): close that store first, or ${instead}`;
  else if (holder.hostname === hostname())
    message = `another OpenCFP process (pid ${holder.pid}, started ${holder.startedAt}) uses ${where}: stop it, or ${instead}`;
  else
    message =
      `an OpenCFP process on host ${holder.hostname} (pid ${holder.pid}, started ${holder.startedAt}) uses ${where}: stop it, or ${instead}. ` +
      `If no OpenCFP process runs on ${holder.hostname} any more (it crashed), delete ${path}`;
  return new StoreError('DATA_DIR_IN_USE', message, { details });
}
