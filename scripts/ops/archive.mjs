// The backup archive: one gzip-compressed tar holding the database copy, the uploads, the generated secrets and, as
// its last entry, manifest.json — row counts per table and the size and SHA-256 of every other entry. Restore reads
// the whole archive into a staging folder and checks every checksum before it writes anything to the target.
import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, readFile, readdir, rename, rm, stat } from 'node:fs/promises';
import { dirname, join, posix, relative, sep } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import tar from 'tar-stream';

export const FORMAT = 'kefu-backup/1';
export const MANIFEST = 'manifest.json';

/**
 * Writes the archive `outPath` (through `<outPath>.partial`, renamed when complete, so a broken run leaves no file that
 * looks like a backup). `fill(add)` adds entries with `add.bytes(name, buffer)` and `add.file(name, path)`, one at a
 * time; the manifest `{ ...manifest, files }` is appended last.
 */
export async function writeArchive(outPath, manifest, fill) {
  await mkdir(dirname(outPath), { recursive: true });
  const partial = `${outPath}.partial`;
  const pack = tar.pack();
  const written = pipeline(pack, createGzip(), createWriteStream(partial, { mode: 0o600 }));
  written.catch(() => undefined); // awaited below; an early failure (no space, no permission) surfaces there
  const files = {};
  const entry = (name, size, source) =>
    new Promise((resolveEntry, reject) => {
      const hash = createHash('sha256');
      const sink = pack.entry({ name, size, mode: 0o600, mtime: new Date() }, (error) => {
        if (error) return reject(error);
        files[name] = { bytes: size, sha256: hash.digest('hex') };
        resolveEntry();
      });
      source(hash, sink).catch(reject);
    });
  const add = {
    bytes: (name, buffer) =>
      entry(name, buffer.length, async (hash, sink) => {
        hash.update(buffer);
        sink.end(buffer);
      }),
    file: async (name, path) => {
      const { size } = await stat(path);
      return entry(name, size, async (hash, sink) => {
        await pipeline(createReadStream(path), hashing(hash), sink);
      });
    },
  };
  try {
    await fill(add);
    const body = Buffer.from(`${JSON.stringify({ format: FORMAT, ...manifest, files }, null, 2)}\n`);
    await new Promise((resolveEntry, reject) =>
      pack.entry({ name: MANIFEST, size: body.length, mode: 0o600 }, body, (e) => (e ? reject(e) : resolveEntry())),
    );
    pack.finalize();
    await written;
    await rename(partial, outPath);
  } catch (error) {
    pack.destroy(error);
    await written.catch(() => undefined);
    await rm(partial, { force: true });
    throw error;
  }
  return { format: FORMAT, ...manifest, files };
}

/** A pipeline step that feeds every chunk passing through to `hash`. */
function hashing(hash) {
  return async function* (source) {
    for await (const chunk of source) {
      hash.update(chunk);
      yield chunk;
    }
  };
}

/** Entry names are ours, but a restore may be handed any file: nothing may land outside the staging folder. */
function safeName(name) {
  const normal = posix.normalize(name);
  if (normal.startsWith('/') || normal.startsWith('..') || normal.includes('\0'))
    throw new Error(`unsafe entry in the archive: ${name}`);
  return normal;
}

/**
 * Extracts `archivePath` into `stagingDir` and checks it against its manifest: every listed file present with its
 * size and SHA-256, nothing unlisted. Returns the manifest.
 */
export async function readArchive(archivePath, stagingDir) {
  const extract = tar.extract();
  let failure = null;
  const reading = pipeline(createReadStream(archivePath), createGunzip(), extract).catch((error) => {
    failure =
      error.code === 'ENOENT'
        ? new Error(`${archivePath} does not exist`)
        : new Error(`${archivePath} cannot be read as a .tar.gz (${error.message})`);
  });
  const found = {};
  try {
    for await (const item of extract) {
      if (item.header.type !== 'file') {
        item.resume();
        continue;
      }
      const name = safeName(item.header.name);
      const target = join(stagingDir, ...name.split('/'));
      await mkdir(dirname(target), { recursive: true });
      const hash = createHash('sha256');
      await pipeline(item, hashing(hash), createWriteStream(target, { mode: 0o600 }));
      found[name] = { bytes: item.header.size, sha256: hash.digest('hex') };
    }
  } catch (error) {
    await reading;
    throw failure ?? error;
  }
  await reading;
  if (failure) throw failure;
  if (!found[MANIFEST]) throw new Error(`${archivePath} has no ${MANIFEST}: not a Kefu backup, or cut short`);
  const manifest = JSON.parse(await readFile(join(stagingDir, MANIFEST), 'utf8'));
  if (manifest.format !== FORMAT)
    throw new Error(`${archivePath} is in format ${manifest.format}; this version reads ${FORMAT}`);
  const problems = [];
  for (const [name, expected] of Object.entries(manifest.files)) {
    const actual = found[name];
    if (!actual) problems.push(`missing: ${name}`);
    else if (actual.sha256 !== expected.sha256 || actual.bytes !== expected.bytes)
      problems.push(`checksum differs: ${name}`);
  }
  for (const name of Object.keys(found))
    if (name !== MANIFEST && !manifest.files[name]) problems.push(`not in the manifest: ${name}`);
  if (problems.length) throw new Error(`${archivePath} does not match its manifest:\n  ${problems.join('\n  ')}`);
  return manifest;
}

/** Regular files under `dir`, as paths relative to it with '/' separators (none when `dir` does not exist). */
export async function listFiles(dir) {
  const out = [];
  async function walk(current) {
    let entries;
    try {
      entries = await readdir(current, { withFileTypes: true });
    } catch (error) {
      if (error.code === 'ENOENT') return;
      throw error;
    }
    for (const entry of entries) {
      const full = join(current, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.isFile()) out.push(relative(dir, full).split(sep).join('/'));
    }
  }
  await walk(dir);
  return out.sort();
}

/** True when `dir` is missing or empty. */
export async function isEmptyDir(dir) {
  try {
    return (await readdir(dir)).length === 0;
  } catch (error) {
    if (error.code === 'ENOENT') return true;
    throw error;
  }
}
