import { main } from '../main.js';

/**
 * Runs `cfp` in-process and collects what it prints.
 *
 * @example const { code, stdout, stderr } = await run('calc', demoDatabasePath, '--process', 'p-frame');
 */
export async function run(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}
