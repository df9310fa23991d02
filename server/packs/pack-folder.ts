/**
 * Reading a pack folder as untrusted input: only the expected layout of YAML and Markdown files,
 * no symbolic links, no other files (images above all), and size caps checked before anything is read.
 */
import { lstat, open, readdir } from 'node:fs/promises';
import { extname, join } from 'node:path';
import type { PackIssue } from './issues.js';
import { CHANGELOG_FILE, INSTRUMENT_FILE, MICRO_TEACHES_DIR, PACK_FILE, RUBRIC_FILE, SCENARIOS_DIR, TESTS_DIR } from './layout.js';

export const MAX_FILE_BYTES = 512 * 1024;
export const MAX_PACK_BYTES = 5 * 1024 * 1024;
export const MAX_FILES = 200;

const TOP_LEVEL_FILES = [PACK_FILE, INSTRUMENT_FILE, RUBRIC_FILE, CHANGELOG_FILE];
const FOLDER_EXTENSIONS: Record<string, readonly string[]> = {
  [SCENARIOS_DIR]: ['.yaml', '.yml'],
  [MICRO_TEACHES_DIR]: ['.md'],
  [TESTS_DIR]: ['.yaml', '.yml'],
};
const TEXT_EXTENSIONS = ['.yaml', '.yml', '.md'];
const LAYOUT = `a pack holds ${TOP_LEVEL_FILES.join(', ')}, ${SCENARIOS_DIR}/*.yaml, ${MICRO_TEACHES_DIR}/*.md and ${TESTS_DIR}/*.yaml`;

/** A pack file's text, by path relative to the pack folder with "/" separators. */
export type PackFileText = { file: string; text: string };

type FoundFile = { file: string; bytes: number };

export async function readPackFolder(dir: string): Promise<{ files: PackFileText[]; issues: PackIssue[] }> {
  const folder = await lstat(dir).catch(() => undefined);
  if (!folder?.isDirectory()) return { files: [], issues: [folderIssue(`no pack folder at ${dir}`)] };

  const issues: PackIssue[] = [];
  const found: FoundFile[] = [];
  for (const entry of await sortedEntries(dir)) {
    const stats = await lstat(join(dir, entry));
    if (stats.isDirectory() && entry in FOLDER_EXTENSIONS) {
      await collectFolder(dir, entry, found, issues);
    } else {
      const refusal = refusalFor(entry, stats, TOP_LEVEL_FILES.includes(entry) ? TEXT_EXTENSIONS : []);
      if (refusal) issues.push(fileIssue(entry, refusal));
      else found.push({ file: entry, bytes: stats.size });
    }
  }

  if (found.length > MAX_FILES) issues.push(folderIssue(`the pack has ${found.length} files; the most accepted is ${MAX_FILES}`));
  for (const { file, bytes } of found) {
    if (bytes > MAX_FILE_BYTES) issues.push(fileIssue(file, `the file is ${kib(bytes)}; the most accepted is ${kib(MAX_FILE_BYTES)}`));
  }
  const totalBytes = found.reduce((sum, { bytes }) => sum + bytes, 0);
  if (totalBytes > MAX_PACK_BYTES) issues.push(folderIssue(`the pack is ${kib(totalBytes)}; the most accepted is ${kib(MAX_PACK_BYTES)}`));
  if (issues.length > 0) return { files: [], issues };

  const files: PackFileText[] = [];
  for (const { file } of found) {
    const text = await readCappedText(join(dir, file));
    if (text === undefined) issues.push(fileIssue(file, `the file is not UTF-8 text, or grew past ${kib(MAX_FILE_BYTES)} while being read`));
    else files.push({ file, text });
  }
  return { files, issues };
}

async function collectFolder(dir: string, folder: string, found: FoundFile[], issues: PackIssue[]): Promise<void> {
  for (const entry of await sortedEntries(join(dir, folder))) {
    const file = `${folder}/${entry}`;
    const stats = await lstat(join(dir, folder, entry));
    const refusal = refusalFor(entry, stats, FOLDER_EXTENSIONS[folder]!);
    if (refusal) issues.push(fileIssue(file, refusal));
    else found.push({ file, bytes: stats.size });
  }
}

/** Why an entry is refused, or undefined when it is a regular file with one of the expected extensions. */
function refusalFor(name: string, stats: Awaited<ReturnType<typeof lstat>>, expectedExtensions: readonly string[]): string | undefined {
  if (stats.isSymbolicLink()) return 'symbolic links are refused; put the file itself in the pack';
  if (stats.isDirectory()) return `unexpected folder: ${LAYOUT}`;
  if (!stats.isFile()) return `not a regular file: ${LAYOUT}`;
  const extension = extname(name).toLowerCase();
  if (!TEXT_EXTENSIONS.includes(extension)) {
    return `images and other files are never accepted: ${LAYOUT}, all text`;
  }
  if (!expectedExtensions.includes(extension)) return `unexpected file here: ${LAYOUT}`;
  return undefined;
}

async function sortedEntries(dir: string): Promise<string[]> {
  // Plain code-unit order, so the scenario order never depends on the machine's locale.
  return (await readdir(dir)).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

/** Reads at most one byte past the cap, and refuses bytes that are not valid UTF-8. */
async function readCappedText(path: string): Promise<string | undefined> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(MAX_FILE_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > MAX_FILE_BYTES) return undefined;
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer.subarray(0, bytesRead));
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

function kib(bytes: number): string {
  return `${Math.ceil(bytes / 1024)} KiB`;
}

function fileIssue(file: string, message: string): PackIssue {
  return { file, path: '', message };
}

function folderIssue(message: string): PackIssue {
  return { file: '', path: '', message };
}
