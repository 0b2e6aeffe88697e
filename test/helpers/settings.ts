import { readSettings } from '../../src/action/settings.js'
import { InputError } from '../../src/errors.js'

/** The InputError message readSettings gives for these action inputs, or '' when they are valid. */
export function settingsError(inputs: Record<string, string>): string {
  try {
    readSettings((name) => inputs[name] ?? '')
  } catch (error) {
    if (error instanceof InputError) return error.message
    throw error
  }
  return ''
}
