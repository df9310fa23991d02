/**
 * Chooses the PostgreSQL the database tests run against, once per `vitest run`:
 * TEST_DATABASE_URL if set (a real server; each test file creates its own database there), else a
 * testcontainers PostgreSQL if a Docker engine answers, else embedded PGlite (in memory per file).
 */
import type { TestProject } from 'vitest/node';
import type { TestDatabaseTarget } from '../helpers/test-database-target.js';

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  let target: TestDatabaseTarget;
  let stop = async () => {};
  const url = process.env.TEST_DATABASE_URL;
  if (url) {
    target = { kind: 'server', adminUrl: url, description: `PostgreSQL server from TEST_DATABASE_URL (${redact(url)})` };
  } else {
    const container = await startContainerIfDockerAnswers();
    if (container) {
      target = { kind: 'server', adminUrl: container.url, description: 'PostgreSQL 16 in a testcontainers container' };
      stop = container.stop;
    } else {
      target = { kind: 'embedded', description: 'embedded PostgreSQL (PGlite), in memory for each test file' };
    }
  }
  console.log(`Database tests run on: ${target.description}`);
  project.provide('testDatabase', target);
  return stop;
}

async function startContainerIfDockerAnswers(): Promise<{ url: string; stop: () => Promise<void> } | undefined> {
  const { getContainerRuntimeClient } = await import('testcontainers');
  try {
    await getContainerRuntimeClient();
  } catch {
    return undefined;
  }
  const { PostgreSqlContainer } = await import('@testcontainers/postgresql');
  const container = await new PostgreSqlContainer('postgres:16-alpine').start();
  return { url: container.getConnectionUri(), stop: async () => void (await container.stop()) };
}

function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
