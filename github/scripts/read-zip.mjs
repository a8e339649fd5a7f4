// @ts-check
/**
 * One file out of a zip archive (an Actions artifact as the API serves it): the central
 * directory is read, the entry is inflated (or stored) and its CRC-32 checked. No dependencies.
 */
import { crc32, inflateRawSync } from "node:zlib";

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;

/**
 * @param {Buffer} zip
 */
function endOfDirectory(zip) {
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 65_535); i--) {
    if (zip.readUInt32LE(i) === END_OF_DIRECTORY) return i;
  }
  throw new Error("not a zip archive (no end of central directory)");
}

/**
 * The names of the files in the archive.
 * @param {Buffer} zip
 * @returns {{ name: string, method: number, crc: number, size: number, compressed: number, offset: number }[]}
 */
export function zipEntries(zip) {
  const end = endOfDirectory(zip);
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = [];
  for (let n = 0; n < count; n++) {
    if (at + 46 > zip.length || zip.readUInt32LE(at) !== DIRECTORY_ENTRY)
      throw new Error("broken zip directory");
    const nameLength = zip.readUInt16LE(at + 28);
    const extra = zip.readUInt16LE(at + 30);
    const comment = zip.readUInt16LE(at + 32);
    entries.push({
      method: zip.readUInt16LE(at + 10),
      crc: zip.readUInt32LE(at + 16),
      compressed: zip.readUInt32LE(at + 20),
      size: zip.readUInt32LE(at + 24),
      offset: zip.readUInt32LE(at + 42),
      name: zip.subarray(at + 46, at + 46 + nameLength).toString("utf8"),
    });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

/**
 * The content of the file `name` in the archive.
 * @param {Buffer} zip
 * @param {string} name
 * @returns {Buffer}
 */
export function readZipEntry(zip, name) {
  const entry = zipEntries(zip).find((e) => e.name === name);
  if (!entry) throw new Error(`the archive has no ${name}`);
  if (zip.readUInt32LE(entry.offset) !== LOCAL_HEADER) throw new Error(`broken zip entry ${name}`);
  const start = entry.offset + 30 + zip.readUInt16LE(entry.offset + 26) + zip.readUInt16LE(entry.offset + 28);
  const raw = zip.subarray(start, start + entry.compressed);
  let data;
  if (entry.method === 0) data = Buffer.from(raw);
  else if (entry.method === 8) data = inflateRawSync(raw, { maxOutputLength: 64 * 1024 * 1024 });
  else throw new Error(`zip entry ${name} uses compression method ${entry.method}, which is not supported`);
  if (data.length !== entry.size || crc32(data) !== entry.crc)
    throw new Error(`zip entry ${name} is corrupt`);
  return data;
}
