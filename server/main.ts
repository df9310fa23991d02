/**
 * Starts Rehearse: read the configuration, open and migrate the database, listen, and on SIGINT or
 * SIGTERM stop accepting connections, finish in-flight requests and close the database.
 */
import closeWithGrace from 'close-with-grace';
import { buildApp, type App } from './app.js';
import { describeError } from './db/database.js';
import { ConfigError, loadConfig } from './config.js';
import { createDemoContent, describeDemoAccess, type DemoAccess } from './demo/demo-organisation.js';
import { importShippedPacksIntoEmptyDatabase } from './packs/shipped-packs.js';
import { StartupError } from './startup-error.js';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const app = await buildApp(config);

  closeWithGrace({ delay: 10_000 }, async ({ signal, err }) => {
    if (err) app.log.error({ err }, 'shutting down after an error');
    else app.log.info(`${signal} received: finishing in-flight requests, then closing the database`);
    await app.close();
  });

  if (app.appliedMigrations.length > 0) console.log(`Database migrated: ${app.appliedMigrations.join(', ')}`);
  let demo: DemoAccess | undefined;
  if (config.loadDemoContent) {
    const imported = await importShippedPacksIntoEmptyDatabase(app.database.db);
    if (imported.length > 0) console.log(`Imported the shipped packs: ${imported.join(', ')}`);
    // Demo accounts only on the embedded database: a real server is for a force's own people.
    if (app.database.engine === 'embedded') demo = await createDemoContent(app.database.db, app.packs);
  }
  const address = await listenOrExplain(app, config.port, config.host);
  const where =
    app.database.engine === 'embedded'
      ? `embedded PostgreSQL in ${app.database.location}`
      : `PostgreSQL at ${app.database.location}`;
  const shown = address.replace('://127.0.0.1', '://localhost');
  console.log(`Rehearse is ready at ${shown} (database: ${where})`);
  if (demo) console.log(describeDemoAccess(demo, shown));
}

/** Listens; a port in use or a HOST that is not this machine's becomes one line saying what to change. */
async function listenOrExplain(app: App, port: number, host: string): Promise<string> {
  try {
    return await app.listen({ port, host });
  } catch (error) {
    await app.close().catch(() => undefined);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') throw new StartupError(`PORT ${port} is already in use on ${host}: stop the program using it, or set PORT to a free port`);
    if (code === 'EACCES') throw new StartupError(`PORT ${port} needs more privileges than Rehearse has: set PORT to 1024 or above`);
    if (code === 'ENOTFOUND' || code === 'EAI_AGAIN' || code === 'EADDRNOTAVAIL' || code === 'EINVAL') {
      throw new StartupError(`HOST (${host}) is not an address of this machine: use 127.0.0.1 (this computer only) or 0.0.0.0 (every network)`);
    }
    throw new StartupError(`Cannot listen on ${host}:${port}: ${describeError(error)}`);
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError) {
    console.error(`Rehearse could not start: ${error.message}`);
  } else {
    // Unexpected: still one line; the stack goes to the log for whoever debugs it.
    console.error(`Rehearse could not start: ${describeError(error)}`);
  }
  process.exit(1);
});
