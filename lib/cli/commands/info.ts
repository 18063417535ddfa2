// `wua info`: the agent's version and whether the machine waits for a restart.
import type { UpdateSession } from '../../session.js';
import { ExitCode } from '../exit-codes.js';
import { type Output, table } from '../output.js';

export async function infoCommand(session: UpdateSession, output: Output): Promise<ExitCode> {
  const info = await session.agentInfo();
  output.result(info, () => table(['', ''], [
    ['Agent version', info.productVersion],
    ['API version', `${info.apiMajorVersion}.${info.apiMinorVersion}`],
    ['Restart pending', info.rebootRequired ? 'yes' : 'no'],
  ]).split('\n').slice(1).join('\n'));
  return info.rebootRequired ? ExitCode.rebootRequired : ExitCode.success;
}
