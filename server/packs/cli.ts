/** `npm run pack -- <command> …`: runs one of the pack author's commands (server/packs/pack-commands.ts) as a process. */
import { runPackCommand } from './pack-commands.js';

process.exitCode = await runPackCommand(process.argv.slice(2), {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
  env: process.env,
});
