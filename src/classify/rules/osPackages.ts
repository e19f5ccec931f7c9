/**
 * The OS package that provides a shared library the dynamic loader could not find, on Debian/Ubuntu
 * (apt-get) and on Alpine (apk). "Install the package named after the library" is wrong often enough
 * (libGL.so.1 is libgl1, libz.so.1 is zlib1g, libgomp.so.1 on Alpine is libgomp) that the step names it.
 * Sonames with a major version are listed as the loader asks for them; a library missing here keeps the
 * step's generic wording. Names from Debian 12 (bookworm) and Alpine 3.19+ package indexes.
 */
const PROVIDERS: Readonly<Record<string, readonly [debian: string, alpine?: string]>> = {
  'libpq.so.5': ['libpq5', 'libpq'],
  'libgomp.so.1': ['libgomp1', 'libgomp'],
  'libGL.so.1': ['libgl1', 'mesa-gl'],
  'libEGL.so.1': ['libegl1', 'mesa-egl'],
  'libgbm.so.1': ['libgbm1', 'mesa-gbm'],
  'libglib-2.0.so.0': ['libglib2.0-0', 'glib'],
  'libgthread-2.0.so.0': ['libglib2.0-0', 'glib'],
  'libgobject-2.0.so.0': ['libglib2.0-0', 'glib'],
  'libSM.so.6': ['libsm6', 'libsm'],
  'libXext.so.6': ['libxext6', 'libxext'],
  'libXrender.so.1': ['libxrender1', 'libxrender'],
  'libX11.so.6': ['libx11-6', 'libx11'],
  'libz.so.1': ['zlib1g', 'zlib'],
  'libstdc++.so.6': ['libstdc++6', 'libstdc++'],
  'libgcc_s.so.1': ['libgcc-s1', 'libgcc'],
  'libffi.so.8': ['libffi8', 'libffi'],
  'libxml2.so.2': ['libxml2', 'libxml2'],
  'libxslt.so.1': ['libxslt1.1', 'libxslt'],
  'libjpeg.so.62': ['libjpeg62-turbo'],
  'libpng16.so.16': ['libpng16-16', 'libpng'],
  'libfreetype.so.6': ['libfreetype6', 'freetype'],
  'libfontconfig.so.1': ['libfontconfig1', 'fontconfig'],
  'libcairo.so.2': ['libcairo2', 'cairo'],
  'libvips.so.42': ['libvips42', 'vips'],
  'libmagic.so.1': ['libmagic1', 'libmagic'],
  'libsndfile.so.1': ['libsndfile1', 'libsndfile'],
  'libaio.so.1': ['libaio1', 'libaio'],
  'libodbc.so.2': ['libodbc2', 'unixodbc'],
  'libmariadb.so.3': ['libmariadb3', 'mariadb-connector-c'],
  'libsqlite3.so.0': ['libsqlite3-0', 'sqlite-libs'],
  'libcurl.so.4': ['libcurl4', 'libcurl'],
  'libgssapi_krb5.so.2': ['libgssapi-krb5-2', 'krb5-libs'],
  'libkrb5.so.3': ['libkrb5-3', 'krb5-libs'],
  'libnss3.so': ['libnss3', 'nss'],
  // NSS's other libraries ship in the same package (Debian libnss3's and Alpine nss's file lists): Chromium's
  // "Error initializing NSS ... libsoftokn3.so: cannot open shared object file".
  'libsoftokn3.so': ['libnss3', 'nss'],
  'libnssutil3.so': ['libnss3', 'nss'],
  'libsmime3.so': ['libnss3', 'nss'],
  'libfreebl3.so': ['libnss3', 'nss'],
  'libasound.so.2': ['libasound2', 'alsa-lib'],
  'libexpat.so.1': ['libexpat1'],
  'libsodium.so.23': ['libsodium23', 'libsodium'],
  'libzmq.so.5': ['libzmq5', 'libzmq'],
  'libgdiplus.so': ['libgdiplus'],
  'libgeos_c.so.1': ['libgeos-c1v5', 'geos'],
  // Added for the v11 steps review (librdkafka.so.1 from a slim image): client, compression, TLS and browser libraries.
  'librdkafka.so.1': ['librdkafka1', 'librdkafka'],
  'libsasl2.so.2': ['libsasl2-2', 'cyrus-sasl'],
  'liblz4.so.1': ['liblz4-1', 'lz4-libs'],
  'libzstd.so.1': ['libzstd1', 'zstd-libs'],
  'libssl.so.3': ['libssl3', 'libssl3'],
  'libcrypto.so.3': ['libssl3', 'libcrypto3'],
  'libuuid.so.1': ['libuuid1', 'libuuid'],
  'libgfortran.so.5': ['libgfortran5', 'libgfortran'],
  'libopenblas.so.0': ['libopenblas0', 'openblas'],
  'libnspr4.so': ['libnspr4', 'nspr'],
  'libxkbcommon.so.0': ['libxkbcommon0', 'libxkbcommon'],
  'libdrm.so.2': ['libdrm2', 'libdrm'],
  'libxcb.so.1': ['libxcb1', 'libxcb'],
  'libXtst.so.6': ['libxtst6', 'libxtst'],
  'libXrandr.so.2': ['libxrandr2', 'libxrandr'],
  'libXcomposite.so.1': ['libxcomposite1', 'libxcomposite'],
  'libXdamage.so.1': ['libxdamage1', 'libxdamage'],
  'libXfixes.so.3': ['libxfixes3', 'libxfixes'],
  'libcups.so.2': ['libcups2', 'cups-libs'],
  'libdbus-1.so.3': ['libdbus-1-3', 'dbus-libs'],
  'libatk-1.0.so.0': ['libatk1.0-0', 'at-spi2-core'],
  'libatk-bridge-2.0.so.0': ['libatk-bridge2.0-0', 'at-spi2-core'],
  'libpango-1.0.so.0': ['libpango-1.0-0', 'pango'],
  'libX11-xcb.so.1': ['libx11-xcb1', 'libx11'],
  'libXss.so.1': ['libxss1', 'libxscrnsaver'],
  'libXi.so.6': ['libxi6', 'libxi'],
  'libXcursor.so.1': ['libxcursor1', 'libxcursor'],
  'libgtk-3.so.0': ['libgtk-3-0', 'gtk+3.0'],
  'libatspi.so.0': ['libatspi2.0-0', 'at-spi2-core'],
};

