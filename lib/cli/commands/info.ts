// `wua info`: the agent's version and whether the machine waits for a restart.
import type { UpdateSession } from '../../session.js';
import { ExitCode } from '../exit-codes.js';
import { type Output, table } from '../output.js';

// A pending restart is a fact about the machine, not the outcome of this command: it is data
// (rebootRequired), and the status stays 0 so that scripts can ask without tripping on it.
export async function infoCommand(session: UpdateSession, output: Output): Promise<ExitCode> {
  const info = await session.agentInfo();
  const exitCode = ExitCode.success;
  output.result({ ...info, exitCode }, () => table(['', ''], [
    ['Agent version', info.productVersion],
    ['API version', `${info.apiMajorVersion}.${info.apiMinorVersion}`],
    ['Restart pending', info.rebootRequired ? 'yes' : 'no'],
  ]).split('\n').slice(1).join('\n'));
  return exitCode;
}
