import { describe, expect, test } from 'vitest'
import { createRedactor, REDACTED } from '../src/redact.js'

// Has the characters JSON, URLs and HTML each write differently: / + = " \ & and a space after the scheme.
const TOKEN = 'sk-KEY0a1b/KEY2c3d+KEY4e5f="KEY6a7b\\KEY8c9d&KEYtail'
const HEADER = `Bearer ${TOKEN}`
const leaks = (text: string): boolean => /KEY[0-9a-f]|KEYtail/.test(text)

describe('createRedactor', () => {
  const redact = createRedactor([HEADER, 'on'])

  test('the whole header value and the token without its scheme', () => {
    expect(redact(`auth was ${HEADER}.`)).toBe(`auth was ${REDACTED}.`)
    expect(redact(`token ${TOKEN} rejected`)).toBe(`token ${REDACTED} rejected`)
  })

  test('the token as JSON writes it, with and without escaped slashes', () => {
    const json = JSON.stringify({ auth: HEADER })
    expect(leaks(redact(json))).toBe(false)
    expect(leaks(redact(json.replaceAll('/', '\\/')))).toBe(false)
    expect(redact(json)).toBe(`{"auth":"${REDACTED}"}`)
  })

  test('the token as a URL writes it: percent-encoded in either hex case, or as a form', () => {
    for (const text of [
      `GET /echo?auth=${encodeURIComponent(HEADER)}`,
      `GET /echo?auth=${encodeURIComponent(HEADER).replace(/%[0-9A-F]{2}/g, (hex) => hex.toLowerCase())}`,
      `auth=${new URLSearchParams({ a: HEADER }).toString().slice(2)}`
    ]) {
      expect(leaks(redact(text)), text).toBe(false)
    }
  })

  test('the token in an HTML error page', () => {
    const html = `<p>${HEADER.replaceAll('&', '&amp;').replaceAll('"', '&quot;')}</p>`
    expect(redact(html)).toBe(`<p>${REDACTED}</p>`)
    expect(leaks(redact(HEADER.replaceAll('&', '&#38;').replaceAll('"', '&#34;')))).toBe(false)
  })

  test('the token broken over lines or by spaces, as a wrapped message or a collapsed excerpt has it', () => {
    const wrapped = TOKEN.match(/.{1,9}/g)!.join('\n')
    expect(redact(`key:\n${wrapped}\nend`)).toBe(`key:\n${REDACTED}\nend`)
    expect(redact(`Bearer   ${TOKEN.slice(0, 10)} ${TOKEN.slice(10)}`)).toBe(REDACTED)
  })

  test('a text cut off in the middle of the token: its first part at the end, its last part at the start', () => {
    expect(redact(`invalid key ${HEADER.slice(0, 15)}`)).toBe(`invalid key Bearer ${REDACTED}`)
    expect(redact(`${TOKEN.slice(-12)} was rejected`)).toBe(`${REDACTED} was rejected`)
    // Fewer than six characters of it are not a credential, and the scheme alone leaks nothing.
    expect(redact('use a Bearer')).toBe('use a Bearer')
    expect(redact('sk-KE')).toBe('sk-KE')
  })

  test('the user and password inside a Basic credential', () => {
    const basic = createRedactor([`Basic ${Buffer.from('alice:s3cret-pass').toString('base64')}`])
    expect(basic('login alice:s3cret-pass failed')).toBe(`login ${REDACTED} failed`)
  })

  test('leaves ordinary text alone: short header values are not secrets', () => {
    expect(redact('on the stop sequence, finish_reason=length')).toBe('on the stop sequence, finish_reason=length')
    expect(createRedactor([])('anything')).toBe('anything')
  })
})
