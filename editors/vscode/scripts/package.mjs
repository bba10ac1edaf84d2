// Packages the extension as gwlint-linux-x64.vsix: builds the release binary,
// copies it and the JSON Schemas into the extension, then runs vsce.
// Run through `npm run package` (which bundles the TypeScript first).
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const extension = join(dirname(fileURLToPath(import.meta.url)), '..');
const repo = join(extension, '..', '..');

function run(command, args, cwd) {
  console.log(`> ${command} ${args.join(' ')}`);
  execFileSync(command, args, { cwd, stdio: 'inherit' });
}

// The binary the extension bundles is the release build of this checkout,
// unless GWLINT_SERVER_BINARY names another (say, a debug build while working
// on the extension).
let binary = process.env.GWLINT_SERVER_BINARY;
if (!binary) {
  run('cargo', ['build', '--release', '--locked', '-p', 'gwlint'], repo);
  binary = join(repo, 'target', 'release', 'gwlint');
}
rmSync(join(extension, 'server'), { recursive: true, force: true });
mkdirSync(join(extension, 'server'));
copyFileSync(binary, join(extension, 'server', 'gwlint'));
chmodSync(join(extension, 'server', 'gwlint'), 0o755);
// The release profile keeps line tables for backtraces; users download the
// .vsix, so drop them from the copy (about two thirds of the size).
try {
  run('strip', ['--strip-debug', join(extension, 'server', 'gwlint')], extension);
} catch {
  console.log('strip is not available: the binary is packaged with its debug information');
}

// The schemas live with the rules engine; copies go in the package so that
// Even Better TOML can validate gwlint.toml and rule packs.
mkdirSync(join(extension, 'schemas'), { recursive: true });
for (const name of ['gwlint.schema.json', 'pack.schema.json']) {
  copyFileSync(join(repo, 'rules', 'schema', name), join(extension, 'schemas', name));
}

run(
  process.platform === 'win32' ? 'npx.cmd' : 'npx',
  [
    'vsce', 'package',
    '--target', 'linux-x64',
    '--no-dependencies', // bundled by esbuild: node_modules stays out
    '--allow-missing-repository',
    '--skip-license',
    '--out', 'gwlint-linux-x64.vsix',
  ],
  extension,
);
