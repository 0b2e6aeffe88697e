/** Text imports (`?raw`): Vite's in the tests, scripts/bundle.mjs's in dist/ (see assets.ts). */
declare module '*?raw' {
  const text: string
  export default text
}
