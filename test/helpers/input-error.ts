import { InputError } from '../../src/errors.js'

/** The InputError `fn` throws; any other error is rethrown, and none at all fails the test. */
export function inputErrorOf(fn: () => unknown): InputError {
  try {
    fn()
  } catch (error) {
    if (error instanceof InputError) return error
    throw error
  }
  throw new Error('expected an InputError')
}
