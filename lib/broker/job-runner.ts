// A broker job's process (started by the agent host, jobs.ts): one `wua download|install|uninstall`
// run with --json --progress, so that its stdout is the command's own JSON lines, progress events
// then the document. An 'abort' from the agent host is Ctrl-C for the command: it asks the agent
// to abort and waits for it to confirm, as at a console.
import { runCli } from '../cli/program.js';

process.on('message', (message) => {
  if (message === 'abort') process.emit('SIGINT');
});

runCli(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
}, (error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exitCode = 1;
}).finally(() => {
  if (process.connected) process.disconnect();
});
