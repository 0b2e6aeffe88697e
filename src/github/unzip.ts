import { mkdir } from 'node:fs/promises'
import type { Readable } from 'node:stream'
import unzip from 'unzip-stream'

/**
 * Extracts a zip archive, read as a stream, into `destination` (created when missing). The one
 * place that knows about the zip format, so the artifact download takes it as a parameter.
 */
export type ExtractZip = (zip: Readable, destination: string) => Promise<void>

/**
 * The default `ExtractZip`: unzip-stream, the extractor `@actions/artifact` itself uses for
 * artifact zips (so we read them exactly as `actions/download-artifact` does). It strips `..`
 * segments from entry names, so an entry cannot be written outside `destination`.
 */
export const extractZip: ExtractZip = async (zip, destination) => {
  await mkdir(destination, { recursive: true })
  await new Promise<void>((resolve, reject) => {
    const extractor = unzip.Extract({ path: destination })
    // Extract's 'finish' can come before the last file is written; 'close' comes after.
    extractor.on('close', () => resolve())
    extractor.on('error', reject)
    zip.on('error', reject)
    zip.pipe(extractor)
  })
}
