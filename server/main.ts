/**
 * Starts Rehearse: read the configuration, open and migrate the database, listen, and on SIGINT or
 * SIGTERM stop accepting connections, finish in-flight requests and close the database.
 */
import closeWithGrace from 'close-with-grace';
import { buildApp } from './app.js';
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
  const address = await app.listen({ port: config.port, host: config.host });
  const where =
    app.database.engine === 'embedded'
      ? `embedded PostgreSQL in ${app.database.location}`
      : `PostgreSQL at ${app.database.location}`;
  const shown = address.replace('://127.0.0.1', '://localhost');
  console.log(`Rehearse is ready at ${shown} (database: ${where})`);
  if (demo) console.log(describeDemoAccess(demo, shown));
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof StartupError) {
    console.error(`Rehearse could not start: ${error.message}`);
  } else {
    console.error('Rehearse could not start:', error);
  }
  process.exit(1);
});
