import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';

/**
 * A headless Chromium for the browser tests, on any machine with Node and npm: `WUYE_CHROMIUM`,
 * else a Chromium or Chrome installed on the system, else the one the devDependency
 * @sparticuz/chromium ships inside its npm package (no download at install or at run time).
 * Chinese text is drawn with Noto Sans SC from the devDependency @fontsource/noto-sans-sc, so the
 * screenshots are readable whatever fonts the machine has.
 */

const require = createRequire(import.meta.url);

/** The machine has no network: Chromium must not try to reach anything but loopback. */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const SYSTEM = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];
const NO_BROWSER =
  'no browser for the browser tests: run `npm install` (it installs the devDependency @sparticuz/chromium), or set WUYE_CHROMIUM to a Chromium or Chrome executable';

export interface Found {
  executablePath: string;
  from: 'WUYE_CHROMIUM' | 'system' | '@sparticuz/chromium';
}

/** The first browser in the documented order; throws one line saying what to install when there is none. */
export async function findBrowser(env: NodeJS.ProcessEnv = process.env, searchPath = env.PATH ?? ''): Promise<Found> {
  if (env.WUYE_CHROMIUM) {
    if (!existsSync(env.WUYE_CHROMIUM))
      throw new Error(`WUYE_CHROMIUM=${env.WUYE_CHROMIUM} does not exist; ${NO_BROWSER}`);
    return { executablePath: env.WUYE_CHROMIUM, from: 'WUYE_CHROMIUM' };
  }
  for (const dir of searchPath.split(path.delimiter).filter(Boolean)) {
    for (const name of SYSTEM) {
      const candidate = path.join(dir, name);
      if (existsSync(candidate)) return { executablePath: candidate, from: 'system' };
    }
  }
  // eslint-disable-next-line @typescript-eslint/consistent-type-imports -- a type of a package loaded only here, lazily
  let packaged: typeof import('@sparticuz/chromium').default;
  try {
    packaged = (await import('@sparticuz/chromium')).default;
  } catch {
    throw new Error(NO_BROWSER);
  }
  // WebGL is not needed: skip unpacking SwiftShader.
  packaged.setGraphicsMode = false;
  return { executablePath: await packaged.executablePath(), from: '@sparticuz/chromium' };
}

/**
 * Launches the browser found; the packaged one is unpacked into the temp folder and unpacked again if that copy is
 * broken.
 */
export async function launchBrowser(): Promise<Browser> {
  const found = await findBrowser();
  const fonts = await cjkFontConfig();
  const launch = () =>
    chromium.launch({
      executablePath: found.executablePath,
      args: ARGS,
      ...(fonts && { env: { ...process.env, FONTCONFIG_FILE: fonts } }),
    });
  try {
    return await launch();
  } catch (error) {
    if (found.from !== '@sparticuz/chromium') throw error;
    // A copy cut short (a run killed while unpacking) fails to start: unpack it afresh.
    rmSync(found.executablePath, { force: true });
    const again = await findBrowser();
    return chromium.launch({
      executablePath: again.executablePath,
      args: ARGS,
      ...(fonts && { env: { ...process.env, FONTCONFIG_FILE: fonts } }),
    });
  }
}

/**
 * A fontconfig file that adds Noto Sans SC to the machine's own fonts. The package ships WOFF2
 * (web fonts), which Chromium's font loader for the system does not read: they are unpacked once
 * to TrueType with wawoff2, into node_modules/.cache. Undefined when the font package is missing.
 */
async function cjkFontConfig(): Promise<string | undefined> {
  let source: string;
  let decompress: (woff2: Uint8Array) => Promise<Uint8Array>;
  try {
    source = path.join(path.dirname(require.resolve('@fontsource/noto-sans-sc/package.json')), 'files');
    ({ decompress } = await import('wawoff2'));
  } catch {
    return undefined;
  }
  const cache = path.resolve('node_modules/.cache/wuye-fonts');
  mkdirSync(cache, { recursive: true });
  for (const file of readdirSync(source).filter((f) => /-(400|700)-normal\.woff2$/.test(f))) {
    const ttf = path.join(cache, file.replace(/\.woff2$/, '.ttf'));
    // Written under another name first: a run killed half-way leaves no broken font behind.
    if (!existsSync(ttf)) {
      writeFileSync(`${ttf}.part`, await decompress(readFileSync(path.join(source, file))));
      renameSync(`${ttf}.part`, ttf);
    }
  }
  const config = path.join(cache, 'fonts.conf');
  // @sparticuz/chromium unpacks a few Latin fonts beside its binary; a machine without fonts still has those.
  writeFileSync(
    config,
    `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n` +
      `  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n` +
      `  <dir>${path.join(tmpdir(), 'fonts')}</dir>\n  <dir>${cache}</dir>\n  <cachedir>${path.join(cache, 'fc-cache')}</cachedir>\n</fontconfig>\n`,
  );
  return config;
}