/**
 * Libraries a Chrome/Chromium build links against (Puppeteer's troubleshooting, "Chrome doesn't launch on
 * Linux": libnss3, libx11-6, libxcomposite1, ... https://pptr.dev/troubleshooting). A slim image lacks most of
 * them at once, so installing the one the loader named only leads to the next "cannot open shared object".
 */
const CHROME_LIBRARY = /^lib(?:nss3|nssutil3|smime3|softokn3|freebl3|nspr4|X11|X11-xcb|xcb|Xcomposite|Xdamage|Xext|Xfixes|Xrandr|Xrender|Xss|Xi|Xcursor|Xtst|xkbcommon|gbm|drm|asound|atk-1\.0|atk-bridge-2\.0|atspi|cups|dbus-1|pango-1\.0|cairo|gtk-3|glib-2\.0|gobject-2\.0|expat)\.so\b/;
const BROWSER_ROWS = /\b(?:chrome|chromium|headless_shell|puppeteer|playwright)\b/i;

/** `chromeLibrary` when the library the loader missed is one of Chrome's and the rows say a browser asked for it. */
export function chromeLibraryNames(names: Readonly<Record<string, string>>, rows: readonly string[]): Record<string, string> {
  const library = names.library;
  if (typeof library !== 'string' || !CHROME_LIBRARY.test(library.slice(0, 100))) return {};
  return rows.some((r) => BROWSER_ROWS.test(r.slice(0, 2000))) ? { chromeLibrary: library } : {};
}

/**
 * `osPackage` (Debian/Ubuntu) and `apkPackage` (Alpine) for the `library` a rule extracted; nothing for a
 * library not in the table. The lookup is exact: another major version is another package.
 */
export function packageNames(names: Readonly<Record<string, string>>): Record<string, string> {
  const library = names.library;
  const hit = typeof library === 'string' && Object.prototype.hasOwnProperty.call(PROVIDERS, library) ? PROVIDERS[library] : undefined;
  if (!hit) return {};
  return { osPackage: hit[0], ...(hit[1] ? { apkPackage: hit[1] } : {}) };
}
