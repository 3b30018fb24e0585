// Bundles the server into dist/main.mjs: our code and the pure-JavaScript packages it uses, so that the server
// loads one module instead of hundreds of files (start-up and memory). Kept outside the bundle: native addons, the
// packages imported only when a feature is used (exceljs), and what a package finds on disk at run time.
import { build } from 'esbuild';

await build({
  entryPoints: ['src/main.ts'],
  outfile: 'dist/main.mjs',
  bundle: true,
  external: ['better-sqlite3', 'argon2', 'sharp', 'sodium-native', 'exceljs', 'pg-native', '@fontsource/*', '@expo-google-fonts/*'],
  platform: 'node',
  format: 'esm',
  target: 'node20',
  jsx: 'automatic',
  jsxImportSource: '@kitajs/html',
  sourcemap: true,
  sourcesContent: false,
  minifyWhitespace: true,
  minifySyntax: true,
  // CommonJS packages inside an ES module bundle still call require() for Node's own modules
  banner: { js: "import { createRequire as __prongsaiRequire } from 'node:module'; const require = __prongsaiRequire(import.meta.url);" },
  logLevel: 'warning',
});
