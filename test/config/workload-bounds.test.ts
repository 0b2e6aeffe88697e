import { describe, expect, test } from 'vitest'
import { resolveWorkload } from '../../src/config/workload.js'
import { WORKLOAD_BOUNDS } from '../../src/config/workload-bounds.js'
import { InputError } from '../../src/errors.js'

const MINIMAL = { name: 'bounded', load: { concurrency: 4 } }

/** The InputError's message; it names the workload file, or the flag (`named`) that was wrong. */
function refusal(input: Record<string, unknown>, options: Parameters<typeof resolveWorkload>[2] = {}, named = 'w.yml'): string {
  try {
    resolveWorkload(input, 'w.yml', { env: {}, ...options })
  } catch (error) {
    if (error instanceof InputError) {
      expect(error.exitCode).toBe(2)
      expect(error.message).toContain(named)
      return error.message
    }
    throw error
  }
  throw new Error('expected an InputError')
}

describe('workload values have upper bounds, named in the message', () => {
  test.each([
    ['requests', { requests: 1e12 }, 'requests: got 1000000000000; expected at most 1,000,000 requests per trial'],
    ['concurrency', { load: { concurrency: 1e9 } }, 'load.concurrency: got 1000000000; expected at most 10,000 requests in flight'],
    ['trials', { trials: 5000 }, 'trials: got 5000; expected at most 1,000 trials'],
    ['warmup', { warmup: 1e7 }, 'warmup: got 10000000; expected at most 100,000 warm-up requests'],
    ['rate', { load: { rate: 1e9 } }, 'load.rate: got 1000000000; expected at most 100,000 requests/s'],
    ['a tiny rate', { load: { rate: 1e-9 } }, 'load.rate: got 1e-9; expected at least 0.001 requests/s'],
    ['a tiny ramp rate', { load: { ramp: [{ rate: 1e-6, seconds: 10 }, { rate: 1, seconds: 10 }] } }, 'load.ramp[0].rate: got 0.000001; expected 0 (a pause) or at least 0.001 requests/s'],
    ['a ramp stage', { load: { ramp: [{ rate: 1, seconds: 1e9 }] } }, 'load.ramp[0].seconds: got 1000000000; expected at most 86,400 seconds per stage'],
    ['ramp stages', { load: { ramp: Array.from({ length: 101 }, () => ({ rate: 1, seconds: 1 })) } }, 'expected at most 100 stages'],
    ['a week of ramp', { load: { ramp: Array.from({ length: 8 }, () => ({ rate: 1, seconds: 86_400 })) } }, 'the stages last more than 604,800 s (a week) together'],
    ['burstiness', { load: { rate: 1, arrival: 'gamma', burstiness: 1e-9 } }, 'load.burstiness: got 1e-9; expected at least 0.01'],
    ['input tokens', { prompts: { input_tokens: 1e9 } }, 'prompts.input_tokens: got 1000000000; expected at most 10,000,000 tokens'],
    ['output tokens', { prompts: { output_tokens: { mean: 2e6, stddev: 0 } } }, 'prompts.output_tokens: got {"mean":2000000,"stddev":0}; expected at most 1,000,000 tokens'],
    ['a token maximum', { prompts: { input_tokens: { mean: 10, max: 1e12 } } }, 'prompts.input_tokens.max: got 1000000000000; expected at most 10,000,000 tokens'],
    ['a timeout', { timeouts: { request_s: 1e12 } }, 'timeouts.request_s: got 1000000000000; expected at most 86,400 seconds']
  ])('%s', (_what, overrides, message) => {
    expect(refusal({ ...MINIMAL, ...overrides })).toContain(message)
  })

  test('the values at each bound are accepted', () => {
    const bounds = WORKLOAD_BOUNDS
    expect(() => resolveWorkload({ name: 'edge', trials: bounds.trials, requests: 10, warmup: 10, load: { concurrency: bounds.concurrency, rate: bounds.minRate }, timeouts: { connect_s: bounds.timeoutSeconds } }, 'w.yml', { env: {} })).not.toThrow()
  })

  test('request bodies a trial would build beyond 1 GiB are refused, saying how to split the run', () => {
    expect(refusal({ ...MINIMAL, requests: 1_000_000, prompts: { input_tokens: 512 } })).toMatch(/a trial's request bodies would take about 5\.2 GiB of memory .* at most 1 GiB: use fewer requests per trial and more trials/)
  })

  test('a run with more inter-token gaps than compare could read back is refused', () => {
    expect(refusal({ ...MINIMAL, trials: 100, requests: 10_000, prompts: { input_tokens: 16, output_tokens: 256 } })).toContain('2.56e+8 output tokens in one run; at most 200,000,000')
    // A soak of a million requests of 128 tokens is not: its result is written as a stream.
    expect(() => resolveWorkload({ ...MINIMAL, trials: 1, requests: 1_000_000, prompts: { input_tokens: 16, output_tokens: 128 } }, 'w.yml', { env: {} })).not.toThrow()
  })

  test('the defaults and a large real benchmark pass every bound', () => {
    expect(() => resolveWorkload(MINIMAL, 'w.yml', { env: {} })).not.toThrow()
    expect(() => resolveWorkload({ ...MINIMAL, trials: 10, requests: 10_000, prompts: { input_tokens: 8192, output_tokens: 256 }, load: { concurrency: 256 } }, 'w.yml', { env: {} })).not.toThrow()
  })
})

describe('URLs and headers that could not be meant are refused at load time', () => {
  test.each(['file:///etc/passwd', 'ftp://host/x', 'gopher://host', 'javascript:alert(1)'])('workload url %s', (url) => {
    expect(refusal({ ...MINIMAL, url })).toContain('url: got')
    expect(refusal({ ...MINIMAL, url })).toContain('expected an http:// or https:// URL')
  })

  test('--url with another scheme', () => {
    expect(refusal(MINIMAL, { url: 'file:///etc/passwd' }, '--url')).toBe('--url: got "file:///etc/passwd"; expected an http:// or https:// URL such as http://127.0.0.1:8000')
  })

  test('https and http are accepted', () => {
    expect(resolveWorkload({ ...MINIMAL, url: 'https://inference.example.com/v1' }, 'w.yml', { env: {} }).url).toBe('https://inference.example.com')
  })

  test('a header name with CR/LF or a colon', () => {
    expect(refusal({ ...MINIMAL, headers: { 'X-A\r\nInjected': 'v' } })).toContain('expected a header name of letters, digits')
    expect(refusal({ ...MINIMAL, headers: { 'X-A: b': 'v' } })).toContain('expected a header name of letters, digits')
  })

  test('a header value with CR/LF is refused without echoing the value, which may be a credential', () => {
    const message = refusal({ ...MINIMAL, headers: { Authorization: 'Bearer sk-secret-123\r\nX-Injected: 1' } })
    expect(message).toContain('headers.Authorization: got a value (not shown); expected a value without CR, LF or NUL characters')
    expect(message).not.toContain('sk-secret-123')
  })

  test('an environment variable whose value holds a line break', () => {
    const message = refusal({ ...MINIMAL, headers: { Authorization: 'Bearer ${KEY}' } }, { env: { KEY: 'sk-1\r\nX-Evil: 1' } })
    expect(message).toContain('headers.Authorization uses ${KEY}, whose value holds a CR, LF or NUL character')
    expect(message).not.toContain('sk-1')
  })
})
