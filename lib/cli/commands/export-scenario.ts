// `wua export-scenario`: the machine as a scenario (lib/scenario-export.ts), to replay it in the
// fake agent of windows-update-agent/testing or in the project's simulator.
import { exportScenario } from '../../scenario-export.js';
import type { UpdateSession } from '../../session.js';
import { ExitCode } from '../exit-codes.js';
import type { Output } from '../output.js';

/**
 * Without --json, stdout is the scenario itself (`wua export-scenario > machine.json`); with it,
 * the one document of every command, `{ "scenario": {...}, "exitCode": 0 }`.
 */
export async function exportScenarioCommand(session: UpdateSession, output: Output, signal: AbortSignal): Promise<ExitCode> {
  const scenario = await exportScenario(session, { signal });
  const doc = { scenario, exitCode: ExitCode.success };
  output.result(doc, () => JSON.stringify(scenario, null, 2));
  return doc.exitCode;
}
