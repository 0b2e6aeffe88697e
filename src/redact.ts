/**
 * Replaces every occurrence of a secret (an expanded header value) with "[redacted]". Applied
 * to server text we keep (error bodies can echo an Authorization header) and to log lines.
 */
export function createRedactor(secrets: Iterable<string>): (text: string) => string {
  // Short values ("1", "on") would shred ordinary text and are not credentials.
  const values = [...new Set(secrets)].filter((value) => value.length >= 6).sort((a, b) => b.length - a.length)
  // A bearer token also appears without its scheme.
  for (const value of [...values]) {
    const bare = value.replace(/^(Bearer|Basic|Token)\s+/i, '')
    if (bare !== value && bare.length >= 6) values.push(bare)
  }
  if (values.length === 0) return (text) => text
  return (text) => {
    let out = text
    for (const value of values) out = out.split(value).join('[redacted]')
    return out
  }
}
